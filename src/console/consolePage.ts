import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Next, Request, Response, Server } from 'restify';

/**
 * The page may load only its own script and style and talk only to its own origin: no inline
 * scripts, no CDN, no framing.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; media-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Finds `src/console/public` from ts-jest (`src/console/`) and from the build (`dist/src/console/`). */
function findPublicDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'console', 'public');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`registerConsolePage(): src/console/public not found above ${__dirname}`);
  }
}

/** Serves the console page and its two assets under `/helpdesk/` (read once; they are small). */
export function registerConsolePage(server: Server): void {
  const dir = findPublicDir();
  const files: [string, string, string][] = [
    ['/helpdesk/', 'index.html', 'text/html; charset=utf-8'],
    ['/helpdesk/console.js', 'console.js', 'application/javascript; charset=utf-8'],
    ['/helpdesk/console.css', 'console.css', 'text/css; charset=utf-8'],
  ];
  for (const [route, file, type] of files) {
    const body = readFileSync(path.join(dir, file));
    server.get(route, (_req: Request, res: Response, next: Next) => {
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': CONSOLE_CSP,
        'X-Frame-Options': 'DENY',
      });
      res.end(body);
      next();
    });
  }
  server.get('/helpdesk', (_req: Request, res: Response, next: Next) => {
    res.redirect(301, '/helpdesk/', next);
  });
}
