import { randomBytes } from 'node:crypto';
import { FakeConnector } from '../helpers/fakeConnector';
import { useTestRedis } from '../helpers/testRedis';
import { reporter, signIn, startFollowUpServer, type FollowUpServer } from './followUpTestServer';

describe('follow-up staff API on a real Redis', () => {
  const testRedis = useTestRedis();
  const connector = new FakeConnector();
  let app: FollowUpServer;
  beforeAll(async () => {
    await connector.start();
    app = await startFollowUpServer({ redis: testRedis().redis, keyPrefix: `${testRedis().keyPrefix}${randomBytes(3).toString('hex')}:` });
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });

  const newReport = async (locale = 'nl') => {
    const conversation = `conv-${randomBytes(3).toString('hex')}`;
    const { reference } = await app.service.submit({
      kind: 'pupil-concern',
      data: { categories: ['wellbeing'], school: 'Sint-Romboutscollege', age: 14, pupilName: 'Lina' },
      origin: reporter(conversation, connector.url, locale),
    });
    return { reference, conversation };
  };

  it('should answer 401 without a session and 403 without the CSRF token', async () => {
    expect((await fetch(`${app.url}/api/helpdesk/cases`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/helpdesk/stats.csv`)).status).toBe(401);
    const { reference } = await newReport();
    const coordinator = await signIn(app.url, 'coordinator');
    const res = await coordinator(`/api/helpdesk/cases/${reference}/status`, { method: 'POST', body: { status: 'screened' }, csrf: false });
    expect(res.status).toBe(403);
  });

  it('should list and filter cases, show a case page with suggestions, and hide the conversation reference', async () => {
    const { reference } = await newReport();
    const agent = await signIn(app.url, 'agent');
    const list = (await (await agent(`/api/helpdesk/cases?kind=pupil-concern&q=${reference.slice(4, 8).toLowerCase()}`)).json()) as { cases: { reference: string }[] };
    expect(list.cases.map((c) => c.reference)).toContain(reference);
    const none = (await (await agent('/api/helpdesk/cases?kind=laptop-request')).json()) as { cases: unknown[] };
    expect(none.cases).toEqual([]);
    expect((await agent('/api/helpdesk/cases?kind=nonsense')).status).toBe(400);

    const page = (await (await agent(`/api/helpdesk/cases/${reference}`)).json()) as Record<string, any>;
    expect(page.case.reference).toBe(reference);
    expect(page.case.conversationRef).toBeUndefined();
    expect(page.case.ownerKey).toBeUndefined();
    expect(page.next).toEqual(['screened', 'assigned', 'closed']);
    // Seeded directory: the NAFT partners offer wellbeing; welfare partners (unreachable only) do not.
    expect(page.suggestions.map((s: { partner: { id: string } }) => s.partner.id).sort()).toEqual(['arktos', 'profo', 'pros']);
    expect((await agent('/api/helpdesk/cases/ZRG-ZZZZZ')).status).toBe(404);
  });

  it('should let a coordinator assign two partners, notify the reporter, and show who has it', async () => {
    const { reference, conversation } = await newReport('en');
    const agent = await signIn(app.url, 'agent');
    const coordinator = await signIn(app.url, 'coordinator');
    const assign = { status: 'assigned', partnerIds: ['arktos', 'pros'] };
    expect((await agent(`/api/helpdesk/cases/${reference}/status`, { method: 'POST', body: assign })).status).toBe(403);
    const res = await coordinator(`/api/helpdesk/cases/${reference}/status`, { method: 'POST', body: assign });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'assigned', notification: 'sent' });
    await connector.waitFor(() => connector.texts(conversation).length === 1);
    expect(connector.texts(conversation)[0]).toBe(`Your report ${reference} has been passed on to Arktos and PrOS. They will take the question further.`);

    const page = (await (await agent(`/api/helpdesk/cases/${reference}`)).json()) as Record<string, any>;
    expect(page.assigned.map((p: { name: string }) => p.name)).toEqual(['Arktos', 'PrOS']);
    const mine = (await (await agent('/api/helpdesk/cases?partner=pros')).json()) as { cases: { reference: string }[] };
    expect(mine.cases.map((c) => c.reference)).toContain(reference);

    // An agent moves it on; an invalid move is refused with 409 and nothing is sent.
    expect((await agent(`/api/helpdesk/cases/${reference}/status`, { method: 'POST', body: { status: 'contact-made' } })).status).toBe(200);
    const refused = await agent(`/api/helpdesk/cases/${reference}/status`, { method: 'POST', body: { status: 'screened' } });
    expect(refused.status).toBe(409);
    const closing = await agent(`/api/helpdesk/cases/${reference}/status`, { method: 'POST', body: { status: 'closed' } });
    expect(closing.status).toBe(409);
    expect(((await closing.json()) as { error: string }).error).toContain('outcomeRequired');
    expect((await agent(`/api/helpdesk/cases/${reference}/notes`, { method: 'POST', body: { text: 'school informed' } })).status).toBe(200);
    expect(connector.texts(conversation)).toHaveLength(1);
  });

  it('should let coordinators edit the partner directory and agents only read it', async () => {
    const agent = await signIn(app.url, 'agent');
    const coordinator = await signIn(app.url, 'coordinator');
    const partner = { name: 'Huiswerkklas Nekkerspoel', kind: 'school-support', offers: ['practicalNeeds'], area: ['Nekkerspoel'], languages: ['nl', 'ar'], contacts: [] };
    expect((await agent('/api/helpdesk/partners', { method: 'POST', body: partner })).status).toBe(403);
    const created = await coordinator('/api/helpdesk/partners', { method: 'POST', body: partner });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 'huiswerkklas-nekkerspoel', source: 'console' });
    expect((await coordinator('/api/helpdesk/partners', { method: 'POST', body: partner })).status).toBe(409);
    expect((await coordinator('/api/helpdesk/partners', { method: 'POST', body: { ...partner, offers: ['astrology'] } })).status).toBe(400);
    const updated = await coordinator('/api/helpdesk/partners/huiswerkklas-nekkerspoel', { method: 'PUT', body: { ...partner, contacts: [{ name: 'Contact', phone: '015 00 00 00' }] } });
    expect(updated.status).toBe(200);
    const list = (await (await agent('/api/helpdesk/partners')).json()) as { id: string; openCases: number }[];
    expect(list.find((p) => p.id === 'huiswerkklas-nekkerspoel')).toMatchObject({ openCases: 0 });
    expect((await coordinator('/api/helpdesk/partners/huiswerkklas-nekkerspoel', { method: 'DELETE' })).status).toBe(204);
    expect((await coordinator('/api/helpdesk/partners/huiswerkklas-nekkerspoel', { method: 'DELETE' })).status).toBe(404);
    // Arktos has the open case of the previous test: it cannot be removed.
    expect((await coordinator('/api/helpdesk/partners/arktos', { method: 'DELETE' })).status).toBe(409);
  });

  it('should give the figures and the CSV to coordinators only, with small counts hidden in the CSV', async () => {
    const agent = await signIn(app.url, 'agent');
    const coordinator = await signIn(app.url, 'coordinator');
    expect((await agent('/api/helpdesk/stats')).status).toBe(403);
    expect((await agent('/api/helpdesk/stats.csv')).status).toBe(403);
    const stats = (await (await coordinator('/api/helpdesk/stats?schoolYear=2026-2027')).json()) as Record<string, any>;
    expect(stats.schoolYear).toBe('2026-2027');
    expect(stats.reports).toBeGreaterThanOrEqual(3);
    const csvRes = await coordinator('/api/helpdesk/stats.csv?schoolYear=2026-2027');
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers.get('content-disposition')).toContain('helpline-figures-2026-2027.csv');
    const csv = await csvRes.text();
    expect(csv).toContain('reportsPerSchool,sint-romboutscollege,<5');
    expect(csv).not.toMatch(/,[1-4]\r\n/);
    expect((await coordinator('/api/helpdesk/stats?schoolYear=2026')).status).toBe(400);
  });
});
