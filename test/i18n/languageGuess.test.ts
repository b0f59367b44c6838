import { guessLanguage } from '../../src/i18n/languageGuess';

const ALL = ['nl', 'en', 'fr', 'ar', 'tr', 'uk', 'ru', 'pl', 'ro', 'bg', 'es'];

describe('guessLanguage', () => {
  it.each([
    ['ik wil graag een laptop voor mijn zoon aanvragen', 'nl'],
    ['I would like to ask for a laptop please', 'en'],
    ['Bonjour, je voudrais un ordinateur pour mon fils', 'fr'],
    ['أريد حاسوبا لابني من فضلك للمدرسة', 'ar'],
    ['Merhaba, oğlum için bir bilgisayar istiyorum', 'tr'],
    ['Hola, quiero un ordenador para mi hijo por favor', 'es'],
  ])('recognises "%s" as %s', (text, expected) => {
    expect(guessLanguage(text, ALL)).toBe(expected);
  });

  it.each(['ok', 'merci', '2', 'LAP-7K3Q9 status', 'ja graag'])('does not guess on the short text "%s"', (text) => {
    expect(guessLanguage(text, ALL)).toBeUndefined();
  });

  it('stays silent when close languages are too close to call', () => {
    expect(guessLanguage('Здравствуйте, мне нужен ноутбук для сына', ALL)).toBeUndefined();
  });

  it('only answers with a supported language', () => {
    expect(guessLanguage('Bonjour, je voudrais un ordinateur pour mon fils', ['nl', 'en'])).not.toBe('fr');
  });
});
