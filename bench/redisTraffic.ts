import type Redis from 'ioredis';
import type { BotChild } from './botChild';
import { runTurn, type Target } from './driver';
import { callsBetween, commandCalls } from './privateRedis';
import { round } from './stats';

/** Per script step: what one turn costs in Redis. */
export interface StepTraffic {
  /** Round trips the turn waited for (client side; concurrent commands share one). */
  roundTrips: number;
  /** Top-level commands the bot sent, by name. */
  commands: Record<string, number>;
  /** Commands Redis executed, by name, including those run inside scripts. */
  serverCalls: Record<string, number>;
}

const perTurn = (counts: Record<string, number>, turns: number): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, round(count / turns, 2)]));

function add(into: Record<string, number>, from: Record<string, number>, sign = 1): void {
  for (const [name, count] of Object.entries(from)) into[name] = (into[name] ?? 0) + sign * count;
}

/**
 * Plays `conversations` whole conversations one turn at a time, reading the bot's Redis counters
 * and the server's commandstats around every turn, so each figure belongs to exactly one turn.
 * The "ordinary" turn is the worst step after the greeting (the greeting creates the state).
 */
export async function measureRedisTraffic(
  target: Target,
  bot: BotChild,
  redis: Redis,
  conversations: number,
): Promise<{ perStep: Record<string, StepTraffic>; ordinaryRoundTrips: number; maxRoundTrips: number }> {
  const emptyCounts = (): Record<string, number> => ({});
  const sums = target.script.steps.map(() => ({ roundTrips: 0, commands: emptyCounts(), serverCalls: emptyCounts(), turns: 0 }));
  for (let n = 0; n < conversations; n++) {
    for (let step = 0; step < target.script.steps.length; step++) {
      const [clientBefore, serverBefore] = await Promise.all([bot.redisCounters(), commandCalls(redis)]);
      const outcome = await runTurn(target, `traffic-${n}`, n, step);
      if (!outcome.ok) throw new Error(`measureRedisTraffic(): ${outcome.error}`);
      const [clientAfter, serverAfter] = await Promise.all([bot.redisCounters(), commandCalls(redis)]);
      const sum = sums[step]!;
      sum.turns += 1;
      sum.roundTrips += clientAfter.roundTrips - clientBefore.roundTrips;
      add(sum.commands, clientAfter.byCommand);
      add(sum.commands, clientBefore.byCommand, -1);
      add(sum.serverCalls, callsBetween(serverBefore, serverAfter));
    }
  }
  const perStep: Record<string, StepTraffic> = {};
  target.script.steps.forEach((step, i) => {
    const sum = sums[i]!;
    perStep[step.name] = {
      roundTrips: round(sum.roundTrips / sum.turns, 2),
      commands: perTurn(Object.fromEntries(Object.entries(sum.commands).filter(([, c]) => c > 0)), sum.turns),
      serverCalls: perTurn(sum.serverCalls, sum.turns),
    };
  });
  // An ordinary turn answers a question; the few turns that also store a case (the form's last
  // step) do more on purpose. The median step is the ordinary turn, the maximum is reported too.
  const steps = Object.values(perStep).slice(1).map((s) => s.roundTrips).sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)] ?? 0;
  return { perStep, ordinaryRoundTrips: median, maxRoundTrips: Math.max(0, ...steps) };
}
