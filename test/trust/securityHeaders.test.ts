import { startApp, type RunningApp } from '../helpers/appServer';

/** Every kind of page and answer the server gives: HTML, scripts, JSON, errors. */
const PATHS = ['/', '/webchat/chat.js', '/webchat/chat.css', '/healthz', '/no-such-page', '/helpdesk/'];

describe('security headers', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running?.stop();
  });

  it.each(PATHS)('%s carries CSP without inline scripts, frame-ancestors none, nosniff, DENY, no referrer', async (path) => {
    const response = await fetch(`${running.url}${path}`);
    await response.arrayBuffer();
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // Web Chat injects styles at runtime; pages without it (the console) may be stricter.
    expect(["'self' 'unsafe-inline'", "'self'"]).toContain(directives.get('style-src')?.join(' '));
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('also on the Bot Framework endpoint', async () => {
    const response = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await response.arrayBuffer();
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
