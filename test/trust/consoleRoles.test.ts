import { CaseService } from '../../src/cases/caseService';
import type { StaffUser } from '../../src/console/staffUsers';
import { conversationKey } from '../../src/handoff/conversationKey';
import { messageActivity, post } from '../helpers/appServer';
import { FakeConnector } from '../helpers/fakeConnector';
import { StaffClient, staffAccounts, startInstance, type Instance } from '../console/helpdeskTestKit';
import { FixedClock } from '../fakes/fixedClock';

/**
 * The role table of the staff API (CONTRACT.md "Staff API"), as one table: every route, what an
 * agent and a coordinator get. A route added without a row here fails the coverage test below.
 * "own" = claimed by the caller; "other" = claimed by another agent (bert). The team dimension:
 * every conversation and case here is team cmp's (ann, bert); lea works for leerrecht only and
 * gets 403 on each of them (issue 20), whatever an agent of the team would get.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Ctx {
  /** A conversation waiting in the queue. */
  waiting(): Promise<string>;
  /** A conversation claimed by `by`. */
  claimed(by: StaffClient): Promise<string>;
  /** A fresh pupil-concern case (status new). */
  newCase(): Promise<string>;
  /** A partner no case uses, made by the coordinator. */
  sparePartner(): Promise<string>;
}
interface Row {
  method: Method;
  /** The route as registered (restify syntax), for the coverage check. */
  route: string;
  /** The concrete request for the acting staff member. */
  prepare(ctx: Ctx, me: StaffClient, other: StaffClient): Promise<{ path: string; body?: unknown }>;
  agent: number;
  coordinator: number;
  stream?: boolean;
}

/** Routes about one conversation or one case: behind the team wall. */
const walled = (row: Row): boolean => /^\/(conversations|cases)\/:/.test(row.route);

const PARTNER = { name: 'Huiswerkklas Test', kind: 'school-support', offers: ['practicalNeeds'], area: ['Mechelen'], languages: ['nl'], contacts: [] };
const fixed = (path: string, body?: unknown) => async () => ({ path, body });
const conv = (make: (ctx: Ctx, me: StaffClient, other: StaffClient) => Promise<string>, suffix: string, body?: unknown) =>
  async (ctx: Ctx, me: StaffClient, other: StaffClient) => ({ path: `/conversations/${await make(ctx, me, other)}${suffix}`, body });
const own = (ctx: Ctx, me: StaffClient) => ctx.claimed(me);
const others = (ctx: Ctx, _me: StaffClient, other: StaffClient) => ctx.claimed(other);
const waiting = (ctx: Ctx) => ctx.waiting();
const kase = (suffix: string, body?: unknown) => async (ctx: Ctx) => ({ path: `/cases/${await ctx.newCase()}${suffix}`, body });
const partner = async (ctx: Ctx) => ({ path: `/partners/${await ctx.sparePartner()}`, body: PARTNER });

