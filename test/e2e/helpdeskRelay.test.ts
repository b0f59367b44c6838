import type { StaffUser } from '../../src/console/staffUsers';
import { StaffClient, staffAccounts, startInstance, type EventTap, type Instance } from '../console/helpdeskTestKit';
import { messageActivity, post } from '../helpers/appServer';
import { FixedClock } from '../fakes/fixedClock';
import { FakeConnector } from '../helpers/fakeConnector';
import { getTestRedis, type TestRedis } from '../helpers/testRedis';

/**
 * Two bot instances on one real Redis: the user talks to A, staff's console talks to B. Then
 * each instance restarts in the middle of the conversation.
 */
describe('hand-off across two instances on one Redis', () => {
  let testRedis: TestRedis;
  let staff: StaffUser[];
  const connector = new FakeConnector();
  const running: Instance[] = [];
  const taps: EventTap[] = [];
  const clock = new FixedClock();

  const start = async (): Promise<Instance> => {
    const instance = await startInstance({ redis: testRedis.redis, keyPrefix: testRedis.keyPrefix, staffUsers: staff, clock });
    running.push(instance);
    return instance;
  };
  const stop = async (instance: Instance): Promise<void> => {
    running.splice(running.indexOf(instance), 1);
    await instance.stop();
  };
  const say = (instance: Instance, conv: string, text: string): Promise<number> =>
    post(`${instance.url}/api/messages`, messageActivity(connector.url, conv, text));

  beforeAll(async () => {
    testRedis = await getTestRedis();
    staff = await staffAccounts();
    await connector.start();
  });
  afterAll(async () => {
    taps.forEach((tap) => tap.close());
    await Promise.all(running.map((i) => i.stop()));
    await connector.stop();
    await testRedis.cleanup();
  });

  it('should queue with the right priority, claim once, relay both ways, survive restarts, hand back and close', async () => {
    let a = await start();
    let b = await start();
    const ann = new StaffClient(b.url);
    const bert = new StaffClient(a.url);
    expect((await ann.login('ann')).status).toBe(200);
    expect((await bert.login('bert')).status).toBe(200);
    let tap = await ann.events();
    taps.push(tap);

    // Escalation on A reaches the console on B (pub/sub) and the queue (Redis).
    await say(a, 'x-1', 'ik heb een vraag over inschrijven');
    await say(a, 'x-1', 'medewerker');
    await connector.waitFor(() => connector.texts('x-1').some((t) => t.includes('U bent als volgende')));
    await tap.waitFor((e) => e.event === 'changed' && e.data.reason === 'queued');
    const queue = (await (await ann.get('/queue')).json()) as { id: string; priority: string; preview: string }[];
    expect(queue).toEqual([expect.objectContaining({ priority: 'normal', preview: 'ik heb een vraag over inschrijven' })]);
    const id = queue[0]!.id;

    // A second user waits behind and must still be waiting after every restart.
    clock.advance(60_000);
    await say(a, 'x-2', 'hallo');
    await say(a, 'x-2', 'medewerker');
    await connector.waitFor(() => connector.texts('x-2').some((t) => t.includes('Er is 1 persoon voor u.')));

    // Simultaneous "take" on both instances: exactly one wins.
    const claims = await Promise.all([ann.post(`/conversations/${id}/claim`), bert.post(`/conversations/${id}/claim`)]);
    expect(claims.map((r) => r.status).sort()).toEqual([200, 409]);
    const owner = claims[0]!.status === 200 ? ann : bert;
    if (owner === bert) {
      expect((await bert.post(`/conversations/${id}/transfer`, { to: 'ann' })).status).toBe(200);
    }
    await connector.waitFor(() => connector.texts('x-1').includes('Ann van het Centraal Meldpunt is nu bij u.'));
    await connector.waitFor(() => connector.texts('x-2').includes('U bent als volgende aan de beurt.'));

    // Staff (via B) → user; user (via A) → staff's console on B.
    expect((await ann.post(`/conversations/${id}/messages`, { text: 'Dag, ik ben Ann.' })).status).toBe(200);
    await connector.waitFor(() => connector.texts('x-1').includes('Dag, ik ben Ann.'));
    await say(a, 'x-1', 'bedankt, mijn zoon is 12');
    await tap.waitFor((e) => e.event === 'message' && (e.data.entry as { text: string }).text === 'bedankt, mijn zoon is 12');

    // Restart A (the user's instance): the conversation stays with Ann and keeps relaying.
    await stop(a);
    a = await start();
    await say(a, 'x-1', 'bent u er nog?');
    await tap.waitFor((e) => e.event === 'message' && (e.data.entry as { text: string }).text === 'bent u er nog?');

    // Restart B (the console's instance); the user writes while B is down: the transcript has it.
    tap.close();
    await stop(b);
    await say(a, 'x-1', 'terwijl B weg was');
    b = await start();
    ann.base = b.url;
    tap = await ann.events();
    taps.push(tap);
    const detail = (await (await ann.get(`/conversations/${id}`)).json()) as { state: string; assignee: string; transcript: { text: string }[] };
    expect(detail).toMatchObject({ state: 'staff', assignee: 'ann' });
    expect(detail.transcript.map((e) => e.text)).toEqual(expect.arrayContaining(['ik heb een vraag over inschrijven', 'bent u er nog?', 'terwijl B weg was']));
    const stillQueued = (await (await ann.get('/queue')).json()) as { id: string }[];
    expect(stillQueued).toHaveLength(1);
    expect(stillQueued[0]!.id).not.toBe(id);

    // Hand back: the user gets the menu again on their next message.
    expect((await ann.post(`/conversations/${id}/release`)).status).toBe(200);
    await connector.waitFor(() => connector.texts('x-1').some((t) => t.includes('teruggegeven aan de chatbot')));
    await say(a, 'x-1', 'hallo');
    await connector.waitFor(() => connector.texts('x-1').filter((t) => t.includes('Waarmee kan ik helpen?')).length >= 2);

    // The waiting user: taken and closed with the satisfaction question.
    const other = stillQueued[0]!.id;
    expect((await ann.post(`/conversations/${other}/claim`)).status).toBe(200);
    expect((await ann.post(`/conversations/${other}/close`, { outcome: 'solved' })).status).toBe(200);
    await connector.waitFor(() => connector.texts('x-2').some((t) => t.includes('Hoe tevreden bent u')));
    await say(a, 'x-2', '5');
    await connector.waitFor(() => connector.texts('x-2').includes('Dank u voor uw antwoord.'));
  });

  it('should queue a crisis first, before earlier normal requests', async () => {
    const a = await start();
    const client = new StaffClient(a.url);
    await client.login('ann');
    await say(a, 'y-1', 'hallo');
    await say(a, 'y-1', 'medewerker');
    await connector.waitFor(() => connector.texts('y-1').some((t) => t.includes('voor u') || t.includes('volgende')));
    const module = a.app.handoff;
    const list = await module.queue.list();
    const normal = list.find((i) => i.state === 'waiting');
    expect(normal?.priority).toBe('normal');
    await module.queue.transition('crisis-1', 'enqueue', { patch: module.service.fieldsFor({ topic: 'pupil-concern', priority: 'crisis', reason: 'crisis' }, 'nl') });
    const queue = (await (await client.get('/queue')).json()) as { id: string; priority: string }[];
    expect(queue[0]).toMatchObject({ id: 'crisis-1', priority: 'crisis' });
  });
});
