import type { Socket } from 'node:net';
import Redis from 'ioredis';
import type { Logger } from '../logger';

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
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // Never returns null: giving up would leave the instance broken until someone restarts it.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, MAX_BACKOFF_MS),
  });

  coalesceWrites(redis);

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
  return redis;
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
