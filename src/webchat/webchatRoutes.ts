import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Next, Request, Response, Server } from 'restify';

const gzipAsync = promisify(gzip);

/**
 * Finds `src/webchat/public` by walking up from this file, so the same code works from ts-jest
 * (`src/webchat/`) and from the build (`dist/src/webchat/`), which has no copy of the assets.
 */
function findPublicDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'webchat', 'public');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) {
      throw new Error(`registerWebChatPage(): src/webchat/public not found above ${__dirname}`);
    }
  }
}

/**
 * Web Chat's prebuilt bundle. The package's `exports` map hides `dist/`, so
 * `require.resolve('botframework-webchat/dist/webchat.js')` throws ERR_PACKAGE_PATH_NOT_EXPORTED;
 * resolve the package's entry point instead and step over to `dist/`.
 */
function findWebChatBundle(): string {
  const entry = require.resolve('botframework-webchat'); // <pkg>/lib/index.js
  return path.join(path.dirname(entry), '..', 'dist', 'webchat.js');
}

interface Asset {
  body: Buffer;
  type: string;
}

const NO_CACHE = 'no-cache';
// The bundle changes only with the pinned package version; a day keeps reloads cheap on phones.
const BUNDLE_CACHE = 'public, max-age=86400';

/**
 * Serves the browser chat: `GET /` (the page), its `chat.js`, `chat.css` and `favicon.svg` under
 * `/webchat/`, and `GET /webchat/webchat.js` (Microsoft Web Chat from node_modules, never a CDN).
 *
 * @remarks The page talks to the Direct Line endpoint of `registerDirectLineRoutes`. Its own
 * files are small and read once here; the 4 MB bundle is streamed, or sent gzipped (compressed
 * once, on first demand) to browsers that accept it.
 */
export function registerWebChatPage(server: Server): void {
  const dir = findPublicDir();
  const read = (file: string, type: string): Asset => ({
    body: readFileSync(path.join(dir, file)),
    type,
  });
  const assets: Record<string, Asset> = {
    '/': read('index.html', 'text/html; charset=utf-8'),
    '/webchat/chat.js': read('chat.js', 'application/javascript; charset=utf-8'),
    '/webchat/chat.css': read('chat.css', 'text/css; charset=utf-8'),
    // Linked from the page, so browsers do not ask for a /favicon.ico that does not exist.
    '/webchat/favicon.svg': read('favicon.svg', 'image/svg+xml'),
  };
  for (const [route, asset] of Object.entries(assets)) {
    server.get(route, (_req: Request, res: Response, next: Next) => {
      res.writeHead(200, {
        'Content-Type': asset.type,
        'Content-Length': asset.body.length,
        'Cache-Control': NO_CACHE,
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(asset.body);
      return next();
    });
  }

  const bundle = findWebChatBundle();
  let gzipped: Promise<Buffer> | undefined;
  server.get('/webchat/webchat.js', (req: Request, res: Response, next: Next) => {
    const headers = {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': BUNDLE_CACHE,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      gzipped ??= readFile(bundle).then((raw) => gzipAsync(raw, { level: 9 }));
      void gzipped.then(
        (body) => {
          res.writeHead(200, {
            ...headers,
            'Content-Encoding': 'gzip',
            'Content-Length': body.length,
          });
          res.end(body);
          next();
        },
        (error: unknown) => {
          gzipped = undefined;
          next(error instanceof Error ? error : new Error(String(error)));
        },
      );
      return;
    }
    const stream = createReadStream(bundle);
    stream.once('error', (error) => (res.headersSent ? res.destroy(error) : next(error)));
    stream.once('open', () => {
      res.writeHead(200, headers);
      stream.pipe(res);
    });
    stream.once('end', () => next());
    res.once('close', () => stream.destroy());
  });
}
