import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchConnector } from './connector';
import type { Script } from './scripts';

/** A bot under test as the driver sees it. */
export interface Target {
  name: string;
  /** Base URL of the bot (`POST {url}/api/messages`). */
  url: string;
  /** Where the bot must send its replies (the activity's serviceUrl). */
  serviceUrl: string;
  connector: BenchConnector;
  script: Script;
}

/** What the load shapes return; latencies are in ms, from the POST (or its planned time) to the turn's last reply. */
export interface LoadResult {
  turns: number;
  errors: number;
  conversations: number;
  elapsedMs: number;
  latencies: number[];
  /** The same latencies per script step, to show which turns make the tail. */
  latenciesByStep: Record<string, number[]>;
  errorSamples: string[];
}

const TURN_TIMEOUT_MS = 10_000;
const agent = new Agent({ keepAlive: true, maxSockets: 2_000 });

let activitySeq = 0;

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/messages`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: TURN_TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Plays step `step` of the target's script in conversation `conversationId` and checks the reply.
 * @param startedAt The moment the turn was due (open loop) or sent (closed loop).
 */
export async function runTurn(
  target: Target,
  conversationId: string,
  n: number,
  step: number,
  startedAt = performance.now(),
): Promise<TurnOutcome> {
  const scriptStep = target.script.steps[step]!;
  const text = typeof scriptStep.text === 'function' ? scriptStep.text(n) : scriptStep.text;
  const body = JSON.stringify({
    type: 'message',
    id: `a${++activitySeq}`,
    channelId: 'bench',
    serviceUrl: target.serviceUrl,
    conversation: { id: conversationId },
    from: { id: `u-${conversationId}`, name: 'Parent' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'nl-BE',
    text,
  });
  const replies = target.connector.openTurn(conversationId);
  let status = 0;
  let failure: string | undefined;
  try {
    status = await post(target.url, body);
  } catch (error) {
    failure = (error as Error).message;
  } finally {
    target.connector.closeTurn(conversationId);
  }
  const last = replies[replies.length - 1];
  const latencyMs = (last?.at ?? performance.now()) - startedAt;
  if (!failure && (status < 200 || status >= 300)) failure = `HTTP ${status}`;
  if (!failure && !replies.some((r) => r.text.includes(scriptStep.expect))) {
    failure = `step ${scriptStep.name}: expected "${scriptStep.expect}", got ${JSON.stringify(replies.map((r) => r.text.slice(0, 60)))}`;
  }
  return { ok: !failure, latencyMs, step: scriptStep.name, error: failure };
}

interface TurnOutcome {
  ok: boolean;
  latencyMs: number;
  step: string;
  error?: string;
}

function record(result: LoadResult, outcome: TurnOutcome): void {
  result.turns += 1;
  result.latencies.push(outcome.latencyMs);
  (result.latenciesByStep[outcome.step] ??= []).push(outcome.latencyMs);
  if (!outcome.ok) {
    result.errors += 1;
    if (result.errorSamples.length < 5 && outcome.error) result.errorSamples.push(outcome.error);
  }
}

const emptyResult = (): LoadResult => ({ turns: 0, errors: 0, conversations: 0, elapsedMs: 0, latencies: [], latenciesByStep: {}, errorSamples: [] });

/**
 * Closed loop: `concurrency` users, each playing whole conversations back to back, every message
 * sent as soon as the previous turn's replies are in. Stops starting turns after `durationMs`.
 * With `conversations` set, stops instead once that many conversations have started; `steps`
 * plays only the first steps of the script.
 */
export async function closedLoop(
  target: Target,
  options: { concurrency: number; durationMs?: number; conversations?: number; steps?: number; idPrefix: string },
): Promise<LoadResult> {
  const result = emptyResult();
  const start = performance.now();
  const deadline = start + (options.durationMs ?? Number.POSITIVE_INFINITY);
  const maxConversations = options.conversations ?? Number.POSITIVE_INFINITY;
  const steps = Math.min(options.steps ?? Number.POSITIVE_INFINITY, target.script.steps.length);
  const user = async (): Promise<void> => {
    while (performance.now() < deadline && result.conversations < maxConversations) {
      const n = result.conversations++;
      const id = `${options.idPrefix}-${n}`;
      for (let step = 0; step < steps && performance.now() < deadline; step++) {
        const outcome = await runTurn(target, id, n, step);
        record(result, outcome);
        if (!outcome.ok) break;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, user));
  result.elapsedMs = performance.now() - start;
  return result;
}

/**
 * Steady state instead of a synchronised start: before the clock starts, slot i plays its
 * conversation up to step i mod (script length), unmeasured, so arrivals meet every step in equal
 * shares, as when thousands of people are each somewhere in their conversation.
 */
async function spreadOverSteps(target: Target, slots: { n: number; step: number }[], result: LoadResult, idPrefix: string): Promise<void> {
  const steps = target.script.steps.length;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < slots.length) {
      const index = next++;
      const slot = slots[index]!;
      slot.n = result.conversations++;
      slot.step = index % steps;
      for (let step = 0; step < slot.step; step++) {
        const outcome = await runTurn(target, `${idPrefix}-${slot.n}`, slot.n, step);
        if (!outcome.ok) throw new Error(`openLoop(): priming failed: ${outcome.error ?? 'no reply'}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
}

/**
 * Open loop: turns arrive at a fixed `rate` per second whatever the bot does, spread round-robin
 * over `slots` conversations that each play the script (and start a new conversation at its end).
 * Latency counts from the planned arrival, so a slow bot cannot hide its queue (no coordinated
 * omission); a slot whose previous turn is still running queues the arrival.
 */
export async function openLoop(
  target: Target,
  options: { rate: number; durationMs: number; slots: number; idPrefix: string; spreadSteps?: boolean },
): Promise<LoadResult & { offered: number; lateStarts: number }> {
  const result = { ...emptyResult(), offered: 0, lateStarts: 0 };
  const steps = target.script.steps.length;
  const slots = Array.from({ length: options.slots }, () => ({ n: -1, step: steps, busy: false, queue: [] as number[] }));
  if (options.spreadSteps) await spreadOverSteps(target, slots, result, options.idPrefix);
  const inFlight = new Set<Promise<void>>();
  const play = (slotIndex: number, due: number): void => {
    const slot = slots[slotIndex]!;
    if (slot.busy) {
      slot.queue.push(due);
      result.lateStarts += 1;
      return;
    }
    slot.busy = true;
    if (slot.step >= steps) {
      slot.n = result.conversations++;
      slot.step = 0;
    }
    const turn = runTurn(target, `${options.idPrefix}-${slot.n}`, slot.n, slot.step, due).then((outcome) => {
      record(result, outcome);
      slot.step = outcome.ok ? slot.step + 1 : steps;
      slot.busy = false;
      inFlight.delete(turn);
      const next = slot.queue.shift();
      if (next !== undefined) play(slotIndex, next);
    });
    inFlight.add(turn);
  };
  const start = performance.now();
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (result.offered < total && start + result.offered * interval <= now) {
        const due = start + result.offered * interval;
        play(result.offered % options.slots, due);
        result.offered += 1;
      }
      if (result.offered >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  // A finishing turn starts its slot's queued arrival before it leaves `inFlight`, so this drains all.
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  result.elapsedMs = performance.now() - start;
  return result;
}
