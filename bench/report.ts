import type { RelayFigures } from './relay';
import type { LatencySummary } from './stats';
import type { StepTraffic } from './redisTraffic';
import type { LoopDelay } from './protocol';

interface Load {
  turnsPerSec: number;
  turns: number;
  errors: number;
  latencyMs: LatencySummary;
}

/** Event-loop delay during an open loop: in the bot under test, and in the driver. */
interface OpenLoopDelays {
  bot: LoopDelay;
  driver: LoopDelay;
}

/** Everything `npm run bench` measured: printed as a table, then as the last line in JSON. */
export interface Summary {
  machine: { cpu: string; cores: number; memoryGb: number; node: string; redis: string; loadAverageAtStart: number; loadAverageAtEnd: number; note: string };
  script: string[];
  saturation: { concurrency: number; seconds: number; echo: Load & { cpuMsPerTurn: number }; ours: Load & { cpuMsPerTurn: number } };
  openLoop: {
    offeredRate: number;
    conversations: number;
    seconds: number;
    echo: Load & { lateStarts: number; loopDelayMs: OpenLoopDelays };
    ours: Load & { lateStarts: number; p99ByStep: Record<string, number>; loopDelayMs: OpenLoopDelays };
    /** The same rate after the conversations were spread over the script (not the target's figure). */
    oursSteadyState: Load & { lateStarts: number };
  };
  redis: {
    perStep: Record<string, StepTraffic>;
    ordinaryTurnRoundTrips: number;
    maxTurnRoundTrips: number;
    underLoadCommandsPerTurn: number;
    underLoadServerCallsPerTurn: Record<string, number>;
  };
  memory: {
    conversationsSinceBaseline: number;
    rssBeforeMb: number;
    rssAfterMb: number;
    rssGrowthMb: number;
    heapUsedGrowthMb: number;
    redisStateBytesPerIdleConversation: number;
    redisStateKeysPerConversation: number;
    redisUsedMemoryGrowthBytesPerConversation: number;
  };
  relay: RelayFigures | { measured: false; reason: string };
  ratio: { cpuPerTurn: number; saturationThroughput: number; saturationP99: number; openLoopP99: number };
  targets: Record<string, boolean | null>;
  seconds: number;
}

const pad = (value: unknown, width: number): string => String(value).padStart(width);
const fmt = (o: Record<string, number>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');

/** A human-readable table of the summary. */
export function printTable(s: Summary, out: (line: string) => void): void {
  const row = (label: string, l: Load): string =>
    `${label.padEnd(24)}${pad(l.turnsPerSec, 9)}${pad(l.latencyMs.p50, 8)}${pad(l.latencyMs.p95, 8)}${pad(l.latencyMs.p99, 8)}${pad(l.latencyMs.max, 8)}${pad(l.errors, 7)}`;
  out('');
  out(`machine: ${s.machine.cpu}, ${s.machine.cores} cores, ${s.machine.memoryGb} GB, node ${s.machine.node}, redis ${s.machine.redis}; load average ${s.machine.loadAverageAtStart} → ${s.machine.loadAverageAtEnd}`);
  out(`script:  ${s.script.join(' → ')}`);
  out('');
  out(`${'load'.padEnd(24)}${pad('turns/s', 9)}${pad('p50 ms', 8)}${pad('p95', 8)}${pad('p99', 8)}${pad('max', 8)}${pad('errors', 7)}`);
  out(row(`saturation ${s.saturation.concurrency}c echo`, s.saturation.echo));
  out(row(`saturation ${s.saturation.concurrency}c ours`, s.saturation.ours));
  out(row(`open ${s.openLoop.offeredRate}/s echo`, s.openLoop.echo));
  out(row(`open ${s.openLoop.offeredRate}/s ours`, s.openLoop.ours));
  out(row(`  same, steady state`, s.openLoop.oursSteadyState));
  const slowest = Object.entries(s.openLoop.ours.p99ByStep).slice(0, 4);
  out(`open loop ours, p99 of the slowest steps (the first ${s.openLoop.conversations} arrivals all open a conversation): ${slowest.map(([step, p99]) => `${step} ${p99} ms`).join(', ')}`);
  const delays = (d: OpenLoopDelays): string => `bot p99 ${d.bot.p99} / max ${d.bot.max} ms, driver p99 ${d.driver.p99} / max ${d.driver.max} ms`;
  out(`event-loop delay during the open loop: echo run: ${delays(s.openLoop.echo.loopDelayMs)}; ours: ${delays(s.openLoop.ours.loopDelayMs)}`);
  out(`bot CPU per turn at saturation: echo ${s.saturation.echo.cpuMsPerTurn} ms, ours ${s.saturation.ours.cpuMsPerTurn} ms`);
  out(`ratio ours/echo: CPU per turn ${s.ratio.cpuPerTurn}, throughput ${s.ratio.saturationThroughput}, saturation p99 ${s.ratio.saturationP99}, open-loop p99 ${s.ratio.openLoopP99}`);
  out('');
  out('Redis per turn (one conversation at a time):');
  for (const [step, t] of Object.entries(s.redis.perStep)) {
    out(`  ${step.padEnd(14)} round trips ${pad(t.roundTrips, 4)}   sent: ${fmt(t.commands)}   executed: ${fmt(t.serverCalls)}`);
  }
  out(`  under saturation: ${s.redis.underLoadCommandsPerTurn} commands sent per turn; executed ${fmt(s.redis.underLoadServerCallsPerTurn)}`);
  out('');
  const m = s.memory;
  out(`memory after ${m.conversationsSinceBaseline} conversations: RSS ${m.rssBeforeMb} → ${m.rssAfterMb} MB (+${m.rssGrowthMb}), heap +${m.heapUsedGrowthMb} MB`);
  out(`redis: ${m.redisStateBytesPerIdleConversation} B of state per idle conversation (${m.redisStateKeysPerConversation} keys per conversation); used_memory +${m.redisUsedMemoryGrowthBytesPerConversation} B per conversation incl. 10-min dedupe markers`);
  out(
    s.relay.measured
      ? `relay (light load; ${s.relay.samples.staffToUser} staff and ${s.relay.samples.userToStaff} user messages): staff → user p50 ${s.relay.staffToUserMs.p50} / p99 ${s.relay.staffToUserMs.p99} ms; user → staff p50 ${s.relay.userToStaffMs.p50} / p99 ${s.relay.userToStaffMs.p99} ms`
      : `relay: not measured: ${s.relay.reason}`,
  );
  out('');
  for (const [name, met] of Object.entries(s.targets)) out(`  ${met === null ? 'n/a ' : met ? 'MET ' : 'MISS'}  ${name}`);
  out(`(${s.seconds} s)`);
}