const TABLE: Row[] = [
  { method: 'POST', route: '/logout', prepare: fixed('/logout'), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/me', prepare: fixed('/me'), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/presence', prepare: fixed('/presence', { status: 'busy' }), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/staff', prepare: fixed('/staff'), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/canned', prepare: fixed('/canned'), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/events', prepare: fixed('/events'), agent: 200, coordinator: 200, stream: true },
  { method: 'GET', route: '/queue', prepare: fixed('/queue'), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/conversations/:id', prepare: conv(waiting, ''), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/claim', prepare: conv(waiting, '/claim'), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/messages', prepare: conv(own, '/messages', { text: 'Hallo' }), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/notes', prepare: conv(own, '/notes', { text: 'nota' }), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/transfer', prepare: conv(own, '/transfer', { to: 'queue' }), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/release', prepare: conv(own, '/release'), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/close', prepare: conv(own, '/close', { outcome: 'solved' }), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/consent', prepare: conv(own, '/consent'), agent: 200, coordinator: 200 },
  // Someone else's conversation: 409 "with bert" (it is a state conflict, like a lost claim race).
  // Coordinators may take over: transfer, hand back, close; speaking in it stays the assignee's.
  { method: 'POST', route: '/conversations/:id/messages', prepare: conv(others, '/messages', { text: 'Hallo' }), agent: 409, coordinator: 409 },
  { method: 'POST', route: '/conversations/:id/transfer', prepare: conv(others, '/transfer', { to: 'queue' }), agent: 409, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/release', prepare: conv(others, '/release'), agent: 409, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/close', prepare: conv(others, '/close', { outcome: 'solved' }), agent: 409, coordinator: 200 },
  { method: 'POST', route: '/conversations/:id/consent', prepare: conv(others, '/consent'), agent: 409, coordinator: 409 },
  { method: 'POST', route: '/conversations/:id/claim', prepare: conv(others, '/claim'), agent: 409, coordinator: 409 },
  { method: 'GET', route: '/forms', prepare: fixed('/forms'), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/cases', prepare: fixed('/cases'), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/cases/:ref', prepare: kase(''), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/cases/:ref/status', prepare: kase('/status', { status: 'screened' }), agent: 200, coordinator: 200 },
  // Choosing the partner is dispatch: the coordinator's, so two partners never approach one family.
  { method: 'POST', route: '/cases/:ref/status', prepare: kase('/status', { status: 'assigned', partnerIds: ['arktos'] }), agent: 403, coordinator: 200 },
  { method: 'POST', route: '/cases/:ref/notes', prepare: kase('/notes', { text: 'school gebeld' }), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/partners', prepare: fixed('/partners'), agent: 200, coordinator: 200 },
  { method: 'GET', route: '/partners/:id', prepare: fixed('/partners/arktos'), agent: 200, coordinator: 200 },
  { method: 'POST', route: '/partners', prepare: async () => ({ path: '/partners', body: { ...PARTNER, name: `Partner ${Math.random().toString(36).slice(2, 8)}` } }), agent: 403, coordinator: 201 },
  { method: 'PUT', route: '/partners/:id', prepare: partner, agent: 403, coordinator: 200 },
  { method: 'DELETE', route: '/partners/:id', prepare: partner, agent: 403, coordinator: 204 },
  { method: 'GET', route: '/stats', prepare: fixed('/stats'), agent: 403, coordinator: 200 },
  { method: 'GET', route: '/stats.csv', prepare: fixed('/stats.csv'), agent: 403, coordinator: 200 },
  { method: 'POST', route: '/erase', prepare: async (ctx) => ({ path: '/erase', body: { reference: await ctx.newCase() } }), agent: 403, coordinator: 200 },
];

describe('staff API role table (agent, coordinator, no session, no CSRF token)', () => {
  const connector = new FakeConnector();
  const clock = new FixedClock(); // Monday 10:00: the desk is open, "medewerker" queues
  let instance: Instance;
  let staff: StaffUser[];
  let n = 0;

  beforeAll(async () => {
    const [ann, bert] = await staffAccounts();
    staff = [
      ann!,
      bert!,
      { ...ann!, username: 'cora', name: 'Cora', role: 'coordinator', teams: ['cmp', 'laptop-desk'] },
      { ...ann!, username: 'lea', name: 'Lea', teams: ['leerrecht'] },
    ];
    await connector.start();
    instance = await startInstance({ staffUsers: staff, clock });
  });
  afterAll(async () => {
    await instance.stop();
    await connector.stop();
  });

  const fresh = async (username: string): Promise<StaffClient> => {
    const client = new StaffClient(instance.url);
    expect((await client.login(username)).status).toBe(200);
    return client;
  };
  // One session per account (argon2 makes a login slow); the logout row signs in afresh.
  const sessions = new Map<string, StaffClient>();
  const login = async (username: string): Promise<StaffClient> => sessions.get(username) ?? sessions.set(username, await fresh(username)).get(username)!;
  const actor = (row: Row, username: string) => (row.route === '/logout' ? fresh(username) : login(username));
  const ctx: Ctx = {
    async waiting() {
      const id = `roles-${(n += 1)}`;
      // The first message of a conversation gets the welcome; the second asks for a person.
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, id, 'hallo'));
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, id, 'medewerker'));
      const key = conversationKey({ channelId: 'test', conversation: { id } as never });
      for (let i = 0; i < 100 && (await instance.app.handoff.queue.get(key))?.state !== 'waiting'; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect((await instance.app.handoff.queue.get(key))?.state).toBe('waiting');
      return key;
    },
    async claimed(by) {
      const id = await ctx.waiting();
      expect((await by.post(`/conversations/${id}/claim`)).status).toBe(200);
      return id;
    },
    async newCase() {
      const id = `case-${(n += 1)}`;
      const origin = { ownerKey: `test:user-${id}`, conversationId: id, channelId: 'test', locale: 'nl' };
      return (await new CaseService(instance.app.cases, clock).submit({ kind: 'pupil-concern', data: { categories: ['wellbeing'] }, origin })).reference;
    },
    async sparePartner() {
      const res = await call(await login('cora'), 'POST', '/partners', { ...PARTNER, name: `Spare ${(n += 1)}` });
      return ((await res.json()) as { id: string }).id;
    },
  };

  /** A request with the client's cookie, and its CSRF token unless `csrf` is false. */
  function call(client: StaffClient | undefined, method: Method, path: string, body?: unknown, csrf = true): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (client) headers.cookie = client.cookie;
    if (client && csrf) headers['x-csrf-token'] = client.csrf;
    const send = method !== 'GET' && method !== 'DELETE';
    return fetch(`${instance.url}/api/helpdesk${path}`, { method, headers, body: send ? JSON.stringify(body ?? {}) : undefined });
  }

  /** Status of a request; for the event stream, of its headers (the body never ends). */
  async function statusOf(client: StaffClient | undefined, row: Row, path: string, body: unknown, csrf = true): Promise<number> {
    if (!row.stream) return (await call(client, row.method, path, body, csrf)).status;
    const abort = new AbortController();
    const res = await fetch(`${instance.url}/api/helpdesk${path}`, { headers: client ? { cookie: client.cookie } : {}, signal: abort.signal });
    abort.abort();
    return res.status;
  }

  const rows = TABLE.map((row, i) => [`${i + 1}. ${row.method} ${row.route}`, row] as const);

  it('should have a row for every /api/helpdesk route the server registers', () => {
    const registered = Object.values((instance.app.server.getDebugInfo() as { routes: Record<string, { method: string; path: string }> }).routes)
      .filter((r) => String(r.path).startsWith('/api/helpdesk/') && r.path !== '/api/helpdesk/login')
      .map((r) => `${r.method.toUpperCase().replace(/^DEL$/, 'DELETE')} ${String(r.path).slice('/api/helpdesk'.length)}`);
    const covered = new Set(TABLE.map((row) => `${row.method} ${row.route}`));
    expect(registered.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !registered.includes(r))).toEqual([]);
  });

  it.each(rows)('%s: 401 without a session', async (_name, row) => {
    const coordinator = await login('cora');
    const { path, body } = await row.prepare(ctx, coordinator, await login('bert'));
    expect(await statusOf(undefined, row, path, body)).toBe(401);
  });

  it('POST /login is the one route open without a session (400 on an empty body, not 401)', async () => {
    expect((await call(undefined, 'POST', '/login', {})).status).toBe(400);
  });

  it.each(rows)('%s: agent', async (_name, row) => {
    const ann = await actor(row, 'ann');
    const { path, body } = await row.prepare(ctx, ann, await login('bert'));
    expect(await statusOf(ann, row, path, body)).toBe(row.agent);
  });

  it.each(rows)('%s: coordinator', async (_name, row) => {
    const cora = await actor(row, 'cora');
    const { path, body } = await row.prepare(ctx, cora, await login('bert'));
    expect(await statusOf(cora, row, path, body)).toBe(row.coordinator);
  });

  it.each(rows)('%s: agent of another team', async (_name, row) => {
    const lea = await actor(row, 'lea');
    // What the route acts on is prepared as for bert (team cmp); lea then asks for it.
    const bert = await login('bert');
    const { path, body } = await row.prepare(ctx, walled(row) ? bert : lea, bert);
    expect(await statusOf(lea, row, path, body)).toBe(walled(row) ? 403 : row.agent);
  });

  it('should list only the own teams\' conversations and cases to an agent, all to a coordinator', async () => {
    const id = await ctx.waiting();
    const reference = await ctx.newCase();
    const ids = async (who: string, path: string): Promise<string[]> => {
      const json = (await (await call(await login(who), 'GET', path)).json()) as { id: string }[] | { cases: { reference: string }[] };
      return Array.isArray(json) ? json.map((row) => row.id) : json.cases.map((c) => c.reference);
    };
    expect(await ids('ann', '/queue')).toContain(id);
    expect(await ids('lea', '/queue')).not.toContain(id);
    expect(await ids('cora', '/queue')).toContain(id);
    expect(await ids('ann', '/cases')).toContain(reference);
    expect(await ids('lea', '/cases')).not.toContain(reference);
    expect(await ids('cora', '/cases')).toContain(reference);
    const taken = await ctx.claimed(await login('ann'));
    const handling = async (who: string): Promise<string[]> =>
      ((await (await call(await login(who), 'GET', '/staff')).json()) as { username: string; handling: string[] }[]).find((s) => s.username === 'ann')!.handling;
    expect(await handling('lea')).not.toContain(taken);
    expect(await handling('cora')).toContain(taken);
  });

  it('should refuse a transfer to a colleague outside the conversation\'s team', async () => {
    const ann = await login('ann');
    const id = await ctx.claimed(ann);
    expect((await call(ann, 'POST', `/conversations/${id}/transfer`, { to: 'lea' })).status).toBe(400);
    expect((await call(ann, 'POST', `/conversations/${id}/transfer`, { to: 'bert' })).status).toBe(200);
  });

  it('should close a crisis conversation as abusive only with a note, and tell the user the chat ended', async () => {
    const id = `roles-crisis-${(n += 1)}`;
    await post(`${instance.url}/api/messages`, messageActivity(connector.url, id, 'hallo'));
    await post(`${instance.url}/api/messages`, messageActivity(connector.url, id, 'ik wil dood'));
    const key = conversationKey({ channelId: 'test', conversation: { id } as never });
    for (let i = 0; i < 100 && (await instance.app.handoff.queue.get(key))?.priority !== 'crisis'; i += 1) await new Promise((r) => setTimeout(r, 20));
    const ann = await login('ann');
    expect((await call(ann, 'POST', `/conversations/${key}/claim`)).status).toBe(200);
    expect((await call(ann, 'POST', `/conversations/${key}/close`, { outcome: 'abusive' })).status).toBe(400);
    expect((await instance.app.handoff.queue.get(key))?.state).toBe('staff');
    const before = connector.texts(id).length;
    expect((await call(ann, 'POST', `/conversations/${key}/close`, { outcome: 'abusive', note: 'scheldwoorden, geen crisis' })).status).toBe(200);
    await connector.waitFor(() => connector.texts(id).length > before);
    expect(connector.texts(id).slice(before)).toContain('Bedankt voor uw gesprek met het Centraal Meldpunt.');
    const transcript = await instance.app.handoff.queue.transcript(key);
    expect(transcript.some((line) => line.from === 'note' && line.text === 'scheldwoorden, geen crisis')).toBe(true);
  });

  it.each(rows.filter(([, row]) => row.method !== 'GET'))('%s: 403 without the X-CSRF-Token header', async (_name, row) => {
    const cora = await actor(row, 'cora');
    const { path, body } = await row.prepare(ctx, cora, await login('bert'));
    expect(await statusOf(cora, row, path, body, false)).toBe(403);
  });
});
