import { buildFormDialogs } from '../../dialogs/formDialogs';
import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { WellbeingCheckInDialog } from '../../dialogs/wellbeingCheckIn/wellbeingCheckInDialog';
import type { HelplineData } from '../../src/helplineData';
import { CrisisInterceptor } from '../../src/safety/crisisInterceptor';
import { BotHarness } from '../helpers/botHarness';
import { makeTestWorld, realData } from '../helpers/testDeps';

const LOCALE = 'es';

/** The real data file, with Spanish among the supported locales (until the data file lists it). */
function dataWithLocale(): HelplineData {
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

/** A Spanish-speaking parent with every form plugged in, greeted and at the menu. */
async function formsBot(): Promise<{ bot: BotHarness; greeting: string }> {
  const bot = new BotHarness({ locale: LOCALE, forms: buildFormDialogs, data: dataWithLocale() });
  const greeting = (await bot.join()).map((r) => r.text).join('\n');
  return { bot, greeting };
}

/** A pupil's check-in in Spanish, with the crisis layer in front as in production. */
async function checkInBot(): Promise<BotHarness> {
  const world = makeTestWorld({ data: dataWithLocale() });
  const crisis = new CrisisInterceptor(world.deps.messages, world.data.crisisLines, world.handoff);
  const bot = new BotHarness({ world, locale: LOCALE, interceptors: [crisis], forms: (deps) => ({ wellbeing: new WellbeingCheckInDialog(deps) }) });
  await bot.join();
  return bot;
}

const storedCheckIns = (bot: BotHarness) => bot.world.services.anonymous!.list('wellbeing-checkin');

describe('walk in Spanish (es)', () => {
  it('laptop request: greeting to reference with Spanish words, then its status', async () => {
    const { bot, greeting } = await formsBot();
    expect(greeting).toContain('¡Hola! Soy el chatbot del Punto Central de Ayuda de Malinas (Centraal Meldpunt Mechelen).');
    expect(greeting).toContain('¿En qué puedo ayudarle? Responda con un número.');
    expect(greeting).toContain('2. Pedir un ordenador portátil');

    expect(await bot.sayText('portátil')).toContain('¿Quién pide el portátil?');
    expect(await bot.sayText('mamá')).toContain('¿Cuál es el código postal de la familia?');
    expect(await bot.sayText('2800')).toContain('¿Cuántos niños de la familia van a la escuela? Escriba un número del 0 al 12.');
    const levels = await bot.sayText('2');
    expect(levels).toContain('¿En qué nivel están?');
    expect(levels).toContain('2. Primaria, de 1.º a 4.º curso');
    expect(levels).toContain('3. Primaria, 5.º o 6.º curso');
    expect(await bot.sayText('2 y 3')).toContain('Desde 5.º curso, muchas escuelas dan un portátil a cada alumno (Digisprong).');
    expect(await bot.sayText('no')).toContain('¿Hay un ordenador o portátil en casa?');
    expect(await bot.sayText('No')).toContain('¿La familia también necesita internet?');
    expect(await bot.sayText('sí')).toContain('¿La familia ya recibió alguna vez un portátil de la ciudad de Malinas?');
    expect(await bot.sayText('nop')).toContain('¿La familia tiene residencia legal en Bélgica?');
    const decision = await bot.sayText('claro que sí');
    expect(decision).toContain('Probablemente será un portátil regalado (geeflaptop, un regalo)');
    expect(decision).toContain('¿Qué escuela u organización conoce a su familia?');
    expect(await bot.sayText('Basisschool De Regenboog')).toContain('¿Dónde llevamos el portátil?');
    expect(await bot.sayText('Grote Markt')).toContain('¿Cuál es el número de la casa?');
    expect(await bot.sayText('12')).toContain('¿A qué número de teléfono podemos llamarle para la entrega y la ayuda?');
    const language = await bot.sayText('0470 12 34 56');
    expect(language).toContain('Con el portátil hay ayuda por teléfono. ¿En qué idioma?');
    expect(language).toContain('3. Inglés (English)');
    const summary = await bot.sayText('inglés');
    expect(summary).toContain('Tipo: portátil regalado (geeflaptop)');
    expect(summary).toContain('Dirección: Grote Markt 12, 2800');
    expect(summary).toContain('Idioma de la ayuda: Inglés (English)');
    expect(summary).toContain('No paga fianza.');
    expect(summary).toContain('¿Está de acuerdo con estas condiciones');

    const done = await bot.sayText('de acuerdo');
    const reference = /LAP-[0-9A-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toContain(`Su referencia es ${reference!}.`);
    expect(done).toContain('¿Puedo ayudarle en algo más?');

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
      ictHelpLanguage: 'en',
      phone: '+32470123456',
    });
    expect(await bot.sayText(`estado ${reference!}`)).toContain(`Su solicitud ${reference!}: recibida`);
  });

  it('wellbeing check-in: greeting to the end with the Spanish scale words, kept anonymously', async () => {
    const bot = await checkInBot();
    const intro = await bot.sayText('4');
    expect(intro).toContain('las últimas 2 semanas');
    expect(intro).toContain('© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved');
    expect(intro).toContain('¿Cuántos años tienes?');
    expect(intro).toContain('1. Menos de 13');

    const first = await bot.sayText('2');
    expect(first).toContain('1/8 – Me he sentido optimista respecto al futuro.');
    expect(first).toContain('1. Nunca');
    expect(first).toContain('5. Siempre');
    // a menudo(4), 4, a veces(3), casi nunca(2), siempre(5), muchas veces(4), de vez en cuando(3) = 25 → not low.
    expect(await bot.sayText('a menudo')).toContain('2/8 – Me he sentido útil.');
    await answerAll(bot, ['4', 'a veces', 'casi nunca', 'siempre', 'muchas veces', 'de vez en cuando']);
    expect(await bot.sayText('todo el tiempo')).toContain('¿Eres chico, chica u otro?');
    expect(await bot.sayText('chica')).toContain('¿Dónde estás rellenando esto?');
    expect(await bot.sayText('en casa')).toContain('¿Hay algo más que quieras contarnos?');
    expect(await bot.sayText('no')).toContain('¿Podemos guardar tus respuestas de forma anónima?');
    const result = await bot.sayText('vale');
    expect(result).toContain('Tus respuestas se han guardado de forma anónima.');
    expect(result).toContain('bastante bien o bien');
    expect(result).toContain('¿Puedo ayudarle en algo más?');
    expect(result).not.toMatch(/22[.,]35|\b25\b/);
    expect(await storedCheckIns(bot)).toEqual([
      expect.objectContaining({ ageBand: '13to15', gender: 'girl', place: 'home', swemwbsAnswers: [4, 4, 3, 2, 5, 4, 3], happyAnswer: 5, raw: 25, language: LOCALE }),
    ]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('wellbeing check-in, low band: nothing kept, support offered, "ahora no" says goodbye', async () => {
    const bot = await checkInBot();
    await bot.say('4');
    await bot.say('3');
    await answerAll(bot, ['rara vez', 'nunca', 'rara vez', 'rara vez', 'a veces', 'rara vez', 'rara vez', 'rara vez', 'chico', 'en la escuela', 'no']);
    const result = await bot.sayText('no');
    expect(result).toContain('no guardamos tus respuestas');
    expect(result).toContain('no han sido fáciles');
    expect(result).toContain('1. Hablar ahora con alguien del equipo');
    expect(await bot.sayText('ahora no')).toContain('Cuídate mucho.');
    expect(await storedCheckIns(bot)).toEqual([]);
    expect(bot.world.handoff.requests).toEqual([]);
  });

  it('switches language mid-form with the language word and keeps the answers', async () => {
    const { bot } = await formsBot();
    await answerAll(bot, ['2', 'papá']);
    expect(await bot.sayText('2800')).toContain('¿Cuántos niños');
    // "taal" (a word of another locale) opens the choice; languages are named in themselves.
    const choice = await bot.sayText('taal');
    expect(choice).toContain('Elija su idioma / Kies uw taal:');
    expect(choice).toContain('Español');
    expect(choice).toContain('Nederlands');
    const dutch = await bot.sayText('Nederlands');
    expect(dutch).toContain('Ik spreek nu Nederlands met u.');
    expect(dutch).toContain('Hoeveel kinderen in het gezin gaan naar school?');
    expect(await bot.sayText('1')).toContain('In welk onderwijs zitten ze?');
    // Back to Spanish with the Spanish word for "language".
    expect(await bot.sayText('idioma')).toContain('Kies uw taal / Choose your language:');
    const spanish = await bot.sayText('español');
    expect(spanish).toContain('Ahora le hablo en español.');
    expect(spanish).toContain('¿En qué nivel están?');
    // Secondary → Digisprong question: no; computer: no; internet: yes; laptop before: no; residence: don't know.
    await answerAll(bot, ['secundaria', 'no', 'no', 'sí', 'no', 'no lo sé', 'Sint-Romboutscollege', 'Bruul', '5', '0485 11 22 33']);
    const summary = await bot.sayText('1');
    expect(summary).toContain('Tipo: portátil prestado (leenlaptop)');
    expect(summary).toContain('Idioma de la ayuda: Neerlandés (Nederlands)');
    const done = await bot.sayText('sí');
    expect(done).toMatch(/Su referencia es LAP-[0-9A-Z]{5}/);
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
      ictHelpLanguage: 'nl',
    });
  });
});
