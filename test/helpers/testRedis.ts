import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type Redis from 'ioredis';
import { createRedisClient } from '../../src/state/redisClient';

/** A redis-server owned by one test file. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Shuts the server down (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops the server, then starts a fresh, empty one on the same port. */
  restart(): Promise<void>;
  /** Kills the server at once (SIGKILL) without waiting. */
  kill(): void;
}

/** A Redis for one test file, with a key prefix no other run uses. */
export interface TestRedis {
  url: string;
  /** Give it to `new RedisKeys(keyPrefix)`; cleanup removes every key under it. */
  keyPrefix: string;
  redis: Redis;
  cleanup(): Promise<void>;
}

const START_TIMEOUT_MS = 5_000;
const START_ATTEMPTS = 3;

// A test run that crashes must not leave redis-servers behind.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One raw PING, so waiting for start-up does not need a client that reconnects on its own. */
function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(300, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns redis-server on `port` (with `extraArgs`, e.g. a config file first, or cluster options)
 * and resolves once it answers PING. The process is killed when the test run exits.
 */
export async function spawnServer(port: number, extraArgs: string[] = [], firstArgs: string[] = []): Promise<ChildProcess> {
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const args = [...firstArgs, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let failure: string | undefined;
  child.once('error', (error) => (failure = `cannot run ${bin}: ${error.message}`));
  child.once('exit', (code) => (failure ??= `${bin} exited with code ${code}: ${output.trim()}`));
  running.add(child);
  child.once('exit', () => running.delete(child));

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (failure) throw new Error(failure);
    if (await pingOnce(port)) return child;
    await delay(50);
  }
  child.kill('SIGKILL');
  throw new Error(`${bin} did not answer PING on port ${port} within ${START_TIMEOUT_MS} ms`);
}

export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a private, empty, non-persistent redis-server on a free port of 127.0.0.1.
 * The binary is `REDIS_SERVER_BIN` or `redis-server` on PATH.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  let child: ChildProcess | undefined;
  let port = 0;
  let lastError: unknown;
  // The free port can be taken between probing and binding; try another one then.
  for (let attempt = 0; attempt < START_ATTEMPTS && !child; attempt++) {
    port = await freePort();
    try {
      child = await spawnServer(port);
    } catch (error) {
      lastError = error;
      if (/cannot run/.test((error as Error).message)) break;
    }
  }
  if (!child) throw lastError;
  let current: ChildProcess = child;

  const stop = async (): Promise<void> => {
    current.kill('SIGTERM');
    await waitForExit(current);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: async () => {
      await stop();
      current = await spawnServer(port);
    },
    kill: () => {
      current.kill('SIGKILL');
    },
  };
}

async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(keys);
    cursor = next;
  } while (cursor !== '0');
}

function explain(reason: string): Error {
  const why = process.env.CI
    ? 'CI is set, so Redis tests fail instead of being skipped'
    : 'These tests always need a real Redis';
  return new Error(
    `getTestRedis(): ${reason}. ${why}. Set REDIS_URL, or install redis-server (or set REDIS_SERVER_BIN).`,
  );
}

/**
 * A real Redis for a test file: `REDIS_URL` when set (keys under a unique prefix, removed by
 * cleanup), else a private redis-server (stopped by cleanup). Throws when neither can be had,
 * because a skipped Redis test would hide exactly the bugs these tests exist for.
 */
export async function getTestRedis(): Promise<TestRedis> {
  const keyPrefix = `test:${randomBytes(6).toString('hex')}:`;
  const sharedUrl = process.env.REDIS_URL;
  if (sharedUrl) {
    const redis = createRedisClient(sharedUrl);
    try {
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      // The message only: the URL may contain a password.
      throw explain(`REDIS_URL is set but does not answer (${(error as Error).message})`);
    }
    return {
      url: sharedUrl,
      keyPrefix,
      redis,
      cleanup: async () => {
        await deleteByPrefix(redis, keyPrefix);
        await redis.quit();
      },
    };
  }

  let server: PrivateRedis;
  try {
    server = await startPrivateRedis();
  } catch (error) {
    throw explain(
      `REDIS_URL is not set and no private redis-server could start (${(error as Error).message})`,
    );
  }
  const redis = createRedisClient(server.url);
  return {
    url: server.url,
    keyPrefix,
    redis,
    cleanup: async () => {
      await redis.quit();
      await server.stop();
    },
  };
}

/**
 * Registers beforeAll/afterAll in the calling `describe` and returns a getter for its Redis.
 * @example const testRedis = useTestRedis(); it('…', async () => { await testRedis().redis.ping(); });
 */
export function useTestRedis(): () => TestRedis {
  let current: TestRedis | undefined;
  beforeAll(async () => {
    current = await getTestRedis();
  });
  afterAll(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useTestRedis(): the Redis is only available inside tests');
    return current;
  };
}
