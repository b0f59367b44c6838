import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'tr';

/** The real data file, with Turkish among the supported locales (until the data file lists it). */
function dataWithTurkish(): HelplineData {
  const data = realData();
  if (!data.locales.supported.includes(LOCALE)) data.locales.supported.push(LOCALE);
  return data;
}

/** Sends each answer in turn; returns the text of the last turn. */
async function answerAll(bot: BotHarness, answers: readonly string[]): Promise<string> {
  let last = '';
  for (const text of answers) last = await bot.sayText(text);
  return last;
}

/** A Turkish-speaking user with every form and the crisis layer, greeted and at the menu. */
async function turkishBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const world = makeTestWorld({ data: dataWithTurkish() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({
    world,
    locale: LOCALE,
    forms: buildFormDialogs,
    interceptors: [crisis],
  });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Turkish (tr)', () => {
  it('laptop request: greeting to reference with Turkish words, then its status with "durum"', async () => {
    const { bot, greeting } = await turkishBot();
    expect(greeting).toContain(
      'Merhaba! Ben Mechelen Merkezi Bildirim Noktası’nın (Centraal Meldpunt) sohbet robotuyum.',
    );
    expect(greeting).toContain('Size nasıl yardımcı olabilirim? Bir numara ile cevap verin.');
    expect(greeting).toContain('2. Dizüstü bilgisayar (laptop) istemek');

    // "laptop" picks the only menu option that contains it.
    expect(await bot.sayText('laptop')).toContain('Dizüstü bilgisayarı kim istiyor?');
    expect(await bot.sayText('veli')).toContain('Ailenin posta kodu nedir?');
    expect(await bot.sayText('2800')).toContain(
      'Ailede kaç çocuk okula gidiyor? 0 ile 12 arasında bir sayı yazın.',
    );
    const levels = await bot.sayText('2');
    expect(levels).toContain('Hangi okul kademesindeler?');
    expect(levels).toContain('2. İlkokul, 1. ile 4. sınıf arası');
    expect(levels).toContain('3. İlkokul, 5. veya 6. sınıf');
    expect(await bot.sayText('2 ve 3')).toContain(
      'İlkokul 5. sınıftan itibaren birçok okul her öğrenciye bir dizüstü bilgisayar verir (Digisprong).',
    );
    expect(await bot.sayText('hayır')).toContain('Evde masaüstü veya dizüstü bilgisayar var mı?');
    expect(await bot.sayText('yok')).toContain('Ailenin internete de ihtiyacı var mı?');
    expect(await bot.sayText('olur')).toContain(
      'Aile daha önce Mechelen Belediyesi’nden bir dizüstü bilgisayar aldı mı?',
    );
    expect(await bot.sayText('Hayir')).toContain('Ailenin Belçika’da yasal oturumu var mı?');
    const decision = await bot.sayText('evet');
    expect(decision).toContain('Muhtemelen hediye bir dizüstü bilgisayar (geeflaptop) olacak');
    expect(decision).toContain('Ailenizi hangi okul veya kuruluş tanıyor?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain(
      'Dizüstü bilgisayarı nereye getirelim?',
    );
    expect(await bot.sayText('Grote Markt')).toContain('Kapı numarası nedir?');
    expect(await bot.sayText('12')).toContain(
      'Teslimat ve yardım için sizi hangi telefon numarasından arayabiliriz?',
    );
    const language = await bot.sayText('0470 12 34 56');
    expect(language).toContain(
      'Dizüstü bilgisayarla birlikte telefonla yardım da verilir. Hangi dilde?',
    );
    expect(language).toContain('5. Türkçe');
    const summary = await bot.sayText('Türkçe');
    expect(summary).toContain('Tür: hediye dizüstü bilgisayar (geeflaptop)');
    expect(summary).toContain('Adres: Grote Markt 12, 2800');
    expect(summary).toContain('Yardım dili: Türkçe');
    expect(summary).toContain('Depozito ödemezsiniz.');
    expect(summary).toContain('Bu kuralları kabul ediyor musunuz, başvuruyu gönderebilir miyim?');

    const done = await bot.sayText('tamam');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Referans numaranız ${reference!}.`);
    expect(done).toContain(`'durum ${reference!}'`);
    expect(done).toContain('Size başka bir konuda yardımcı olabilir miyim?');

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
      knownBy: 'Basisschool De Regenboog',
      street: 'Grote Markt',
      houseNumber: '12',
      phone: '+32470123456',
      ictHelpLanguage: 'tr',
      agreementAccepted: true,
    });
    expect(await bot.sayText(`durum ${reference!}`)).toContain(
      `${reference!} numaralı başvurunuz: alındı, henüz incelenmedi.`,
    );
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in: greeting to the end with the Turkish scale words, kept anonymously', async () => {
    const { bot } = await turkishBot();
    const intro = await bot.sayText('nasılsın');
    expect(intro).toContain('son 2 haftada');
    expect(intro).toContain('anonim');
    expect(intro).toContain(
      '© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.',
    );
    expect(intro).toContain('Kaç yaşındasın?');
    expect(intro).toContain('1. 13 yaşından küçük');

    const first = await bot.sayText('13-15 yaş');
    expect(first).toContain('1/8 – Gelecek konusunda iyimser hissettim.');
    expect(first).toContain('1. Hiçbir zaman');
    expect(first).toContain('5. Her zaman');
    // sık sık(4), 4, bazen(3), nadiren(2), her zaman(5), çoğu zaman(4), ara sıra(3) = 25 → not low; 8th: hep(5).
    expect(await bot.sayText('sık sık')).toContain('2/8 – Kendimi işe yarar hissettim.');
    await answerAll(bot, ['4', 'bazen', 'nadiren', 'her zaman', 'çoğu zaman', 'ara sıra']);
    expect(await bot.sayText('hep')).toContain('Erkek misin, kız mısın, yoksa başka mı?');
    expect(await bot.sayText('kız')).toContain('Bunu nerede dolduruyorsun?');
    expect(await bot.sayText('evde')).toContain('Bize anlatmak istediğin başka bir şey var mı?');
    expect(await bot.sayText('hayır')).toContain('Cevaplarını anonim olarak saklayabilir miyiz?');
    const result = await bot.sayText('evet');
    expect(result).toContain('Cevapların anonim olarak saklandı.');
    expect(result).toContain('fena değil ile iyi arasında');
    expect(result).toContain('Size başka bir konuda yardımcı olabilir miyim?');
    expect(result).not.toMatch(/\b25\b|puan|skor/i);
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

  it('wellbeing check-in: Turkish crisis words mid-way answer at once, then the statements go on; low band offers support', async () => {
    const { bot } = await turkishBot();
    await bot.say('nasılsın');
    await answerAll(bot, ['16-18 yaş', 'nadiren', 'nadiren']);
    const crisis = await bot.sayText('artık yaşamak istemiyorum');
    expect(crisis).toContain('Zelfmoordlijn’i (intiharı önleme hattı) 1813 numarasından ara');
    expect(crisis).toContain('Awel’i 102');
    expect(crisis).not.toContain('4/8');
    expect(bot.world.handoff.requests).toEqual([
      expect.objectContaining({ priority: 'crisis', reason: 'crisis' }),
    ]);
    expect(await bot.sayText('nadiren')).toContain('4/8');
    await answerAll(bot, [
      'hiçbir zaman',
      'nadiren',
      'nadiren',
      'nadiren',
      'bazen',
      'erkek',
      'okulda',
      'hayır',
    ]);
    const result = await bot.sayText('hayır');
    expect(result).toContain('cevaplarını saklamıyoruz');
    expect(result).toContain('pek kolay geçmemiş');
    expect(result).toContain('1. Şimdi bizden biriyle konuşmak');
    expect(await bot.sayText('şimdi değil')).toContain('Kendine iyi bak.');
    expect(await storedCheckIns(bot)).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await turkishBot();
    await answerAll(bot, ['laptop', 'anne']);
    expect(await bot.sayText('2800')).toContain('Ailede kaç çocuk okula gidiyor?');
    // The Dutch word for "language" works in every locale; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Dilinizi seçin / Kies uw taal:');
    expect(choice).toContain('Türkçe');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to Turkish with the Turkish word for "language".
    expect(await bot.sayText('dil')).toContain('Kies uw taal / Choose your language:');
    const turkish = await bot.sayText('türkçe');
    expect(turkish).toContain('Artık sizinle Türkçe konuşuyorum.');
    expect(turkish).toContain('Hangi okul kademesindeler?');
    // Secondary ("lise") → Digisprong: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, [
      'lise',
      'hayır',
      'hayır',
      'evet',
      'hayır',
      'bilmiyorum',
      'Sint-Romboutscollege',
      'Bruul',
      '5',
      '0485 11 22 33',
    ]);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Tür: ödünç dizüstü bilgisayar (leenlaptop)');
    expect(summary).toContain('Yardım dili: Felemenkçe (Nederlands)');
    expect(await bot.sayText('evet')).toMatch(/Referans numaranız LAP-[0-9A-Z]{5}/);
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
