import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'dist', 'src', 'index.js');

/**
 * Compiles the bot once (`tsc -p tsconfig.build.json`). Type errors elsewhere in a tree that
 * several people edit still emit JavaScript, so only a missing entry point counts as failure.
 */
export function buildBot(): void {
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(ENTRY)) throw new Error(`buildBot(): ${ENTRY} missing after tsc: ${result.stdout}${result.stderr}`);
}

/**
 * Compiles only when `dist` is missing or older than a file under src/ or dialogs/ (data and
 * locales are read from the root at run time): saves a tsc run per test file.
 */
export function buildBotIfStale(): void {
  const newest = Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'dialogs')));
  if (!existsSync(ENTRY) || newest > statSync(ENTRY).mtimeMs) buildBot();
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The compiled bot running as a child process, as production runs it. */
export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** What the bot logged (JSON lines), for failure messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Starts `node dist/src/index.js` on `port` with `REDIS_URL` (and `env`, e.g. a staff users
 * file), and waits until /healthz is 200.
 */
export async function startBot(port: number, redisUrl: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), REDIS_URL: redisUrl, PII_KEY_SECRET: 'test-pii-key-secret-of-32-characters-or-more', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return { url, child, output: () => output, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`startBot(): not healthy in time. Output:\n${output}`);
}
