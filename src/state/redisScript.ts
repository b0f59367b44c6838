import type Redis from 'ioredis';

/**
 * Registers a Lua script on the client and returns it as a function bound to that client.
 * @remarks ioredis' defineCommand sends EVALSHA and falls back to EVAL once after a Redis restart
 * (NOSCRIPT), so the script text crosses the wire only when Redis has forgotten it.
 * @param numberOfKeys Fixed key count; leave it out when the caller passes the count first.
 */
export function defineScript<F extends (...args: never[]) => Promise<unknown>>(redis: Redis, name: string, lua: string, numberOfKeys?: number): F {
  redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, F | undefined>)[name];
  if (!command) throw new Error(`defineScript(): ioredis did not register ${name}`);
  return command.bind(redis) as F;
}
