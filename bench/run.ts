import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BotChild } from './botChild';
import { BenchConnector } from './connector';
import { closedLoop, openLoop, type LoadResult, type Target } from './driver';
import { callsBetween, commandCalls, parseInfo, startPrivateRedis, type PrivateRedis } from './privateRedis';
import { measureRedisTraffic } from './redisTraffic';
import { echoScript, helplineScript, ReplyFragments } from './scripts';
import { measureRelay } from './relay';
import { measureLoopDelay, round, summarize } from './stats';
import { printTable, type Summary } from './report';

/**
 * `npm run bench`: the real bot (Redis mode, private redis-server) against a bare echo bot on
 * the same CloudAdapter and restify, each in its own child process with its own fake connector.
 * Prints a table, then one JSON object as the last line.
 */
const root = join(__dirname, '..', '..');
const KEY_PREFIX = 'bench:';

const { values: flags } = parseArgs({
  options: {
    'saturation-seconds': { type: 'string', default: '15' },
    'open-seconds': { type: 'string', default: '20' },
    rate: { type: 'string', default: '300' },
    slots: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '50' },
    conversations: { type: 'string', default: '10000' },
    quick: { type: 'boolean', default: false },
  },
});
const scale = flags.quick ? 0.2 : 1;
const options = {
  saturationMs: Number(flags['saturation-seconds']) * 1000 * scale,
  openMs: Number(flags['open-seconds']) * 1000 * scale,
  rate: Number(flags.rate),
  slots: Number(flags.slots),
  concurrency: Number(flags.concurrency),
  conversations: Math.round(Number(flags.conversations) * scale),
};

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

