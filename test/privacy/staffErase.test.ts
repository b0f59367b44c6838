import type Redis from 'ioredis';
import { CaseService } from '../../src/cases/caseService';
import { conversationKey } from '../../src/handoff/conversationKey';
import { StaffClient, staffAccounts, startInstance, type Instance } from '../console/helpdeskTestKit';
import { FixedClock } from '../fakes/fixedClock';
import { messageActivity, post } from '../helpers/appServer';
import { FakeConnector } from '../helpers/fakeConnector';
import { useTestRedis } from '../helpers/testRedis';

const CONVERSATION = 'staff-erase-1';
const USER = `user-${CONVERSATION}`;
const PERSONAL = ['Lina Janssens', '0470 11 22 33', 'Kerkstraat 7'];

/** Every key under the prefix with its value (strings, sets, sorted sets, hashes, lists). */
async function dump(redis: Redis, prefix: string): Promise<string> {
  const out: string[] = [];
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
      out.push(`${key} = ${value ?? ''}`);
    }
    cursor = next;
  } while (cursor !== '0');
  return out.join('\n');
}

/**
 * `POST /api/helpdesk/erase {reference}` (CONTRACT.md): a coordinator erases, for a user who asks
 * by phone or mail, what the chat's "erase my data" would: the owner's cases, their report linked
 * into another family's case, the hand-off transcript, and the bot's state of that user.
 */
describe('POST /api/helpdesk/erase on a real Redis', () => {
  const testRedis = useTestRedis();
  const connector = new FakeConnector();
  const clock = new FixedClock();
  let instance: Instance;

  beforeAll(async () => {
    const [ann] = await staffAccounts();
    await connector.start();
    instance = await startInstance({
      redis: testRedis().redis,
      keyPrefix: testRedis().keyPrefix,
      clock,
      staffUsers: [ann!, { ...ann!, username: 'cora', name: 'Cora', role: 'coordinator' }],
    });
  });
  afterAll(async () => {
    await instance?.stop();
    await connector.stop();
  });

  it('erases the owner of a case everywhere, only for a coordinator with the CSRF token', async () => {
    const { redis, keyPrefix } = testRedis();
    // The user chats, asks for a person (queue item, transcript, bot state) and tells their name.
    for (const text of ['hallo', 'medewerker', 'Ik ben Lina Janssens, Kerkstraat 7']) {
      expect(await post(`${instance.url}/api/messages`, messageActivity(connector.url, CONVERSATION, text))).toBe(200);
    }
    const service = new CaseService(instance.app.cases, clock);
    const origin = (id: string) => ({
      ownerKey: `test:user-${id}`,
      conversationId: id,
      channelId: 'test',
      locale: 'nl',
      conversationRef: { channelId: 'test', serviceUrl: connector.url, conversation: { id }, user: { id: `user-${id}` }, bot: { id: 'bot' } },
    });
    const own = await service.submit({ kind: 'pupil-concern', data: { pupilName: 'Lina Janssens', phone: '0470 11 22 33' }, origin: origin(CONVERSATION), duplicateKey: 'lina' });
    const other = await service.submit({ kind: 'pupil-concern', data: { pupilName: 'Sam' }, origin: origin('someone-else'), duplicateKey: 'sam' });
    // The same user also reported Sam: that report lives inside the other owner's case.
    const linked = await service.submit({ kind: 'pupil-concern', data: { reporter: 'Lina Janssens' }, origin: origin(CONVERSATION), duplicateKey: 'sam' });
    expect(linked).toMatchObject({ reference: other.reference, duplicate: true, sameOwner: false });
    expect(await dump(redis, keyPrefix)).toContain('Lina Janssens');

    const ann = new StaffClient(instance.url);
    const cora = new StaffClient(instance.url);
    await ann.login('ann');
    await cora.login('cora');
    expect((await ann.post('/erase', { reference: own.reference })).status).toBe(403);
    expect((await cora.post('/erase', { reference: own.reference }, false)).status).toBe(403);
    expect((await cora.post('/erase', { reference: 'nonsense' })).status).toBe(400);
    expect((await cora.post('/erase', { reference: 'ZRG-ZZZZZ' })).status).toBe(404);

    const res = await cora.post('/erase', { reference: own.reference.toLowerCase() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reference: own.reference, erased: true, cases: 1 });

    const everything = await dump(redis, keyPrefix);
    for (const value of [...PERSONAL, CONVERSATION, USER]) expect(everything.toLowerCase()).not.toContain(value.toLowerCase());
    const id = conversationKey({ channelId: 'test', conversation: { id: CONVERSATION } as never });
    expect((await cora.get(`/conversations/${id}`)).status).toBe(404);
    // The anonymous part stays counted; the other family's case keeps its own data.
    const erased = await instance.app.cases.get(own.reference);
    expect(erased).toMatchObject({ status: 'new', data: {}, ownerKey: 'erased' });
    expect(erased?.personalDataRemovedAt).toBeDefined();
    expect(await instance.app.cases.get(other.reference)).toMatchObject({ data: { pupilName: 'Sam' }, linkedReports: [] });

    // Asking twice is harmless: nothing is left to erase.
    const again = await cora.post('/erase', { reference: own.reference });
    expect(again.status).toBe(200);
    expect((await again.json()) as unknown).toMatchObject({ erased: false, alreadyErased: true });
  });
});
