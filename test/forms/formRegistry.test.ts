import type { AddressInfo } from 'node:net';
import argon2 from 'argon2';
import { FORMS, buildMenuForms } from '../../dialogs/forms';
import { buildApp } from '../../src/app';
import { CASE_PREFIXES } from '../../src/cases/caseRecord';
import { CaseService } from '../../src/cases/caseService';
import { loadConfig } from '../../src/config';
import { prefixesOf } from '../../src/forms/formRegistration';
import { Messages } from '../../src/i18n/messages';
import { silentLogger } from '../../src/logger';
import { FixedClock } from '../fakes/fixedClock';
import { BotHarness } from '../helpers/botHarness';
import { realData } from '../helpers/testDeps';
import { TEST_FORM, localesWithTestForm } from './testForm';

const REGISTRY = [...FORMS, TEST_FORM];
const localesDir = localesWithTestForm();
const messages = Messages.load(localesDir, 'nl', realData().locales.supported);

describe('a form declared in one file (issue #17)', () => {
  function harness(): BotHarness {
    return new BotHarness({
      locale: 'nl',
      messages,
      prefixes: { ...CASE_PREFIXES, ...prefixesOf(REGISTRY) },
      registry: REGISTRY,
      forms: (deps) => buildMenuForms(deps, REGISTRY),
    });
  }

  it('appears in the menu after the built-in options, and the others keep their numbers', async () => {
    const bot = harness();
    const menu = (await bot.join()).map((r) => r.text).join('\n');
    expect(menu).toContain('1. Hulp bij aanmelden en inschrijven op school');
    expect(menu).toContain('5. Praten met een medewerker');
    expect(menu).toContain('9. Onbetaalde schoolrekeningen (voor scholen)');
    expect(menu).toContain('10. Een vraag over uw huisdier');
  });

  it('asks its steps, shows the summary with a way to change one answer, and files a PET- case', async () => {
    const bot = harness();
    await bot.join();
    expect(await bot.sayText('10')).toContain('Welk huisdier heeft u?');
    expect(await bot.sayText('een kat')).toContain('Gaat uw kind graag naar school?');
    const summary = await bot.say('ja hoor');
    expect(summary.map((r) => r.text).join('\n')).toContain('Huisdier: een kat');
    expect(summary.at(-1)?.buttons).toEqual(['1', '2', '3']);
    // "2 — change an answer": the pet, then back to the summary.
    expect(await bot.sayText('2')).toContain('1. Huisdier');
    expect(await bot.sayText('1')).toContain('Welk huisdier heeft u?');
    expect(await bot.sayText('een hond')).toContain('Huisdier: een hond');
    const done = await bot.sayText('ja');
    const reference = /PET-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    const [record] = await bot.world.caseStore.list({ kind: 'petQuestion' });
    expect(record).toMatchObject({ reference, kind: 'petQuestion', data: { pet: 'een hond', likesSchool: 'yes' } });
  });

  it('a draft left for the menu resumes with its answers', async () => {
    const bot = harness();
    await bot.join();
    await bot.sayText('10');
    await bot.sayText('een vis');
    await bot.sayText('menu');
    expect(await bot.sayText('10')).toContain('U was al bezig met deze vraag');
    expect(await bot.sayText('1')).toContain('Gaat uw kind graag naar school?');
  });

  it('shows in the console forms API and its cases reach follow-up', async () => {
    const hash = await argon2.hash('a long passphrase for tests', { type: argon2.argon2id });
    const clock = new FixedClock();
    const app = buildApp({
      config: loadConfig({ HELPDESK_SESSION_SECRET: 's'.repeat(48) }),
      data: realData(),
      logger: silentLogger,
      clock,
      localesDir,
      forms: REGISTRY,
      staffUsers: [{ username: 'co', name: 'Co', passwordHash: hash, role: 'coordinator', teams: ['cmp'], languages: ['nl'] }],
    });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/helpdesk`;
    try {
      const login = await fetch(`${base}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'co', password: 'a long passphrase for tests' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const forms = (await (await fetch(`${base}/forms`, { headers: { cookie } })).json()) as { name: string; label: string; case?: { prefix: string; statuses: string[] }; fields: { label: string }[] }[];
      const pet = forms.find((f) => f.name === 'petQuestion');
      expect(pet).toMatchObject({ label: 'Een vraag over uw huisdier', case: { prefix: 'PET' }, fields: [{ label: 'Huisdier' }, { label: 'Graag naar school' }] });
      expect(pet?.case?.statuses).toContain('new');
      expect(forms.map((f) => f.name)).toEqual(expect.arrayContaining(['laptop', 'concern', 'schoolBill', 'callback']));

      const service = new CaseService(app.cases, clock, undefined, prefixesOf(REGISTRY));
      const origin = { ownerKey: 'test:u', conversationId: 'c', channelId: 'test', locale: 'nl' };
      const { reference } = await service.submit({ kind: 'petQuestion', data: { pet: 'kat', likesSchool: 'no' }, origin });
      const list = (await (await fetch(`${base}/cases?kind=petQuestion`, { headers: { cookie } })).json()) as unknown;
      expect(JSON.stringify(list)).toContain(reference);
    } finally {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
    }
  });
});