function throughput(result: LoadResult): { turnsPerSec: number; turns: number; errors: number; latencyMs: ReturnType<typeof summarize> } {
  return {
    turnsPerSec: round(result.turns / (result.elapsedMs / 1000)),
    turns: result.turns,
    errors: result.errors,
    latencyMs: summarize(result.latencies),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const replies = new ReplyFragments(root);
  const script = helplineScript(replies);
  const redis: PrivateRedis = await startPrivateRedis();
  const ours = await BotChild.start(['ours', redis.url, KEY_PREFIX]);
  const echo = await BotChild.start(['echo']);
  const oursConnector = new BenchConnector();
  const echoConnector = new BenchConnector();
  const oursTarget: Target = { name: 'ours', url: ours.url, serviceUrl: await oursConnector.start(), connector: oursConnector, script };
  const echoTarget: Target = {
    name: 'echo',
    url: echo.url,
    serviceUrl: await echoConnector.start(),
    connector: echoConnector,
    script: echoScript(script.steps.length),
  };
  log(`script: ${script.steps.map((s) => s.name).join(' → ')}`);
  let oursConversations = 0;
  const countOurs = <T extends LoadResult>(result: T): T => {
    oursConversations += result.conversations;
    if (result.errorSamples.length) log(`ours errors: ${result.errorSamples.join(' | ')}`);
    return result;
  };

  log('warm-up');
  await closedLoop(echoTarget, { concurrency: 10, durationMs: 3_000 * scale, idPrefix: 'echo-warm' });
  countOurs(await closedLoop(oursTarget, { concurrency: 10, durationMs: 3_000 * scale, idPrefix: 'warm' }));

  log('Redis traffic per turn (one conversation at a time)');
  const traffic = await measureRedisTraffic(oursTarget, ours, redis.client, 20);
  oursConversations += 20;

  const memoryBefore = await ours.memory();
  const redisMemoryBefore = Number(parseInfo(await redis.client.info('memory'))['used_memory']);
  const conversationsAtBaseline = oursConversations;

  log(`saturation: ${options.concurrency} concurrent conversations, ${options.saturationMs / 1000} s each`);
  const echoCpuBefore = await echo.cpu();
  const echoSaturation = await closedLoop(echoTarget, { concurrency: options.concurrency, durationMs: options.saturationMs, idPrefix: 'echo-sat' });
  const echoCpuMs = cpuMs(echoCpuBefore, await echo.cpu());
  const oursCpuBefore = await ours.cpu();
  const callsBefore = await commandCalls(redis.client);
  const countersBefore = await ours.redisCounters();
  const oursSaturation = countOurs(
    await closedLoop(oursTarget, { concurrency: options.concurrency, durationMs: options.saturationMs, idPrefix: 'sat' }),
  );
  const oursCpuMs = cpuMs(oursCpuBefore, await ours.cpu());
  const countersAfter = await ours.redisCounters();
  const serverCallsUnderLoad = callsBetween(callsBefore, await commandCalls(redis.client));

  log(`open loop: ${options.rate} turns/s over ${options.slots} conversations, ${options.openMs / 1000} s each`);
  // Event-loop delay of the bot and of the driver (which also hosts the fake connectors) during
  // each open loop, so a latency tail can be told apart: the bot's, or the machine's and driver's.
  const openLoopWithDelays = async (bot: BotChild, run: () => Promise<LoadResult & { offered: number; lateStarts: number }>) => {
    await bot.startLoopDelay();
    const stopDriverDelay = measureLoopDelay();
    const result = await run();
    return { result, loopDelayMs: { bot: await bot.stopLoopDelay(), driver: stopDriverDelay() } };
  };
  const echoOpenRun = await openLoopWithDelays(echo, () =>
    openLoop(echoTarget, { rate: options.rate, durationMs: options.openMs, slots: options.slots, idPrefix: 'echo-open' }),
  );
  const oursOpenRun = await openLoopWithDelays(ours, () =>
    openLoop(oursTarget, { rate: options.rate, durationMs: options.openMs, slots: options.slots, idPrefix: 'open' }),
  );
  const echoOpen = echoOpenRun.result;
  const oursOpen = countOurs(oursOpenRun.result);
  log(`open loop, steady state: the ${options.slots} conversations first spread over the script's steps (unmeasured)`);
  const oursSteady = countOurs(
    await openLoop(oursTarget, { rate: options.rate, durationMs: options.openMs, slots: options.slots, idPrefix: 'steady', spreadSteps: true }),
  );

  const topUp = options.conversations - (oursConversations - conversationsAtBaseline);
  if (topUp > 0) {
    // Greeting only, to stay within the time budget: it creates both state documents.
    log(`memory: ${topUp} more (greeting-only) conversations to reach ${options.conversations} since the baseline`);
    countOurs(await closedLoop(oursTarget, { concurrency: options.concurrency, conversations: topUp, steps: 1, idPrefix: 'mem' }));
  }
  const memoryAfter = await ours.memory();
  const idle = await idleConversationMemory(redis, oursConversations);
  const redisMemoryAfter = Number(parseInfo(await redis.client.info('memory'))['used_memory']);

  log('relay: staff → user and user → staff, one message at a time');
  const relay = await measureRelay(ours.url, oursTarget.serviceUrl, oursConnector).catch((error: unknown) => ({
    measured: false as const,
    reason: (error as Error).message,
  }));

  const summary: Summary = {
    machine: {
      cpu: cpus()[0]?.model ?? '?',
      cores: cpus().length,
      memoryGb: round(totalmem() / 2 ** 30),
      node: process.version,
      redis: redis.version,
      loadAverageAtStart: round(loadAtStart, 2),
      loadAverageAtEnd: round(loadavg()[0] ?? 0, 2),
      note: 'driver, connectors, both bots and redis-server on this one machine',
    },
    script: script.steps.map((s) => s.name),
    saturation: {
      concurrency: options.concurrency,
      seconds: options.saturationMs / 1000,
      echo: { ...throughput(echoSaturation), cpuMsPerTurn: round(echoCpuMs / echoSaturation.turns, 3) },
      ours: { ...throughput(oursSaturation), cpuMsPerTurn: round(oursCpuMs / oursSaturation.turns, 3) },
    },
    openLoop: {
      offeredRate: options.rate,
      conversations: options.slots,
      seconds: options.openMs / 1000,
      echo: { ...throughput(echoOpen), lateStarts: echoOpen.lateStarts, loopDelayMs: echoOpenRun.loopDelayMs },
      ours: { ...throughput(oursOpen), lateStarts: oursOpen.lateStarts, p99ByStep: p99ByStep(oursOpen), loopDelayMs: oursOpenRun.loopDelayMs },
      oursSteadyState: { ...throughput(oursSteady), lateStarts: oursSteady.lateStarts },
    },
    redis: {
      perStep: traffic.perStep,
      ordinaryTurnRoundTrips: traffic.ordinaryRoundTrips,
      maxTurnRoundTrips: traffic.maxRoundTrips,
      underLoadCommandsPerTurn: round((countersAfter.commands - countersBefore.commands) / oursSaturation.turns, 2),
      underLoadServerCallsPerTurn: Object.fromEntries(
        Object.entries(serverCallsUnderLoad).map(([name, calls]) => [name, round(calls / oursSaturation.turns, 2)]),
      ),
    },
    memory: {
      conversationsSinceBaseline: oursConversations - conversationsAtBaseline,
      rssBeforeMb: round(memoryBefore.rss / 2 ** 20),
      rssAfterMb: round(memoryAfter.rss / 2 ** 20),
      rssGrowthMb: round((memoryAfter.rss - memoryBefore.rss) / 2 ** 20),
      heapUsedGrowthMb: round((memoryAfter.heapUsed - memoryBefore.heapUsed) / 2 ** 20),
      redisStateBytesPerIdleConversation: idle.stateBytesPerConversation,
      redisStateKeysPerConversation: idle.keysPerConversation,
      redisUsedMemoryGrowthBytesPerConversation: round((redisMemoryAfter - redisMemoryBefore) / (oursConversations - conversationsAtBaseline), 0),
    },
    relay,
    ratio: {
      cpuPerTurn: round(oursCpuMs / oursSaturation.turns / (echoCpuMs / echoSaturation.turns), 2),
      saturationThroughput: round(throughput(oursSaturation).turnsPerSec / throughput(echoSaturation).turnsPerSec, 2),
      saturationP99: round(summarize(oursSaturation.latencies).p99 / summarize(echoSaturation.latencies).p99, 2),
      openLoopP99: round(summarize(oursOpen.latencies).p99 / summarize(echoOpen.latencies).p99, 2),
    },
    targets: {},
    seconds: round((Date.now() - started) / 1000, 0),
  };
  summary.targets = {
    saturationAtLeastHalfOfEcho: summary.ratio.saturationThroughput >= 0.5,
    openLoopP99Under25ms: summary.openLoop.ours.latencyMs.p99 < 25 && summary.openLoop.ours.errors === 0,
    atMost4RedisRoundTrips: traffic.ordinaryRoundTrips <= 4,
    rssGrowthUnder50Mb: summary.memory.rssGrowthMb < 50,
    redisUnder4KbPerIdleConversation: idle.stateBytesPerConversation < 4096,
    relayP99Under20ms: relay.measured ? relay.staffToUserMs.p99 < 20 && relay.userToStaffMs.p99 < 20 : null,
  };

  await Promise.all([ours.stop(), echo.stop()]);
  await Promise.all([oursConnector.stop(), echoConnector.stop(), redis.stop()]);
  printTable(summary, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

/** p99 latency of each script step, slowest first. */
function p99ByStep(result: LoadResult): Record<string, number> {
  const entries = Object.entries(result.latenciesByStep).map(([step, latencies]) => [step, summarize(latencies).p99] as const);
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]));
}

const cpuMs = (before: NodeJS.CpuUsage, after: NodeJS.CpuUsage): number => (after.user - before.user + after.system - before.system) / 1000;

/** Bytes of bot state per conversation: MEMORY USAGE over a sample of state keys, times keys per conversation. */
async function idleConversationMemory(redis: PrivateRedis, conversations: number): Promise<{ stateBytesPerConversation: number; keysPerConversation: number }> {
  let cursor = '0';
  let stateKeys = 0;
  const sample: string[] = [];
  do {
    const [next, keys] = await redis.client.scan(cursor, 'MATCH', `${KEY_PREFIX}state:*`, 'COUNT', 1000);
    stateKeys += keys.length;
    for (const key of keys) if (sample.length < 500) sample.push(key);
    cursor = next;
  } while (cursor !== '0');
  let bytes = 0;
  for (const key of sample) bytes += Number(await redis.client.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  const keysPerConversation = stateKeys / conversations;
  return {
    stateBytesPerConversation: round(sample.length ? (bytes / sample.length) * keysPerConversation : 0, 0),
    keysPerConversation: round(keysPerConversation, 2),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
