import { Messages } from '../../src/i18n/messages';

const raw = {
  nl: {
    _meta: { name: 'Nederlands', direction: 'ltr', reviewedByNativeSpeaker: false },
    greet: 'Hallo {{name}}',
    result: 'Resultaat op {{date resultOn}} om {{time resultOn}}',
    onlyNl: 'alleen nl',
    words: { yes: ['Ja', 'JAWEL'] },
  },
  ar: {
    _meta: { name: 'العربية', direction: 'rtl', reviewedByNativeSpeaker: false },
    greet: 'مرحبا {{name}}',
    result: 'النتيجة في {{date resultOn}}',
    words: { yes: ['نعم'] },
  },
};

describe('Messages', () => {
  const messages = new Messages(raw, 'nl');

  it('renders templates and lists the default locale first', () => {
    expect(messages.t('nl', 'greet', { name: 'An' })).toBe('Hallo An');
    expect(messages.supported()).toEqual(['nl', 'ar']);
  });

  it('formats dates per locale in Europe/Brussels', () => {
    // 12:00 UTC in May is 14:00 in Brussels (summer time).
    expect(messages.t('nl', 'result', { resultOn: '2026-05-18T12:00:00Z' })).toBe('Resultaat op 18 mei 2026 om 14:00');
    expect(messages.t('ar', 'result', { resultOn: '2026-05-18T12:00:00Z' })).toContain('2026');
  });

  it('marks rtl text and isolates inserted values so references read left-to-right', () => {
    const text = messages.t('ar', 'greet', { name: 'LAP-7K3Q9' });
    expect(text.startsWith('\u200f')).toBe(true);
    expect(text).toContain('\u2068\u200eLAP-7K3Q9\u2069');
  });

  it('falls back to the default locale for a missing key and throws for an unknown one', () => {
    expect(messages.t('ar', 'onlyNl')).toBe('\u200falleen nl');
    expect(() => messages.t('nl', 'nope')).toThrow(/unknown key "nope"/);
  });

  it('throws when a template variable is missing (strict), so tests catch gaps', () => {
    expect(() => messages.t('nl', 'greet', {})).toThrow();
  });

  it('normalises word lists', () => {
    expect(messages.words('nl', 'words.yes')).toEqual(['ja', 'jawel']);
    expect(messages.words('ar', 'words.yes')).toEqual(['نعم']);
  });
});
