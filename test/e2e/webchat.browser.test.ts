import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { DirectLineActivity } from '../../src/webchat/directLine';
import {
  WELCOME,
  cloudAdapterEchoBot,
  startWebChatServer,
  type WebChatTestServer,
} from '../webchat/webchatTestServer';

// Launching Chromium and loading the 4 MB Web Chat bundle takes a few seconds on a cold machine.
jest.setTimeout(60_000);

// npm cannot download browsers here: Debian's chromium (`apt-get install chromium`) is used.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

let srv: WebChatTestServer;
let browser: Browser;
const delivered: DirectLineActivity[] = [];

beforeAll(async () => {
  const bot = cloudAdapterEchoBot();
  srv = await startWebChatServer({
    deliver: (activity) => {
      delivered.push(activity);
      return bot(activity);
    },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the browser chat at /', () => {
  it('should show the welcome, send "hallo" from the send box and show the echo', async () => {
    // A phone-sized window in Dutch (Belgium), like most people who will open this page.
    const context = await browser.newContext({
      locale: 'nl-BE',
      viewport: { width: 412, height: 780 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      // Failed loads are reported (with their URL) by the response listener below.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${msg.text()}`);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(srv.origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        foreign.push(url);
      }
    });

    await page.goto(`${srv.origin}/`);
    await expect(page.title()).resolves.toBe('Centraal Meldpunt Mechelen — chat');
    // Web Chat renders each message as a paragraph (and again in hidden screen-reader labels).
    const bubble = (text: string) => page.getByRole('paragraph').filter({ hasText: text });
    await bubble(WELCOME).waitFor();

    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('hallo');
    await sendBox.press('Enter');
    await bubble('echo: hallo').waitFor();

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat.png'), fullPage: true });

    // The bot learns the browser's language, from the first activity on.
    expect(delivered.map((a) => [a.type, a.locale])).toEqual([
      ['conversationUpdate', 'nl-BE'],
      ['message', 'nl-BE'],
    ]);
    // Everything came from our own server: no CDN, no Azure, no internet.
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
