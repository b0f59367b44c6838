import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PASSWORD, staffAccounts, startInstance, type Instance } from '../console/helpdeskTestKit';
import { messageActivity, post } from '../helpers/appServer';
import { FakeConnector } from '../helpers/fakeConnector';

jest.setTimeout(60_000);

// npm cannot download browsers here: Debian's chromium is used.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

let instance: Instance;
let browser: Browser;
const connector = new FakeConnector();

beforeAll(async () => {
  await connector.start();
  instance = await startInstance({ staffUsers: await staffAccounts() });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
  await connector.stop();
});

describe('the helpdesk console at /helpdesk/', () => {
  it('should log in, take a waiting conversation and chat with the user both ways', async () => {
    const say = (text: string): Promise<number> => post(`${instance.url}/api/messages`, messageActivity(connector.url, 'web-1', text));
    await say('Mijn dochter kan niet inloggen op het aanmeldplatform');
    await say('medewerker');
    await connector.waitFor(() => connector.texts('web-1').some((t) => t.includes('volgende')));

    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().includes('401')) problems.push(`console: ${msg.text()}`);
    });

    await page.goto(`${instance.url}/helpdesk/`);
    await page.getByLabel('Gebruikersnaam').fill('ann');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    const item = page.locator('#queue li').filter({ hasText: 'Mijn dochter kan niet inloggen' });
    await item.waitFor();
    await item.click();
    await page.getByRole('button', { name: 'Overnemen' }).click();
    await connector.waitFor(() => connector.texts('web-1').includes('Ann van het Centraal Meldpunt is nu bij u.'));
    await page.locator('#transcript').getByText('taken by Ann').waitFor();

    const box = page.getByLabel('Bericht aan de gebruiker');
    await box.fill('Dag! Ik kijk even mee. Welke foutmelding ziet u?');
    await box.press('Enter');
    await connector.waitFor(() => connector.texts('web-1').includes('Dag! Ik kijk even mee. Welke foutmelding ziet u?'));

    // The user's answer appears without a reload (server-sent events).
    await say('Er staat "ongeldige code"');
    await page.locator('#transcript li.user').filter({ hasText: 'ongeldige code' }).waitFor();

    // Arabic reads from the right (dir="auto" + text-align: start), Dutch stays left to right.
    await say('ابني لا يستطيع تسجيل الدخول');
    const arabic = page.locator('#transcript li.user .text').filter({ hasText: 'ابني' });
    await arabic.waitFor();
    const layout = (locator: typeof arabic) => locator.evaluate((node) => ({ direction: getComputedStyle(node).direction, textAlign: getComputedStyle(node).textAlign }));
    expect(await layout(arabic)).toEqual({ direction: 'rtl', textAlign: 'start' });
    expect((await layout(page.locator('#transcript li.user .text').filter({ hasText: 'ongeldige code' }))).direction).toBe('ltr');

    // A change of the conversation's state adds its new lines without rebuilding the ones shown.
    const shownLine = await arabic.elementHandle();
    await page.getByRole('button', { name: 'Toestemming vragen (partner)' }).click();
    await page.locator('#conv-meta').getByText('toestemming: gevraagd').waitFor();
    expect(await shownLine!.evaluate((node) => node.isConnected)).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'helpdesk.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
