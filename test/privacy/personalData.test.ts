import type Redis from 'ioredis';
import { createLogger } from '../../src/logger';
import { FakeConnector } from '../helpers/fakeConnector';
import { messageActivity, post, startApp, type RunningApp } from '../helpers/appServer';
import { useTestRedis } from '../helpers/testRedis';

const CONVERSATION = 'privacy-run-1';
const USER = `user-${CONVERSATION}`;

/** A professional's laptop request in English (as in laptopRequestDialog.test.ts), then "yes". */
const FORM_RUN = [
  'hello',
  '2', // menu: laptop
  '2', // professional
  'CLB Mechelen',
  'Sara Peeters',
  'social worker',
  '015 12 34 56',
  'Sara@Example.be',
  '2801',
  '1',
  '4',
  '3',
  'no',
  'no',
  'yes',
  '4',
  'Kerkstraat',
  '7 bus 2',
  '+32 485 11 22 33',
  '1',
  'yes', // confirm: submitted
];

/** Everything the user typed that identifies them, in the forms it may be stored or logged in. */
const PERSONAL = ['Sara Peeters', 'Peeters', '015 12 34 56', '3215123456', 'sara@example.be', '485 11 22 33', '32485112233', 'Kerkstraat'];

/** Every key under the prefix with its value, whatever its type. */
async function dumpKeys(redis: Redis, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string' ? await redis.get(key)
        : type === 'set' ? (await redis.smembers(key)).join('\n')
        : type === 'zset' ? (await redis.zrange(key, 0, -1)).join('\n')
        : type === 'hash' ? JSON.stringify(await redis.hgetall(key))
        : type === 'list' ? (await redis.lrange(key, 0, -1)).join('\n')
        : `<${type}>`;
      out.set(key, value ?? '');
    }
    cursor = next;
  } while (cursor !== '0');
  return out;
}

describe('personal data of a whole form run (Redis mode)', () => {
  const testRedis = useTestRedis();
  const connector = new FakeConnector();
  const logLines: string[] = [];
  let running: RunningApp;

  beforeAll(async () => {
    await connector.start();
    const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
    running = await startApp({ redis: testRedis().redis, keyPrefix: testRedis().keyPrefix, logger });
  });
  afterAll(async () => {
    await running?.stop();
    await connector.stop();
  });

  const say = async (text: string): Promise<string[]> => {
    const before = connector.texts(CONVERSATION).length;
    expect(await post(`${running.url}/api/messages`, messageActivity(connector.url, CONVERSATION, text, { locale: 'en' }))).toBe(200);
    return connector.texts(CONVERSATION).slice(before);
  };

  it('submits the laptop form, and the log of the whole run holds no name, phone, e-mail or address', async () => {
    let last: string[] = [];
    for (const text of FORM_RUN) last = await say(text);
    expect(last.join('\n')).toMatch(/Your reference is LAP-[0-9A-Z]{5}/);
    const log = logLines.join('');
    expect(log).toContain(CONVERSATION); // the log does say which conversation…
    for (const value of PERSONAL) expect(log.toLowerCase()).not.toContain(value.toLowerCase()); // …never who
    for (const text of FORM_RUN.filter((t) => t.length > 3)) expect(log).not.toContain(`"${text}"`);
  });

  it('"erase my data" leaves nothing of the user in Redis (SCAN of every key and value)', async () => {
    const { redis, keyPrefix } = testRedis();
    const beforeErase = [...(await dumpKeys(redis, keyPrefix)).entries()].join('\n');
    expect(beforeErase).toContain('Sara Peeters'); // the case holds it until erasure
    expect(await say('erase my data')).toEqual([expect.stringContaining('erase')]);
    expect((await say('yes')).join('\n')).toContain('erased');

    const after = await dumpKeys(redis, keyPrefix);
    const everything = [...after.entries()].map(([k, v]) => `${k} = ${v}`).join('\n');
    for (const value of [...PERSONAL, CONVERSATION, USER]) {
      expect(everything.toLowerCase()).not.toContain(value.toLowerCase());
    }
    // The anonymous part stays: one laptop case, still counted.
    const cases = [...after.entries()].filter(([k]) => /case:LAP-/.test(k)).map(([, v]) => JSON.parse(v) as { kind: string; status: string });
    expect(cases).toEqual([expect.objectContaining({ kind: 'laptop-request', status: 'new', personalDataRemovedAt: expect.any(String) })]);
  });
});
