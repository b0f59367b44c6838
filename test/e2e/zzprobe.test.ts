import { chromium } from 'playwright-core';
import { cloudAdapterEchoBot, startWebChatServer } from '/work/main/test/webchat/webchatTestServer';
jest.setTimeout(60000);
it('probe', async () => {
  const srv = await startWebChatServer({ deliver: cloudAdapterEchoBot() });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
  const page = await browser.newPage({ locale: 'nl-BE' });
  page.on('console', (m) => console.log('console', m.type(), m.text(), JSON.stringify(m.location())));
  page.on('requestfinished', async (r) => console.log('req', r.method(), r.url(), (await r.response())?.status()));
  page.on('requestfailed', (r) => console.log('failed', r.url()));
  await page.route('**/*', async (route) => { const resp = await route.fetch(); if (route.request().url().endsWith('/webchat/chat.js')) { const body = (await resp.text()).replace('directLine: directLine,', "directLine: directLine, nonce: 'abc123',"); return route.fulfill({ response: resp, body, headers: { ...resp.headers(), 'content-length': String(Buffer.byteLength(body)) } }); } const headers = { ...resp.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-abc123'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; font-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'" }; await route.fulfill({ response: resp, headers }); });
  await page.goto(srv.origin + '/');
  await page.getByRole('paragraph').filter({ hasText: 'Welkom' }).waitFor();
  await page.getByRole('textbox').first().fill('hallo'); await page.getByRole('textbox').first().press('Enter'); await page.getByRole('paragraph').filter({ hasText: 'echo: hallo' }).waitFor(); await page.screenshot({path:'/tmp/csp3.png'}); await new Promise((r) => setTimeout(r, 500));
  await browser.close(); await srv.close();
});
