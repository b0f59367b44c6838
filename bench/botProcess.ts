// As src/index.ts: the SDK loads with native async functions, as in production.
import '../src/perf/nativeAsyncHook';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { warmUpRecognizers } from '../dialogs/shared/recognizers';
import { buildApp } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig, loadHelplineData } from '../src/config';
import { silentLogger } from '../src/logger';
import { createRedisClient } from '../src/state/redisClient';
import argon2 from 'argon2';
import type { StaffUser } from '../src/console/staffUsers';
import { createEchoServer } from './echoBot';
import { BENCH_STAFF } from './relay';
import type { ChildReport, LoopDelay, ParentRequest, RedisClientCounters } from './protocol';
import { measureLoopDelay } from './stats';

/**
 * Entry point of the bot under test, run as a child process (`node dist/bench/botProcess.js
 * ours|echo [redisUrl keyPrefix]`) so that its RSS and CPU are its own, not the driver's.
 * Talks to the parent over the IPC channel only.
 */
const root = join(__dirname, '..', '..');

/** Counts what the bot sends to Redis, seen from the client: commands and sequential round trips. */
function countRedisTraffic(redis: Redis): RedisClientCounters {
  const counters: RedisClientCounters = { commands: 0, roundTrips: 0, byCommand: {} };
  let inFlight = 0;
  type SendCommand = Redis['sendCommand'];
  const send: SendCommand = redis.sendCommand.bind(redis);
  const counted: SendCommand = (command, stream) => {
    counters.commands += 1;
    counters.byCommand[command.name] = (counters.byCommand[command.name] ?? 0) + 1;
    // A command sent while another is still waiting for its answer shares that round trip.
    if (inFlight === 0) counters.roundTrips += 1;
    inFlight += 1;
    const done = (): void => {
      inFlight -= 1;
    };
    command.promise.then(done, done);
    return send(command, stream);
  };
  redis.sendCommand = counted;
  return counters;
}

/** One coordinator account for the relay measurement (bench/relay.ts). */
async function benchStaff(): Promise<StaffUser[]> {
  const passwordHash = await argon2.hash(BENCH_STAFF.password, { type: argon2.argon2id });
  return [{ username: BENCH_STAFF.username, name: 'Bench', passwordHash, role: 'coordinator', teams: ['cmp'], languages: ['nl'] }];
}

async function main(): Promise<void> {
  const [kind, redisUrl, keyPrefix] = process.argv.slice(2);
  let counters: RedisClientCounters | undefined;
  let server;
  if (kind === 'echo') {
    server = createEchoServer();
  } else if (kind === 'ours' && redisUrl && keyPrefix) {
    const redis = createRedisClient(redisUrl);
    counters = countRedisTraffic(redis);
    server = buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      data: loadHelplineData(join(root, 'data', 'helpline.json')),
      logger: silentLogger,
      clock: systemClock,
      localesDir: join(root, 'locales'),
      redis,
      keyPrefix,
      staffUsers: await benchStaff(),
    }).server;
    // As src/index.ts does, but waited for: building the models takes a core for seconds.
    await warmUpRecognizers();
  } else {
    throw new Error(`botProcess: usage: botProcess.js echo | ours <redisUrl> <keyPrefix>; got ${process.argv.slice(2).join(' ')}`);
  }
  const send = (report: ChildReport): void => {
    process.send?.(report);
  };
  let stopLoopDelay: (() => LoopDelay) | undefined;
  process.on('message', (request: ParentRequest) => {
    if (request.kind === 'memory') {
      // Two collections: the first may only promote survivors; --expose-gc is set by the parent.
      global.gc?.();
      global.gc?.();
      send({ kind: 'memory', memory: process.memoryUsage() });
    } else if (request.kind === 'cpu') {
      send({ kind: 'cpu', cpu: process.cpuUsage() });
    } else if (request.kind === 'redisCounters') {
      send({ kind: 'redisCounters', counters: counters ?? { commands: 0, roundTrips: 0, byCommand: {} } });
    } else if (request.kind === 'loopDelayStart') {
      stopLoopDelay = measureLoopDelay();
      send({ kind: 'loopDelayStart' });
    } else if (request.kind === 'loopDelayStop') {
      send({ kind: 'loopDelayStop', delay: stopLoopDelay?.() ?? { p99: Number.NaN, max: Number.NaN } });
      stopLoopDelay = undefined;
    } else if (request.kind === 'stop') {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 2_000).unref();
    }
  });
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => {
    send({ kind: 'ready', port: server.address().port, pid: process.pid });
  });
}

void main();
