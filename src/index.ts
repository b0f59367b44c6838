// First: the SDK's files load with native async functions (src/perf/nativeAsync.ts).
import './perf/nativeAsyncHook';
import { join } from 'node:path';
import { warmUpRecognizers } from '../dialogs/shared/recognizers';
import { buildApp } from './app';
import { systemClock } from './clock';
import { loadConfig, loadHelplineData } from './config';
import { loadStaffUsers, type StaffUser } from './console/staffUsers';
import { listenHost } from './listenAddress';
import { createLogger } from './logger';
import { RetentionJob } from './privacy/retentionJob';
import { RedisKeys } from './redisKeys';
import { createRedisTopology, type RedisTopology } from './state/redisClient';
import { RedisJobLock } from './state/redisJobLock';

/** Project root, both from `src/` (ts-node) and from `dist/src/` (compiled). */
const root = join(__dirname, __dirname.includes(`${join('dist', 'src')}`) ? '../..' : '..');

/** Composition root: the only module that reads the environment, wires everything and listens. */
async function main(): Promise<void> {
  let config;
  let data;
  let staffUsers: StaffUser[] | undefined;
  try {
    config = loadConfig(process.env);
    data = loadHelplineData(join(root, 'data', 'helpline.json'));
    staffUsers = config.HELPDESK_USERS_FILE ? loadStaffUsers(config.HELPDESK_USERS_FILE) : undefined;
  } catch (error) {
    // One clear line, no stack: the message names the variable and what is wrong.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  // The schema lets at most one of the three through (src/config.ts).
  const topology: RedisTopology | undefined = config.REDIS_URL
    ? { kind: 'single', url: config.REDIS_URL }
    : config.REDIS_SENTINELS && config.REDIS_SENTINEL_NAME
      ? { kind: 'sentinel', sentinels: config.REDIS_SENTINELS, name: config.REDIS_SENTINEL_NAME }
      : config.REDIS_CLUSTER_NODES
        ? { kind: 'cluster', nodes: config.REDIS_CLUSTER_NODES }
        : undefined;
  const redis = topology ? createRedisTopology(topology, logger.child('redis')) : undefined;
  logger.info(
    { store: redis ? 'redis' : 'memory', topology: topology?.kind },
    redis ? 'starting with Redis state and queues' : 'starting with the embedded in-memory store and queue (no REDIS_URL): data is lost on restart',
  );
  const app = buildApp({ config, data, logger, clock: systemClock, localesDir: join(root, 'locales'), redis, staffUsers });

  app.server.listen(config.PORT, listenHost(config), () => {
    logger.info({ port: config.PORT, url: app.server.url }, 'listening');
    // The recognizers' models take seconds to build: their worker thread builds them now, not in a turn.
    void warmUpRecognizers();
  });
  // Storage limitation: strips closed cases past their retention, now and then daily.
  // One instance at a time runs it (a lock in Redis), not every instance at every start.
  const jobLock = redis ? new RedisJobLock(redis, new RedisKeys(undefined, config.PII_KEY_SECRET)) : undefined;
  const retention = new RetentionJob(app.cases, systemClock, data.retention, logger.child('retention'), jobLock).start();

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    retention.stop();
    logger.info({ signal }, 'stopping: no new requests, finishing the ones in flight');
    const force = setTimeout(() => process.exit(1), 9_000);
    force.unref();
    // Idle keep-alive connections (kept 65 s, src/server.ts) would hold close() up: close the idle
    // ones now and the others as soon as their answer is out.
    app.server.server.keepAliveTimeout = 1;
    app.server.server.closeIdleConnections();
    app.server.close(() => {
      void (redis ? redis.quit().catch(() => undefined) : Promise.resolve()).then(() => {
        logger.info({}, 'stopped');
        process.exit(0);
      });
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    // A crash in one turn must never kill the process: log and go on.
    logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
  });
}

void main();
