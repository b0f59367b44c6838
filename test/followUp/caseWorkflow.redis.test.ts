import { randomBytes } from 'node:crypto';
import { ConversationState, MemoryStorage } from 'botbuilder';
import { createAdapter } from '../../src/adapter';
import { CaseService } from '../../src/cases/caseService';
import { RedisCaseStore } from '../../src/cases/redisCaseStore';
import { AppError } from '../../src/errors';
import { CaseNotifier } from '../../src/followUp/caseNotifier';
import { CaseWorkflow } from '../../src/followUp/caseWorkflow';
import { RedisPartnerStore } from '../../src/followUp/redisPartnerStore';
import { AdapterProactiveSender } from '../../src/handoff/proactive';
import { silentLogger } from '../../src/logger';
import { RedisKeys } from '../../src/redisKeys';
import { FixedClock } from '../fakes/fixedClock';
import { FakeConnector } from '../helpers/fakeConnector';
import { realMessages } from '../helpers/testDeps';
import { useTestRedis } from '../helpers/testRedis';
import { makePartner } from './followUpFixtures';

const ARKTOS = makePartner({ id: 'arktos', name: 'Arktos', kind: 'naft', offers: ['wellbeing'], area: ['region'] });
const PROS = makePartner({ id: 'pros', name: 'PrOS', kind: 'naft', offers: ['wellbeing'], area: ['region'] });

