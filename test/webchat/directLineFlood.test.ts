import { startApp, type RunningApp } from '../helpers/appServer';

const CLIENT = '/directline/v3/directline';
const JSON_HEADERS = { 'content-type': 'application/json' };
/** Growth of the process's resident memory the whole flood may cost. */
const RSS_BOUND_MB = 250;

/** Runs `count` tasks, `width` at a time; resolves with their results in order. */
async function pool<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

const statusOf = async (response: Promise<Response>): Promise<number> => {
  const res = await response;
  await res.arrayBuffer();
  return res.status;
};

describe('Direct Line flood, no login (issue 20)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running?.stop();
  });

  it(`should stay alive, keep an open chat and grow RSS by less than ${RSS_BOUND_MB} MB`, async () => {
    const rssBefore = process.memoryUsage().rss;
    const start = async (): Promise<{ conversationId: string; token: string }> =>
      (await (await fetch(`${running.url}${CLIENT}/conversations`, { method: 'POST', headers: JSON_HEADERS, body: '{}' })).json()) as {
        conversationId: string;
        token: string;
      };
    const open = await start();
    const others = await Promise.all(Array.from({ length: 7 }, start));
    const openUrl = `${running.url}${CLIENT}/conversations/${open.conversationId}/activities`;
    const auth = { authorization: `Bearer ${open.token}` };

    // 1,001 creations in a burst used to evict every open chat.
    const creations = await pool(1_001, 16, () => statusOf(fetch(`${running.url}${CLIENT}/conversations`, { method: 'POST', headers: JSON_HEADERS, body: '{}' })));
    expect(creations.filter((s) => s === 201).length).toBeLessThan(20);
    expect(creations.filter((s) => s !== 201).every((s) => s === 429)).toBe(true);

    // 250 KB bodies on the connector route (no login) used to be kept: 16,400 of them filled 4.2 GB.
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(250 * 1024 - 100) });
    const targets = [open, ...others].map((c) => c.conversationId);
    const connector = await pool(1_600, 8, (i) =>
      statusOf(fetch(`${running.url}/directline/v3/conversations/${targets[i % targets.length]}/activities`, { method: 'POST', headers: JSON_HEADERS, body: big })),
    );
    expect(connector.every((s) => s === 404 || s === 413)).toBe(true);

    // The largest user post the client API takes, as fast as possible.
    const post = JSON.stringify({ type: 'message', text: 'y'.repeat(4_900) });
    const posts = await pool(2_000, 16, () => statusOf(fetch(openUrl, { method: 'POST', headers: { ...JSON_HEADERS, ...auth }, body: post })));
    expect(posts.filter((s) => s === 200).length).toBeLessThanOrEqual(120);
    expect(posts.every((s) => s === 200 || s === 429)).toBe(true);

    expect((await fetch(openUrl, { headers: auth })).status).toBe(200);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    expect(grownMb).toBeLessThan(RSS_BOUND_MB);
  }, 120_000);
});
