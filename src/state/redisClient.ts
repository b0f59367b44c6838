import type { Socket } from 'node:net';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';
import { isTopologyError } from './redisRetry';

/** The part of a logger this module needs (pino-based `Logger` fits). */
export type WarnLogger = Pick<Logger, 'warn'>;

/** Longest pause between two reconnection attempts. */
const MAX_BACKOFF_MS = 2_000;
/** A turn must never hang on Redis: connecting and every command give up after this. */
const CONNECT_TIMEOUT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 2_000;
/** Health checks must answer fast enough for a load balancer probe. */
const HEALTH_TIMEOUT_MS = 500;

/**
 * Creates the ioredis client for the bot's request path (state, cases, hand-off queue).
 *
 * @remarks
 * - Connects at once and reconnects forever with a back-off capped at 2 s, so an instance heals
 *   by itself when Redis comes back, without a restart.
 * - The offline queue stays on: with it off, commands sent in the first milliseconds after start
 *   (before the socket is ready) fail. `commandTimeout` and `maxRetriesPerRequest: 1` bound how
 *   long a queued command waits while Redis is down, so a turn fails fast instead of hanging.
 * - Because of `commandTimeout`, do not use this client for blocking commands (BLPOP…) or
 *   pub/sub; `duplicate()` it with other options for those.
 * - Connection errors are logged once per outage (ioredis emits one per reconnection attempt)
 *   and never with the URL, which may hold a password.
 *
 * @param url `redis://…` or `rediss://…` URL.
 * @param logger Receives one warning when Redis goes away and one when it is back.
 */
export function createRedisClient(url: string, logger?: WarnLogger): Redis {
  return createRedisTopology({ kind: 'single', url }, logger);
}

/** A node address of a Sentinel or Cluster list (config: `host:port,…`). */
export interface RedisNode {
  host: string;
  port: number;
}

/** Which Redis the bot runs on: one server, a Sentinel group, or a Cluster (README, Several instances). */
export type RedisTopology =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: RedisNode[]; name: string }
  | { kind: 'cluster'; nodes: RedisNode[] };

/** Options every connection to a data node shares: bounded waits, reconnection forever. */
const NODE_OPTIONS = {
  lazyConnect: false,
  enableOfflineQueue: true,
  maxRetriesPerRequest: 1,
  connectTimeout: CONNECT_TIMEOUT_MS,
  commandTimeout: COMMAND_TIMEOUT_MS,
  // A demoted master answers READONLY; a restarted one LOADING. Reconnecting (2 = and send the
  // command again) makes a Sentinel client ask the Sentinels for the new master at once.
  reconnectOnError: (error: Error) => (isTopologyError(error) && !/^(MOVED|ASK)/.test(error.message) ? 2 : false),
} satisfies RedisOptions;

/** Never returns null: giving up would leave the instance broken until someone restarts it. */
const retryForever = (attempt: number): number => Math.min(attempt * 100, MAX_BACKOFF_MS);

/**
 * Creates the client of `topology` with the options of {@link createRedisClient}.
 * @remarks A Cluster client has the same command API as a single-server one, and every caller
 * in this code keeps the keys of one command in one hash slot (src/redisKeys.ts), so it is typed
 * as `Redis` here: the rest of the code stays topology-blind. Code that must know (SCAN, write
 * coalescing, health) checks `redis.isCluster`.
 */
export function createRedisTopology(topology: RedisTopology, logger?: WarnLogger): Redis {
  let redis: Redis;
  if (topology.kind === 'cluster') {
    const cluster = new Cluster(topology.nodes, {
      enableOfflineQueue: true,
      clusterRetryStrategy: retryForever,
      // MOVED/ASK/TRYAGAIN/CLUSTERDOWN are followed by ioredis itself, a bounded number of times.
      maxRedirections: 16,
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      retryDelayOnTryAgain: 100,
      slotsRefreshTimeout: CONNECT_TIMEOUT_MS,
      redisOptions: (({ enableOfflineQueue: _queue, ...node }) => node)(NODE_OPTIONS),
    });
    redis = cluster as unknown as Redis;
  } else if (topology.kind === 'sentinel') {
    redis = new Redis({
      ...NODE_OPTIONS,
      sentinels: topology.sentinels,
      name: topology.name,
      role: 'master',
      // Sentinels tell of a new master on their own (+switch-master), before a command fails.
      failoverDetector: true,
      sentinelRetryStrategy: retryForever,
      retryStrategy: retryForever,
    });
  } else {
    redis = new Redis(topology.url, { ...NODE_OPTIONS, retryStrategy: retryForever });
  }
  // A Cluster client writes through one connection per node, each with its own socket.
  if (!redis.isCluster) coalesceWrites(redis);
  watchAvailability(redis, logger);
  return redis;
}

