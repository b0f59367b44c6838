import { SchoolBillDialog } from '../../dialogs/schoolBill/schoolBillDialog';
import { SchoolBillRequestSchema } from '../../dialogs/schoolBill/schoolBill.schema';
import { BotHarness } from '../helpers/botHarness';

/** Menu option 9: "Unpaid school bills (for schools)". */
const SCHOOL_BILL_OPTION = '9';

const harness = (locale: string): BotHarness => new BotHarness({ locale, forms: (deps) => ({ schoolBill: new SchoolBillDialog(deps) }) });

/** Sends each answer in turn and returns all reply texts joined. */
async function walk(bot: BotHarness, answers: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const answer of answers) texts.push(await bot.sayText(answer));
  return texts;
}

const referenceIn = (text: string): string => /SCH-[0-9A-Z]{5}/.exec(text)?.[0] ?? 'none';

describe('SchoolBillDialog', () => {
  it('records a qualifying request in Dutch as a school-bill case (SCH-) with status feedback', async () => {
    const bot = harness('nl');
    await bot.join();
    const intro = await bot.sayText(SCHOOL_BILL_OPTION);
    expect(intro).toContain('Tussenkomst in onbetaalde schoolfacturen');
    expect(intro).toContain('1 april 2020');
    // The scheme was last confirmed for 2020-2021: the school is told it may have changed.
    expect(intro).toContain('schooljaar 2020-2021');
    expect(intro).toContain('Hoe heet uw school');

    const replies = await walk(bot, [
      'Basisschool De Luchtballon',
      'An Peeters, zorgcoördinator',
      '0470 12 34 56',
      'an.peeters@school.be',
      'ja',
      'ja',
      '1,3',
      '3',
      '240',
      '15-09-2026',
      'ja',
    ]);
    expect(replies[4]).toContain('wettig verblijf');
    expect(replies[5]).toContain('7. Geen van deze');
    const summary = replies[10]!;
    expect(summary).toContain('- School: Basisschool De Luchtballon');
    expect(summary).toContain('- Signalen: Het gezin krijgt hulp van het Sociaal Huis (OCMW), Ook andere kosten blijven onbetaald');
    expect(summary).toContain('- Onbetaalde facturen: 3, samen € 240');
    expect(summary).toContain('- Oudste factuur: 15 september 2026');
    expect(summary).not.toContain('misschien niet aan de voorwaarden');
    expect(summary).toContain('Wilt u deze aanvraag versturen?');

    const sent = await bot.sayText('ja');
    expect(sent).toContain('Verstuurd. Uw referentie is SCH-');
    const reference = referenceIn(sent);
    const record = await bot.world.caseStore.get(reference);
    expect(record?.kind).toBe('school-bill');
    const data = SchoolBillRequestSchema.parse(record?.data);
    expect(data).toMatchObject({
      phone: '+32470123456',
      mainResidenceMechelen: 'yes',
      legalResidence: 'yes',
      signals: ['socialService', 'otherCostsUnpaid'],
      invoices: 3,
      amountEuro: 240,
      oldestInvoice: '2026-09-15',
      familyKnows: 'yes',
      assessment: { qualifies: true, reasons: [] },
    });
    // Back in the menu; the status of the case is there like for the other kinds.
    expect(await bot.sayText(`status ${reference}`)).toContain(`Uw aanvraag ${reference}: ontvangen, nog niet bekeken.`);
  });

  it('records a non-qualifying request in English, marked, and tells the school why', async () => {
    const bot = harness('en');
    await bot.join();
    await bot.say(SCHOOL_BILL_OPTION);
    const replies = await walk(bot, [
      'Sint-Jozef secondary',
      'Ben Janssens, teacher',
      '015 12 34 56',
      'ben@school.be',
      'no',
      "I don't know",
      '7',
      '2',
      '90',
      '10-02-2020',
      'no',
    ]);
    const confirm = replies[10]!;
    expect(confirm).toContain('This request may not meet the conditions');
    expect(confirm).toContain('The scheme is for families whose main residence is in Mechelen.');
    expect(confirm).toContain("The family's residence status is not known");
    expect(confirm).toContain('You marked no signs of financial vulnerability');
    expect(confirm).toContain('Invoices dated before April 1, 2020 do not count');
    expect(confirm).toContain('Please tell the family about this request');
    expect(confirm).toContain('- Signs: None of these');

    const sent = await bot.sayText('yes');
    expect(sent).toContain('Sent, with a note that the request may not meet the conditions');
    const record = await bot.world.caseStore.get(referenceIn(sent));
    expect(SchoolBillRequestSchema.parse(record?.data).assessment).toEqual({
      qualifies: false,
      reasons: ['outsideMechelen', 'legalResidenceUnknown', 'noSignals', 'invoicesTooOld'],
    });
  });

  it('sends nothing when the school answers no at the end', async () => {
    const bot = harness('en');
    await bot.join();
    await bot.say(SCHOOL_BILL_OPTION);
    await walk(bot, ['School', 'Ann', '0470123456', 'a@b.be', 'yes', 'yes', '2', '1', '50', '01-10-2026', 'yes']);
    expect(await bot.sayText('no')).toContain('I have not sent anything.');
    expect(await bot.world.caseStore.list()).toEqual([]);
  });

  it('re-asks a date in the future and an amount out of range', async () => {
    const bot = harness('en');
    await bot.join();
    await bot.say(SCHOOL_BILL_OPTION);
    await walk(bot, ['School', 'Ann', '0470123456', 'a@b.be', 'yes', 'yes', '2', '1']);
    expect(await bot.sayText('999999')).not.toContain('What is the date');
    await bot.say('50');
    expect(await bot.sayText('01-01-2030')).not.toContain('Does the family know');
    expect(await bot.sayText('01-10-2026')).toContain('Does the family know');
  });

  it('routes a hand-off to the team of school-bill cases, with the answers so far', async () => {
    const bot = harness('nl');
    await bot.join();
    await bot.say(SCHOOL_BILL_OPTION);
    await walk(bot, ['Basisschool De Luchtballon', 'An Peeters']);
    expect(await bot.sayText('medewerker')).toContain('[handoff school-bill normal asked]');
    expect(bot.world.handoff.requests[0]?.formData).toMatchObject({ school: 'Basisschool De Luchtballon', contactName: 'An Peeters' });
    expect(bot.world.data.teams['school-bill']).toBe('leerrecht');
  });
});
