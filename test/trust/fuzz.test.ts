import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { FakeConnector } from '../helpers/fakeConnector';
import { startApp, type RunningApp } from '../helpers/appServer';
import { ActivityFuzzer, type FuzzCase } from './activityFuzzer';

const TOTAL = 10_000;
const CONCURRENCY = 32;
const SEED = 20261123;

// A forced collection makes the before/after heap comparison mean something.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function send(url: string, fuzz: FuzzCase): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': fuzz.contentType }, body: new Uint8Array(fuzz.body) });
  await response.arrayBuffer();
  return response.status;
}

describe('fuzzing /api/messages', () => {
  let running: RunningApp;
  const connector = new FakeConnector();
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };

  beforeAll(async () => {
    await connector.start();
    running = await startApp();
    process.on('unhandledRejection', onRejection);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await running?.stop();
    await connector.stop();
  });

  it(`survives ${TOTAL} generated activities: only 2xx/4xx, no unhandled rejection, memory back near start`, async () => {
    const url = `${running.url}/api/messages`;
    const fuzzer = new ActivityFuzzer(SEED, connector.url);
    // Warm-up: load the code paths once, so the baseline is not the cold process.
    for (let i = 0; i < 200; i += 1) await send(url, fuzzer.next(-i - 1));
    connector.received.length = 0;
    const heapBefore = heapAfterGc();

    const statuses = new Map<number, number>();
    const failures: { index: number; status: number; body: string }[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < TOTAL) {
        const index = next++;
        const fuzz = fuzzer.next(index);
        const status = await send(url, fuzz);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 || status < 200) failures.push({ index, status, body: fuzz.body.toString('utf8', 0, 200) });
        // The fake connector keeps what it receives; it is not under test here.
        if (connector.received.length > 1_000) connector.received.length = 0;
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsedMs = Date.now() - started;
    connector.received.length = 0;

    // Still up and answering.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    expect(failures.slice(0, 5)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(rejections).toEqual([]);
    const growthMb = (heapAfterGc() - heapBefore) / 1024 / 1024;
    // Conversation state of the 150 fuzzed conversations stays in the memory store (by design);
    // everything else must be released.
    expect(growthMb).toBeLessThan(40);
    process.stdout.write(`fuzz: ${TOTAL} in ${elapsedMs} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}, heap +${growthMb.toFixed(1)} MB\n`);
  }, 90_000);
});
