import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../helpers/appServer';

// Launching Chromium and loading the Web Chat bundle takes a few seconds on a cold machine.
jest.setTimeout(60_000);

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  running = await startApp();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('the real bot in the browser chat at /', () => {
  it('should greet in Dutch, answer "hallo" with the menu, and follow a menu button', async () => {
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 412, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${running.url}/`);
    const bubble = (text: string) => page.getByRole('paragraph').filter({ hasText: text });
    await bubble('Centraal Meldpunt van Mechelen').first().waitFor();
    await bubble('Waarmee kan ik helpen?').first().waitFor();

    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('hallo');
    await sendBox.press('Enter');
    // "hallo" is not a menu choice: the bot says so and shows the numbered menu again.
    await bubble('Dat begreep ik niet').first().waitFor();
    await page.getByRole('button', { name: /6\. Mijn aanvraag opvolgen/ }).last().click();
    await bubble('Wat is uw referentie?').first().waitFor();

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'bot-chat.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('should run right to left in Arabic and answer in Arabic to Arabic-Indic digits', async () => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 412, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${running.url}/`);
    const bubble = (text: string) => page.getByRole('paragraph').filter({ hasText: text });
    await bubble('مرحب').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('٦');
    await sendBox.press('Enter');
    await bubble('LAP-7K3Q9').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'bot-chat-ar.png'), fullPage: true });
    await context.close();
  });
});
