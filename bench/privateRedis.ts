import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type Redis from 'ioredis';
import { createRedisClient } from '../src/state/redisClient';

/** A redis-server owned by the benchmark run, and a client for INFO and MEMORY queries. */
export interface PrivateRedis {
  url: string;
  client: Redis;
  version: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `redis-server` (or `REDIS_SERVER_BIN`) on a free port of 127.0.0.1 without persistence,
 * as test/helpers/testRedis.ts does (that helper registers jest hooks, so it is not imported here).
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  let failure: string | undefined;
  child.once('error', (error) => (failure = `cannot run ${bin}: ${error.message}`));
  child.once('exit', (code) => (failure ??= `${bin} exited with code ${code}`));
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `redis://127.0.0.1:${port}`;
  const client = createRedisClient(url);
  const deadline = Date.now() + 5_000;
  for (;;) {
    if (failure) throw new Error(`startPrivateRedis(): ${failure}. Install redis-server or set REDIS_SERVER_BIN.`);
    try {
      if ((await client.ping()) === 'PONG') break;
    } catch {
      if (Date.now() > deadline) throw new Error(`startPrivateRedis(): ${bin} did not answer on port ${port}`);
      await delay(50);
    }
  }
  const version = parseInfo(await client.info('server'))['redis_version'] ?? '?';
  return {
    url,
    client,
    version,
    stop: async () => {
      client.disconnect();
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `INFO` text as a flat map of field → value. */
export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) fields[line.slice(0, at)] = line.slice(at + 1);
  }
  return fields;
}

/** Calls per command from `INFO commandstats` (script-internal commands included, as Redis counts them). */
export async function commandCalls(client: Redis): Promise<Record<string, number>> {
  const calls: Record<string, number> = {};
  for (const [field, value] of Object.entries(parseInfo(await client.info('commandstats')))) {
    const count = /calls=(\d+)/.exec(value);
    if (count) calls[field.replace(/^cmdstat_/, '')] = Number(count[1]);
  }
  return calls;
}

/** Difference of two `commandCalls` snapshots, without the benchmark's own INFO calls. */
export function callsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [name, count] of Object.entries(after)) {
    const d = count - (before[name] ?? 0);
    if (d > 0 && name !== 'info') delta[name] = d;
  }
  return delta;
}