/** Logs one warning when Redis goes away and one when it is back (ioredis emits one per retry). */
function watchAvailability(redis: Redis, logger?: WarnLogger): void {
  let down = false;
  // Without an 'error' listener ioredis prints "Unhandled error event" on every retry.
  redis.on('error', (error: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger?.warn(
      { err: { message: error.message, code: error.code } },
      'redis unavailable; reconnecting in the background',
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger?.warn({}, 'redis available again');
  });
}

/**
 * Sends the commands issued during one turn of the event loop in one socket write.
 * @remarks Each ioredis command is its own `write` on the socket, and on loopback TCP that system
 * call does the receiver's work too: the benchmark's CPU profile showed a tenth of the bot's time
 * in these writes. Corking the socket at the first command and uncorking it when the loop reaches
 * its check phase (setImmediate) turns the commands a turn sends side by side (lock, reads, state
 * write, chat lines) into one `writev`, without ioredis' auto-pipelining, which holds every new
 * command back until the previous batch has been answered. Order on the connection is unchanged.
 */
export function coalesceWrites(redis: Redis): void {
  const send = redis.sendCommand.bind(redis);
  let corked: Socket | undefined;
  redis.sendCommand = ((command, stream) => {
    const socket = redis.stream as Socket | undefined;
    if (!stream && !corked && socket && redis.status === 'ready' && !socket.destroyed) {
      corked = socket;
      socket.cork();
      setImmediate(() => {
        corked = undefined;
        socket.uncork();
      });
    }
    return send(command, stream);
  }) as Redis['sendCommand'];
}

/**
 * Answers whether Redis replies to PING within 500 ms (for `/healthz`). Never throws.
 *
 * @param redis The client to probe; only `ping` is used.
 * @param timeoutMs How long to wait for the answer.
 */
export async function isRedisHealthy(
  redis: Pick<Redis, 'ping'>,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  // The PING may outlive the race (queued while reconnecting); its later rejection is absorbed here.
  const ping = Promise.resolve()
    .then(() => redis.ping())
    .then(
      (reply) => reply === 'PONG',
      () => false,
    );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Answers whether the bot can write (for `/healthz`): a `SET … PX` of a probe key succeeds only on
 * a master that has finished loading (a demoted master answers READONLY, a restarting one
 * LOADING). On a Cluster every master must also say it is a master and the cluster state be ok,
 * because one key reaches one master only. Never throws; false after `timeoutMs`.
 * @param probeKey `RedisKeys.health()`: not personal, expires by itself.
 */
export async function isRedisWritable(redis: Redis, probeKey: string, timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
  const check = async (): Promise<boolean> => {
    if ((await redis.set(probeKey, String(Date.now()), 'PX', 10_000)) !== 'OK') return false;
    if (!redis.isCluster) return true;
    const cluster = redis as unknown as Cluster;
    const masters = cluster.nodes('master');
    if (masters.length === 0) return false;
    const roles = await Promise.all(masters.map((node) => node.role() as Promise<unknown[]>));
    if (!roles.every((role) => role[0] === 'master')) return false;
    return /cluster_state:ok/.test(await masters[0]!.cluster('INFO'));
  };
  const probe = { ping: () => check().then((ok) => (ok ? 'PONG' : 'NO')) } as unknown as Pick<Redis, 'ping'>;
  return isRedisHealthy(probe, timeoutMs);
}
