import {
  boundedTextValidator,
  dateValidator,
  emailValidator,
  integerValidator,
  phoneValidator,
  postcodeValidator,
} from '../../dialogs/shared/validators';
import { matchChoice, parseNumberList } from '../../dialogs/shared/choiceMatcher';
import { RecognizerThread, recognizeNumberWords, recognizeWrittenDate, stopRecognizers, warmUpRecognizers } from '../../dialogs/shared/recognizers';
import { normalizeText } from '../../src/i18n/normalize';

const today = new Date('2026-11-23T10:00:00Z');

describe('phoneValidator', () => {
  it.each([
    ['0470 12 34 56', '+32470123456'],
    ['0470/12.34.56', '+32470123456'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0032470123456', '+32470123456'],
    ['015 12 34 56', '+3215123456'],
    ['٠٤٧٠١٢٣٤٥٦', '+32470123456'],
  ])('accepts %s as %s', (input, expected) => {
    expect(phoneValidator(input)).toEqual({ ok: true, value: expected });
  });
  it.each(['12345', '+31 6 12345678', 'bel me', ''])('refuses %s', (input) => {
    expect(phoneValidator(input)).toMatchObject({ ok: false, errorKey: 'prompts.phoneRetry' });
  });
});

describe('other validators', () => {
  it('email: trims and lower-cases, refuses without domain', () => {
    expect(emailValidator(' An@School.be ')).toEqual({ ok: true, value: 'an@school.be' });
    expect(emailValidator('an@school')).toMatchObject({ ok: false });
  });
  it('postcode: four digits, also Arabic-Indic', () => {
    expect(postcodeValidator('2800')).toEqual({ ok: true, value: '2800' });
    expect(postcodeValidator('٢٨٠٠')).toEqual({ ok: true, value: '2800' });
    expect(postcodeValidator('0800')).toMatchObject({ ok: false });
    expect(postcodeValidator('28000')).toMatchObject({ ok: false });
  });
  it('integer: bounds and Persian digits', () => {
    expect(integerValidator(1, 10)('۳')).toEqual({ ok: true, value: 3 });
    expect(integerValidator(1, 10)('11')).toMatchObject({ ok: false, vars: { min: 1, max: 10 } });
    expect(integerValidator(1, 10)('drie')).toMatchObject({ ok: false });
  });
  it('date: day-month-year, impossible and future dates refused', () => {
    expect(dateValidator(today)('15-03-2012')).toEqual({ ok: true, value: '2012-03-15' });
    expect(dateValidator(today)('1/2/2015')).toEqual({ ok: true, value: '2015-02-01' });
    expect(dateValidator(today)('31-02-2012')).toMatchObject({ ok: false });
    expect(dateValidator(today)('01-01-2030')).toMatchObject({ ok: false });
  });
  it('bounded text: required and limited', () => {
    expect(boundedTextValidator(10)('  hallo   daar ')).toEqual({ ok: true, value: 'hallo daar' });
    expect(boundedTextValidator(10)('   ')).toMatchObject({ ok: false, errorKey: 'prompts.textRequired' });
    expect(boundedTextValidator(3)('hallo')).toMatchObject({ ok: false, errorKey: 'prompts.textTooLong' });
  });
});

describe('choice matching', () => {
  const choices = [
    { value: 'yes', texts: ['Ja', 'ja', 'jawel'] },
    { value: 'no', texts: ['Nee', 'neen'] },
  ];
  it.each([
    ['1', 'yes'],
    ['2.', 'no'],
    ['١', 'yes'],
    ['۲', 'no'],
    ['JA!', 'yes'],
    ['Neen', 'no'],
  ])('%s → %s', (input, expected) => {
    expect(matchChoice(input, choices)).toBe(expected);
  });
  it('refuses out-of-range numbers and unknown words', () => {
    expect(matchChoice('3', choices)).toBeUndefined();
    expect(matchChoice('misschien', choices)).toBeUndefined();
  });
  it('picks an option by a distinctive fragment only when unique', () => {
    const menu = [
      { value: 'laptop', texts: ['Een laptop aanvragen'] },
      { value: 'registration', texts: ['Hulp bij aanmelden en inschrijven'] },
    ];
    expect(matchChoice('laptop', menu)).toBe('laptop');
    expect(matchChoice('aan', menu)).toBeUndefined();
  });
  it('parses multi-select answers', () => {
    expect(parseNumberList('1, 3 en 5', 9)).toEqual([1, 3, 5]);
    expect(parseNumberList('٢ و ٤', 9)).toEqual([2, 4]);
    expect(parseNumberList('1 and 12', 9)).toBeUndefined();
    expect(parseNumberList('weet niet', 9)).toBeUndefined();
  });
});

describe('normalizeText', () => {
  it('folds case, accents, Turkish dotless i, bidi marks and spacing', () => {
    expect(normalizeText('  Évet  ')).toBe('evet');
    expect(normalizeText('EVET')).toBe('evet');
    expect(normalizeText('\u200fنعم')).toBe('نعم');
    expect(normalizeText('Oui !')).toBe('oui');
    expect(normalizeText('Да')).toBe('да');
    expect(normalizeText('Tak, dziękuję. Łódź')).toBe(normalizeText('tak dziekuje lodz'));
    expect(normalizeText('أجل')).toBe(normalizeText('اجل'));
    expect(normalizeText('مدرسة')).toBe(normalizeText('مدرسه'));
  });

  it('gives plain ASCII text (its fast path) the same normal form as the full Unicode folding', () => {
    // A trailing " é" sends a text down the full path; the space keeps it from touching the rest.
    const viaFullPath = (text: string): string => normalizeText(`${text} é`).slice(0, -2);
    const alphabet = 'aZ09 .,;:!?@#+-_/\\\'"()[]{}*&%$~`^|<>=\t\n';
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const samples = ['2', 'Ja', 'MENU', 'status LAP-7K3Q9', '0470 12.34.56', 'a.b. c...', ' x- ', '', 'kill my self!!'];
    for (let i = 0; i < 2000; i += 1) {
      samples.push(Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    }
    for (const text of samples) expect([text, normalizeText(text)]).toEqual([text, viaFullPath(text)]);
  });
});

describe('recognizers (bonus where supported, in their own worker thread)', () => {
  afterAll(() => stopRecognizers());

  it('reads number words in en/es only (French parsing takes seconds: left to digits)', async () => {
    expect(await recognizeNumberWords('twelve', 'en')).toBe(12);
    expect(await recognizeNumberWords('doce', 'es')).toBe(12);
    expect(await recognizeNumberWords('douze', 'fr')).toBeUndefined();
    expect(await recognizeNumberWords('twaalf', 'nl')).toBeUndefined();
  }, 20_000);
  it('reads written dates in en/fr', async () => {
    expect(await recognizeWrittenDate('15 March 2012', 'en')).toBe('2012-03-15');
    expect(await recognizeWrittenDate('15 mars 2012', 'fr')).toBe('2012-03-15');
    expect(await recognizeWrittenDate('15 maart 2012', 'nl')).toBeUndefined();
  }, 20_000);
  it('answers a parse asked during the warm-up once the models are built, and again after a stop', async () => {
    await stopRecognizers();
    const warming = warmUpRecognizers();
    expect(await Promise.all([recognizeNumberWords('seven', 'en'), recognizeWrittenDate('2 May 2010', 'en')])).toEqual([7, '2010-05-02']);
    await warming;
    await stopRecognizers();
    expect(await recognizeNumberWords('three', 'en')).toBe(3);
  }, 30_000);
  it('counts a parse that takes longer than its limit as not understood (with the default limit the same parse reads 12)', async () => {
    const impatient = new RecognizerThread(1); // building a cold model alone takes far longer
    expect(await impatient.parse('number', 'en-us', 'twelve')).toEqual([]);
    const patient = new RecognizerThread();
    expect(await patient.parse('number', 'en-us', 'twelve')).toEqual([expect.objectContaining({ value: '12' })]);
    await Promise.all([impatient.stop(), patient.stop()]);
  }, 20_000);
  it('reads nothing from a text it cannot parse', async () => {
    expect(await recognizeNumberWords('no idea at all', 'en')).toBeUndefined();
    expect(await recognizeWrittenDate('banana split', 'en')).toBeUndefined();
  }, 20_000);
});
