/** What the bench parent and the bot child say to each other over the IPC channel. */

/** Client-side view of the bot's Redis traffic (counted in the child, around `sendCommand`). */
export interface RedisClientCounters {
  /** Top-level commands sent (a script call is one; what it runs inside Redis is not counted). */
  commands: number;
  /** Round trips a turn waits for: commands sent while none is pending start a new one. */
  roundTrips: number;
  byCommand: Record<string, number>;
}

/** Event-loop delay over a measured phase (ms): how long work waited for the loop. */
export interface LoopDelay {
  p99: number;
  max: number;
}

export type ParentRequest =
  | { kind: 'memory' }
  | { kind: 'cpu' }
  | { kind: 'redisCounters' }
  | { kind: 'loopDelayStart' }
  | { kind: 'loopDelayStop' }
  | { kind: 'stop' };

export type ChildReport =
  | { kind: 'ready'; port: number; pid: number }
  | { kind: 'memory'; memory: NodeJS.MemoryUsage }
  | { kind: 'cpu'; cpu: NodeJS.CpuUsage }
  | { kind: 'redisCounters'; counters: RedisClientCounters }
  | { kind: 'loopDelayStart' }
  | { kind: 'loopDelayStop'; delay: LoopDelay };
