import { chromium, type Browser } from 'playwright-core';
import { FakeConnector } from '../helpers/fakeConnector';
import { reporter, PASSWORD, startFollowUpServer, type FollowUpServer } from '../followUp/followUpTestServer';

// Launching Chromium takes a few seconds on a cold machine.
jest.setTimeout(60_000);

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let app: FollowUpServer;
let browser: Browser;
const connector = new FakeConnector();

beforeAll(async () => {
  await connector.start();
  app = await startFollowUpServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await connector.stop();
});

describe('assigning a case in the console follow-up views', () => {
  it('should sign in, find the report, assign the suggested partner, and show who has it; the reporter is told', async () => {
    const { reference } = await app.service.submit({
      kind: 'pupil-concern',
      data: { school: 'Sint-Ursula', level: 'secondary1', worries: ['wellbeing'], urgency: 'thisWeek', pupilAge: 14, pupilFirstName: 'Lina' },
      origin: reporter('browser-conv', connector.url, 'nl'),
    });
    const page = await (await browser.newContext({ locale: 'nl-BE' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${app.url}/helpdesk/`);
    await page.fill('.fu-login input[name=username]', 'coordinator');
    await page.fill('.fu-login input[name=password]', PASSWORD);
    await page.click('.fu-login button[type=submit]');

    await page.fill('.fu-filters input[name=q]', reference.slice(4));
    await page.click('.fu-filters button[type=submit]');
    await page.click(`a[data-ref="${reference}"]`);
    await page.waitForSelector('.fu-status-form');

    await page.selectOption('.fu-status-form select[name=status]', 'assigned');
    // NAFT partners offer wellbeing; the first suggestion is checked.
    const first = page.locator('.fu-suggestion input').first();
    const partnerId = await first.getAttribute('value');
    expect(['arktos', 'profo', 'pros']).toContain(partnerId);
    await first.check();
    await page.click('.fu-status-form button[type=submit]');

    await page.waitForSelector('.fu-assigned');
    const partnerName = { arktos: 'Arktos', profo: 'Profo', pros: 'PrOS' }[partnerId as 'arktos'];
    expect(await page.textContent('.fu-assigned')).toContain(`Assigned to: ${partnerName}`);
    expect(await page.textContent('.fu-message')).toContain('Reporter notified');
    expect(await page.locator('.fu-table tbody tr', { hasText: 'assigned' }).count()).toBeGreaterThan(0);

    await connector.waitFor(() => connector.texts('browser-conv').length === 1);
    expect(connector.texts('browser-conv')[0]).toBe(`Uw melding ${reference} is doorgegeven aan ${partnerName}. Zij nemen de vraag verder op.`);
    expect((await app.cases.get(reference))!.partnerIds).toEqual([partnerId]);

    // The figures view draws its bar charts as SVG from the same origin.
    await page.click('.fu-tab[data-view=figures]');
    await page.waitForSelector('.fu-figures svg.fu-chart rect', { state: 'attached' });
    expect(await page.locator('.fu-figures svg.fu-chart rect').count()).toBeGreaterThan(3);
    expect(errors).toEqual([]);
  });
});
