import type { StaffUser } from '../../src/console/staffUsers';
import { messageActivity, post } from '../helpers/appServer';
import { FakeConnector } from '../helpers/fakeConnector';
import { StaffClient, staffAccounts, startInstance, type Instance } from './helpdeskTestKit';

const ROUTES: [string, string][] = [
  ['POST', '/logout'],
  ['GET', '/me'],
  ['GET', '/queue'],
  ['GET', '/staff'],
  ['GET', '/canned'],
  ['GET', '/events'],
  ['POST', '/presence'],
  ['GET', '/conversations/abc'],
  ['POST', '/conversations/abc/claim'],
  ['POST', '/conversations/abc/messages'],
  ['POST', '/conversations/abc/notes'],
  ['POST', '/conversations/abc/transfer'],
  ['POST', '/conversations/abc/release'],
  ['POST', '/conversations/abc/close'],
  ['POST', '/conversations/abc/consent'],
];

describe('staff API without HELPDESK_USERS_FILE', () => {
  it('should say that no staff are configured', async () => {
    const instance = await startInstance({});
    try {
      const res = await new StaffClient(instance.url).login('ann');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: expect.stringContaining('no staff') });
    } finally {
      await instance.stop();
    }
  });
});

describe('staff API (memory mode)', () => {
  let staff: StaffUser[];
  let instance: Instance;
  const connector = new FakeConnector();

  beforeAll(async () => {
    staff = await staffAccounts();
    await connector.start();
    instance = await startInstance({ staffUsers: staff });
  });
  afterAll(async () => {
    await instance.stop();
    await connector.stop();
  });

  it.each(ROUTES)('%s %s should answer 401 without a session', async (method, path) => {
    const res = await fetch(`${instance.url}/api/helpdesk${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(401);
  });

  it('should answer 401 to a forged or foreign-signed cookie', async () => {
    const res = await fetch(`${instance.url}/api/helpdesk/queue`, { headers: { cookie: 'helpdesk_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm4ifQ.' } });
    expect(res.status).toBe(401);
  });

  it('should set an HttpOnly SameSite=Strict cookie and return a CSRF token', async () => {
    const client = new StaffClient(instance.url);
    const res = await client.login('ann');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const body = (await res.json()) as { csrfToken: string; user: Record<string, unknown> };
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(body.user).toEqual({ username: 'ann', name: 'Ann', role: 'agent', teams: ['cmp'], languages: ['nl', 'en'] });
    expect(JSON.stringify(body)).not.toContain('argon2');
    expect((await client.get('/me')).status).toBe(200);
  });

  it('should refuse a state-changing request without or with a wrong CSRF token (403)', async () => {
    const client = new StaffClient(instance.url);
    await client.login('ann');
    expect((await client.post('/presence', { status: 'busy' }, false)).status).toBe(403);
    const csrf = client.csrf;
    client.csrf = 'x'.repeat(csrf.length);
    expect((await client.post('/presence', { status: 'busy' })).status).toBe(403);
    client.csrf = csrf;
    expect((await client.post('/presence', { status: 'busy' })).status).toBe(200);
  });

  it('should throttle wrong passwords (429 after five) and log out', async () => {
    const client = new StaffClient(instance.url);
    for (let i = 0; i < 5; i += 1) expect((await client.login('nobody', 'wrong password!')).status).toBe(401);
    const blocked = await client.login('nobody');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const ann = new StaffClient(instance.url);
    await ann.login('ann');
    const out = await ann.post('/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('should serve the console page with a strict CSP and no inline script', async () => {
    const res = await fetch(`${instance.url}/helpdesk/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script src="/helpdesk/console.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect((await fetch(`${instance.url}/helpdesk/console.js`)).status).toBe(200);
  });

  it('should queue, show live, let one take over, talk both ways, note, hand back and close', async () => {
    const ann = new StaffClient(instance.url);
    const bert = new StaffClient(instance.url);
    await ann.login('ann');
    await bert.login('bert');
    const tap = await ann.events();
    try {
      const conv = 'api-1';
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, conv, 'hallo'));
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, conv, 'medewerker'));
      await connector.waitFor(() => connector.texts(conv).some((t) => t.includes('U bent als volgende')));
      await tap.waitFor((e) => e.event === 'changed' && e.data.reason === 'queued');
      const queue = (await (await ann.get('/queue')).json()) as Record<string, unknown>[];
      expect(queue).toHaveLength(1);
      expect(queue[0]).toMatchObject({ topic: 'general', team: 'cmp', language: 'nl', priority: 'normal', ownTeam: true, speaksLanguage: true, preview: 'hallo' });
      const id = String(queue[0]!.id);

      const claims = await Promise.all([ann.post(`/conversations/${id}/claim`), bert.post(`/conversations/${id}/claim`)]);
      expect(claims.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = claims[0]!.status === 200 ? ann : bert;
      const name = winner === ann ? 'Ann' : 'Bert';
      await connector.waitFor(() => connector.texts(conv).includes(`${name} van het Centraal Meldpunt is nu bij u.`));

      expect((await winner.post(`/conversations/${id}/messages`, { text: 'Hoe kan ik helpen?' })).status).toBe(200);
      await connector.waitFor(() => connector.texts(conv).includes('Hoe kan ik helpen?'));
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, conv, 'ik heb een vraag over school'));
      await tap.waitFor((e) => e.event === 'message' && (e.data.entry as { text: string }).text === 'ik heb een vraag over school');

      expect((await winner.post(`/conversations/${id}/messages`, { cannedKey: 'oneMoment' })).status).toBe(200);
      expect((await winner.post(`/conversations/${id}/messages`, { cannedKey: 'nope' })).status).toBe(400);
      expect((await winner.post(`/conversations/${id}/notes`, { text: 'ouder lijkt ongerust' })).status).toBe(200);
      const detail = (await (await winner.get(`/conversations/${id}`)).json()) as { state: string; transcript: { from: string; text: string }[] };
      expect(detail.state).toBe('staff');
      expect(detail.transcript.map((e) => e.from)).toEqual(expect.arrayContaining(['user', 'bot', 'system', 'staff', 'note']));
      expect(connector.texts(conv)).not.toContain('ouder lijkt ongerust');

      const staffList = (await (await ann.get('/staff')).json()) as { username: string; presence: string; handling: string[] }[];
      expect(staffList.find((s) => s.handling.includes(id))?.username).toBe(name.toLowerCase());

      expect((await winner.post(`/conversations/${id}/release`)).status).toBe(200);
      await connector.waitFor(() => connector.texts(conv).some((t) => t.includes('teruggegeven aan de chatbot')));
      await post(`${instance.url}/api/messages`, messageActivity(connector.url, conv, 'hallo'));
      await connector.waitFor(() => connector.texts(conv).filter((t) => t.includes('Waarmee kan ik helpen?')).length >= 2);

      await post(`${instance.url}/api/messages`, messageActivity(connector.url, conv, 'medewerker'));
      await tap.waitFor((e) => e.event === 'changed' && e.data.reason === 'queued' && tap.events.filter((x) => x.data.reason === 'queued').length >= 2);
      expect((await ann.post(`/conversations/${id}/close`, { outcome: 'sure' })).status).toBe(400);
      expect((await ann.post(`/conversations/${id}/close`, { outcome: 'no-answer' })).status).toBe(200);
      expect(((await (await ann.get(`/conversations/${id}`)).json()) as { outcome: string }).outcome).toBe('no-answer');
    } finally {
      tap.close();
    }
  });
});
