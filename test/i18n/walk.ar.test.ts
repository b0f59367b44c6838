import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'ar';

/** The real data file, with Arabic among the supported locales (until the data file lists it). */
function dataWithArabic(): HelplineData {
  const data = realData();
  if (!data.locales.supported.includes(LOCALE)) data.locales.supported.push(LOCALE);
  return data;
}

/**
 * Arabic replies start with a right-to-left mark and wrap inserted values (references, numbers)
 * in direction isolates; the assertions read the text without those invisible marks.
 */
const BIDI_MARKS = /[\u200e\u200f\u2066-\u2069]/g;
const plain = (text: string): string => text.replace(BIDI_MARKS, '');

/** Sends one message; returns the turn's replies as plain text. */
async function say(bot: BotHarness, text: string): Promise<string> {
  return plain(await bot.sayText(text));
}

/** Sends each answer in turn; returns the plain text of the last turn. */
async function answerAll(bot: BotHarness, answers: readonly string[]): Promise<string> {
  let last = '';
  for (const text of answers) last = await say(bot, text);
  return last;
}

/** An Arabic-speaking user with every form and the crisis layer, greeted and at the menu. */
async function arabicBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const world = makeTestWorld({ data: dataWithArabic() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({
    world,
    locale: LOCALE,
    forms: buildFormDialogs,
    interceptors: [crisis],
  });
  const greeting = plain((await bot.join()).map((r) => r.text).join('\n'));
  return { bot, greeting };
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Arabic (ar)', () => {
  it('laptop request: greeting to reference with Arabic words and Arabic-Indic digits, then its status', async () => {
    const { bot, greeting } = await arabicBot();
    expect(greeting).toContain(
      'مرحبًا! أنا روبوت المحادثة التابع لمكتب المساعدة المركزي في مدينة ميخلن (Centraal Meldpunt Mechelen).',
    );
    expect(greeting).toContain('كيف يمكنني المساعدة؟ أجيبوا برقم.');
    expect(greeting).toContain('2. طلب حاسوب محمول (لابتوب)');

    // "لابتوب" picks the only menu option that contains it.
    expect(await say(bot, 'لابتوب')).toContain('من يطلب الحاسوب المحمول؟');
    expect(await say(bot, 'ولي الأمر')).toContain('ما هو الرمز البريدي للأسرة؟');
    expect(await say(bot, '٢٨٠٠')).toContain(
      'كم طفلًا في الأسرة يذهب إلى المدرسة؟ اكتبوا رقمًا من 0 إلى 12.',
    );
    const levels = await say(bot, '٢');
    expect(levels).toContain('في أي مرحلة دراسية هم؟');
    expect(levels).toContain('2. المدرسة الابتدائية، من السنة 1 إلى 4');
    expect(levels).toContain('3. المدرسة الابتدائية، السنة 5 أو 6');
    expect(await say(bot, '٢ و ٣')).toContain(
      'ابتداءً من السنة 5 من المدرسة الابتدائية، تعطي مدارس كثيرة كل تلميذ حاسوبًا محمولًا (Digisprong).',
    );
    expect(await say(bot, 'لا')).toContain('هل يوجد في البيت حاسوب أو حاسوب محمول؟');
    expect(await say(bot, 'كلا')).toContain('هل تحتاج الأسرة أيضًا إلى الإنترنت؟');
    expect(await say(bot, 'نعم')).toContain(
      'هل حصلت الأسرة من قبل على حاسوب محمول من مدينة ميخلن؟',
    );
    expect(await say(bot, 'لا')).toContain('هل للأسرة إقامة قانونية في بلجيكا؟');
    const decision = await say(bot, 'أجل');
    expect(decision).toContain('على الأرجح سيكون حاسوبًا محمولًا هدية (geeflaptop)');
    expect(decision).toContain('أي مدرسة أو منظمة تعرف أسرتكم؟');
    expect(await say(bot, 'مدرسة الأمل')).toContain('إلى أين نحضر الحاسوب المحمول؟');
    expect(await say(bot, 'Grote Markt')).toContain('ما هو رقم المنزل؟');
    expect(await say(bot, '12')).toContain(
      'على أي رقم هاتف يمكننا الاتصال بكم من أجل التسليم والمساعدة؟',
    );
    const language = await say(bot, '٠٤٧٠ ١٢ ٣٤ ٥٦');
    expect(language).toContain('مع الحاسوب المحمول تحصلون على مساعدة عبر الهاتف. بأي لغة؟');
    expect(language).toContain('4. العربية');
    const summary = await say(bot, 'العربية');
    expect(summary).toContain('النوع: حاسوب محمول هدية (geeflaptop)');
    expect(summary).toContain('العنوان: Grote Markt 12, 2800');
    expect(summary).toContain('لغة المساعدة: العربية');
    expect(summary).toContain('لا تدفعون أي ضمان (عربون).');
    expect(summary).toContain('هل توافقون على هذا الاتفاق، وهل يمكنني إرسال الطلب؟');

    const done = await say(bot, 'موافق');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`رقمكم المرجعي هو ${reference!}.`);
    expect(done).toContain('هل يمكنني مساعدتكم في شيء آخر؟');

    const [record] = await bot.world.caseStore.list({ kind: 'laptop-request' });
    expect(record).toMatchObject({ reference, locale: LOCALE });
    expect(LaptopRequestSchema.parse(record!.data)).toMatchObject({
      requester: 'parent',
      postcode: '2800',
      pupils: 2,
      levels: ['primaryLower', 'primaryUpper'],
      schoolProvidesDevice: 'no',
      computerAtHome: 'no',
      internetNeeded: 'yes',
      hadLaptopBefore: 'no',
      legalResidence: 'yes',
      advice: 'gift',
      knownBy: 'مدرسة الأمل',
      street: 'Grote Markt',
      houseNumber: '12',
      phone: '+32470123456',
      ictHelpLanguage: 'ar',
      agreementAccepted: true,
    });
    expect(await say(bot, `حالة ${reference!}`)).toContain(
      `طلبكم ${reference!}: تم الاستلام، ولم تتم مراجعته بعد.`,
    );
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in: greeting to the end with the Arabic scale words, kept anonymously', async () => {
    const { bot } = await arabicBot();
    const intro = await say(bot, 'كيف حالك');
    expect(intro).toContain('في الأسبوعين الأخيرين');
    expect(intro).toContain(
      '© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.',
    );
    expect(intro).toContain('كم عمرك؟');
    expect(intro).toContain('1. أقل من 13 سنة');

    const first = await say(bot, 'من 13 إلى 15 سنة');
    expect(first).toContain('1/8 – شعرتُ بالتفاؤل تجاه المستقبل.');
    expect(first).toContain('1. أبدًا');
    expect(first).toContain('5. دائمًا');
    // غالبا(4), ٤, أحيانا(3), نادرا(2), دائما(5), كثيرا(4), بعض الأحيان(3) = 25 → not low; 8th: ديما(5).
    expect(await say(bot, 'غالبا')).toContain('2/8 – شعرتُ بأنني مفيد(ة).');
    await answerAll(bot, ['٤', 'أحيانا', 'نادرا', 'دائما', 'كثيرا', 'بعض الأحيان']);
    expect(await say(bot, 'ديما')).toContain('هل أنت ولد، أم بنت، أم غير ذلك؟');
    expect(await say(bot, 'بنت')).toContain('أين تملأ هذه الأسئلة؟');
    expect(await say(bot, 'في البيت')).toContain('هل هناك شيء آخر تريد أن تخبرنا به؟');
    expect(await say(bot, 'لا')).toContain('هل يمكننا الاحتفاظ بأجوبتك دون اسم؟');
    const result = await say(bot, 'نعم');
    expect(result).toContain('تم حفظ أجوبتك دون اسم.');
    expect(result).toContain('مقبولين إلى جيدين');
    expect(result).toContain('هل يمكنني مساعدتكم في شيء آخر؟');
    expect(result).not.toMatch(/\b25\b/);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({
        ageBand: '13to15',
        gender: 'girl',
        place: 'home',
        swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3],
        happyAnswer: 5,
        raw: 25,
        language: LOCALE,
      }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in: Arabic crisis words mid-way answer at once, then the statements go on; low band offers support', async () => {
    const { bot } = await arabicBot();
    await bot.say('كيف حالك');
    await answerAll(bot, ['3', 'نادرا', 'قليلا']);
    const crisis = await say(bot, 'لا أريد أن أعيش بعد الآن');
    expect(crisis).toContain('اتصل بخط منع الانتحار (Zelfmoordlijn) على الرقم 1813');
    expect(crisis).toContain('Awel على الرقم 102');
    expect(crisis).not.toContain('4/8');
    expect(bot.world.handoff.requests).toEqual([
      expect.objectContaining({ priority: 'crisis', reason: 'crisis' }),
    ]);
    expect(await say(bot, 'نادرا')).toContain('4/8');
    await answerAll(bot, ['أبدا', 'نادرا', 'نادرا', 'نادرا', 'أحيانا', 'ولد', 'في المدرسة', 'لا']);
    const result = await say(bot, 'لا');
    expect(result).toContain('لن نحتفظ بأجوبتك');
    expect(result).toContain('لم يكونا سهلين');
    expect(result).toContain('1. التحدث الآن مع أحد منا');
    expect(await say(bot, 'ليس الآن')).toContain('اعتنِ بنفسك جيدًا.');
    expect(await storedCheckIns(bot)).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await arabicBot();
    await answerAll(bot, ['لابتوب', 'أم']);
    expect(await say(bot, '٢٨٠٠')).toContain('كم طفلًا في الأسرة يذهب إلى المدرسة؟');
    // The Dutch word for "language" works in every locale; languages are named in themselves.
    const choice = await say(bot, 'taal');
    expect(choice).toContain('اختاروا لغتكم / Kies uw taal:');
    expect(choice).toContain('العربية');
    expect(choice).toContain('Nederlands');
    const dutch = await say(bot, 'Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await say(bot, '1')).toContain('In welk onderwijs zitten ze?');
    // Back to Arabic with the Arabic word for "language".
    expect(await say(bot, 'لغة')).toContain('Kies uw taal / Choose your language:');
    const arabic = await say(bot, 'العربية');
    expect(arabic).toContain('سأتحدث معكم الآن باللغة العربية.');
    expect(arabic).toContain('في أي مرحلة دراسية هم؟');
    // Secondary ("ثانوي") → Digisprong: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, [
      'ثانوي',
      'لا',
      'لا',
      'نعم',
      'لا',
      'لا أعرف',
      'Sint-Romboutscollege',
      'Bruul',
      '5',
      '0485 11 22 33',
    ]);
    const summary = await say(bot, '1');
    expect(summary).toContain('النوع: حاسوب محمول للإعارة (leenlaptop)');
    expect(summary).toContain('لغة المساعدة: الهولندية (Nederlands)');
    expect(await say(bot, 'نعم')).toMatch(/رقمكم المرجعي هو LAP-[0-9A-Z]{5}/);
    const [record] = await bot.world.caseStore.list({ kind: 'laptop-request' });
    expect(record!.locale).toBe(LOCALE);
    expect(LaptopRequestSchema.parse(record!.data)).toMatchObject({
      requester: 'parent',
      postcode: '2800',
      pupils: 1,
      levels: ['secondary'],
      computerAtHome: 'no',
      internetNeeded: 'yes',
      hadLaptopBefore: 'no',
      legalResidence: 'dontKnow',
      advice: 'loan',
      street: 'Bruul',
      houseNumber: '5',
      ictHelpLanguage: 'nl',
    });
  });
});