describe('CaseWorkflow on a real Redis, notifying through a real CloudAdapter', () => {
  const testRedis = useTestRedis();
  const connector = new FakeConnector();
  beforeAll(() => connector.start());
  afterAll(() => connector.stop());

  /** A world with its own key prefix: case service, workflow, partner directory, clock. */
  async function world() {
    const keys = new RedisKeys(`${testRedis().keyPrefix}${randomBytes(4).toString('hex')}:`);
    const clock = new FixedClock(new Date('2026-11-23T09:00:00.000Z'));
    const cases = new RedisCaseStore(testRedis().redis, keys);
    const partners = new RedisPartnerStore(testRedis().redis, keys);
    await partners.seedOnce([ARKTOS, PROS]);
    const messages = realMessages();
    const sender = new AdapterProactiveSender('');
    sender.attach(createAdapter({}, silentLogger, messages, new ConversationState(new MemoryStorage())));
    const workflow = new CaseWorkflow(cases, partners, new CaseNotifier(sender, messages, silentLogger), clock);
    const service = new CaseService(cases, clock);
    const submit = async (conversationId: string, locale: string, duplicateKey?: string) => {
      const origin = {
        ownerKey: `test:user-${conversationId}`,
        conversationId,
        channelId: 'test',
        locale,
        conversationRef: {
          channelId: 'test',
          serviceUrl: connector.url,
          conversation: { id: conversationId },
          bot: { id: 'bot', name: 'Bot' },
          user: { id: `user-${conversationId}` },
          locale,
        },
      };
      return service.submit({ kind: 'pupil-concern', data: { categories: ['wellbeing'], pupilName: 'Lina' }, origin, duplicateKey });
    };
    return { cases, clock, workflow, service, submit };
  }

  it('should walk a worry report through its statuses with history and a message in the reporter language at each step', async () => {
    const { cases, clock, workflow, submit } = await world();
    const conversation = `conv-${randomBytes(3).toString('hex')}`;
    const { reference } = await submit(conversation, 'en');

    clock.advance(3_600_000);
    expect((await workflow.changeStatus(reference, { status: 'screened', by: 'sofie' })).notification).toBe('sent');
    await workflow.changeStatus(reference, { status: 'assigned', by: 'sofie', partnerIds: ['arktos', 'pros'], note: 'together' });
    const contact = await workflow.changeStatus(reference, { status: 'contact-made', by: 'sofie' });
    expect(contact.notification).toBe('notNotified');
    await workflow.changeStatus(reference, { status: 'closed', by: 'sofie', note: 'trajectory agreed with school' });

    await connector.waitFor(() => connector.texts(conversation).length === 3);
    const texts = connector.texts(conversation);
    expect(texts[0]).toContain(`Your report ${reference} has been received`);
    expect(texts[1]).toBe(`Your report ${reference} has been passed on to Arktos and PrOS. They will take the question further.`);
    expect(texts[2]).toContain(`Your request ${reference} has been closed`);
    // Only the reference, the status and the partner's name reach the reporter: no family detail, no staff note.
    for (const text of texts) expect(text).not.toMatch(/Lina|together|trajectory|sofie/);

    const stored = (await cases.get(reference))!;
    expect(stored.status).toBe('closed');
    expect(stored.partnerIds).toEqual(['arktos', 'pros']);
    expect(stored.history.map((h) => [h.status, h.by])).toEqual([
      ['new', 'bot'],
      ['screened', 'sofie'],
      ['assigned', 'sofie'],
      ['contact-made', 'sofie'],
      ['closed', 'sofie'],
    ]);
    expect(stored.history[2]!.note).toBe('→ Arktos + PrOS — together');
    expect(stored.history[1]!.at).toBe('2026-11-23T10:00:00.000Z');
  });

  it('should speak Dutch to a Dutch reporter', async () => {
    const { workflow, submit } = await world();
    const conversation = `conv-${randomBytes(3).toString('hex')}`;
    const { reference } = await submit(conversation, 'nl');
    await workflow.changeStatus(reference, { status: 'assigned', by: 'sofie', partnerIds: ['arktos'] });
    await connector.waitFor(() => connector.texts(conversation).length === 1);
    expect(connector.texts(conversation)[0]).toBe(`Uw melding ${reference} is doorgegeven aan Arktos. Zij nemen de vraag verder op.`);
  });

  it('should tell each second reporter too, once, in their own language, with nothing of the family', async () => {
    const { workflow, service, submit } = await world();
    const [owner, teacher, neighbour] = ['owner', 'teacher', 'neighbour'].map((who) => `conv-${who}-${randomBytes(3).toString('hex')}`) as [string, string, string];
    const { reference } = await submit(owner, 'nl', 'pupil:noor-2013');
    expect(await submit(teacher, 'en', 'pupil:noor-2013')).toMatchObject({ reference, duplicate: true, sameOwner: false });
    await submit(teacher, 'en', 'pupil:noor-2013'); // the teacher reports twice: still one message per step
    expect(await submit(neighbour, 'fr', 'pupil:noor-2013')).toMatchObject({ reference, duplicate: true });
    // A linked report without a conversation (e.g. from before the field existed) is skipped.
    const unreachable = { ownerKey: 'test:phone', conversationId: 'phone', channelId: 'test', locale: 'nl' };
    await service.submit({ kind: 'pupil-concern', data: { pupilName: 'Noor' }, origin: unreachable, duplicateKey: 'pupil:noor-2013' });

    const screened = await workflow.changeStatus(reference, { status: 'screened', by: 'sofie', note: 'mother called: Noor sleeps badly' });
    expect(screened.notification).toBe('sent');
    expect(screened.linkedNotifications).toEqual(['sent', 'sent']);
    const contact = await workflow.changeStatus(reference, { status: 'assigned', by: 'sofie', partnerIds: ['arktos'] });
    expect(contact.linkedNotifications).toEqual(['sent', 'sent']);
    expect((await workflow.changeStatus(reference, { status: 'contact-made', by: 'sofie' })).linkedNotifications).toEqual(['notNotified', 'notNotified']);

    await connector.waitFor(() => [owner, teacher, neighbour].every((c) => connector.texts(c).length === 2));
    const expected = (locale: string) => {
      const messages = realMessages();
      return [
        messages.t(locale, 'followUp.notify.received', { reference, partners: '' }),
        messages.t(locale, 'followUp.notify.assigned', { reference, partners: 'Arktos' }),
      ];
    };
    expect(connector.texts(owner)).toEqual(expected('nl'));
    expect(connector.texts(teacher)).toEqual(expected('en'));
    expect(connector.texts(neighbour)).toEqual(expected('fr'));
    expect(expected('fr')).not.toEqual(expected('en'));
    for (const text of [teacher, neighbour].flatMap((c) => connector.texts(c))) expect(text).not.toMatch(/Noor|Lina|sleeps|sofie/);
    expect(connector.texts('phone')).toEqual([]);
  });

  it('should refuse an invalid transition, an unknown partner and a stale view without saving or sending', async () => {
    const { cases, workflow, submit } = await world();
    const conversation = `conv-${randomBytes(3).toString('hex')}`;
    const { reference } = await submit(conversation, 'nl');
    const before = await cases.get(reference);
    await expect(workflow.changeStatus(reference, { status: 'contact-made', by: 'x' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', context: { problem: 'notAllowed' } });
    await expect(workflow.changeStatus(reference, { status: 'assigned', by: 'x' })).rejects.toMatchObject({ context: { problem: 'partnerRequired' } });
    await expect(workflow.changeStatus(reference, { status: 'assigned', by: 'x', partnerIds: ['nobody'] })).rejects.toMatchObject({ code: 'CASE_INVALID' });
    await expect(workflow.changeStatus(reference, { status: 'screened', by: 'x', expectedUpdatedAt: '2020-01-01T00:00:00.000Z' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(workflow.changeStatus('ZRG-ZZZZZ', { status: 'screened', by: 'x' })).rejects.toBeInstanceOf(AppError);
    expect(await cases.get(reference)).toEqual(before);
    expect(connector.texts(conversation)).toEqual([]);
  });

  it('should keep the duplicate key while the case is open and release it once it is closed', async () => {
    const { workflow, submit } = await world();
    const first = await submit(`conv-${randomBytes(3).toString('hex')}`, 'nl', 'pupil:lina-2012');
    const second = await submit(`conv-${randomBytes(3).toString('hex')}`, 'nl', 'pupil:lina-2012');
    expect(second).toEqual({ reference: first.reference, duplicate: true, sameOwner: false });
    await workflow.changeStatus(first.reference, { status: 'closed', by: 'sofie', note: 'not for us' });
    const third = await submit(`conv-${randomBytes(3).toString('hex')}`, 'nl', 'pupil:lina-2012');
    expect(third.duplicate).toBe(false);
    expect(third.reference).not.toBe(first.reference);
  });

  it('should save the change but report "failed" when the sender throws', async () => {
    // A unit-level sender: AdapterProactiveSender hands errors to the adapter's onTurnError
    // (botbuilder catches them in runMiddleware), so a real unreachable channel never throws here.
    const { cases, service, clock } = await world();
    const failing = new CaseNotifier({ send: () => Promise.reject(new Error('channel down')) }, realMessages(), silentLogger);
    const workflow = new CaseWorkflow(cases, new RedisPartnerStore(testRedis().redis, new RedisKeys('unused:')), failing, clock);
    const origin = { ownerKey: 'test:gone', conversationId: 'gone', channelId: 'test', locale: 'nl', conversationRef: { conversation: { id: 'gone' } } };
    const { reference } = await service.submit({ kind: 'pupil-concern', data: {}, origin });
    const result = await workflow.changeStatus(reference, { status: 'screened', by: 'sofie' });
    expect(result.notification).toBe('failed');
    expect((await cases.get(reference))!.status).toBe('screened');
  });

  it('should add internal notes without messaging the reporter', async () => {
    const { workflow, submit } = await world();
    const conversation = `conv-${randomBytes(3).toString('hex')}`;
    const { reference } = await submit(conversation, 'nl');
    const record = await workflow.addNote(reference, 'sofie', '  called the school  ');
    expect(record.notes).toEqual([{ at: expect.any(String) as unknown, by: 'sofie', text: 'called the school' }]);
    expect(connector.texts(conversation)).toEqual([]);
  });
});
