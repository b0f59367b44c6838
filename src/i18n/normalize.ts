/**
 * Text normalisation shared by every matcher (choices, yes/no, global words, crisis lists).
 * @remarks
 * @microsoft/recognizers-text 1.3 understands neither Dutch or Turkish words nor Arabic-Indic
 * digits, so every flow matches on normalised text first and uses recognizers only as a bonus.
 */

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** Replaces Arabic-Indic (٠–٩) and Persian (۰–۹) digits by Latin digits. */
export function normalizeDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const base = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(code - base);
  });
}

/** Removes bidi marks and other invisible format characters that channels and users insert. */
export function stripInvisible(text: string): string {
  return text.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]/g, '');
}

/** Printable ASCII, tabs and line breaks: text the Unicode folding below leaves as it is. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

/**
 * Lower-cases, strips accents/diacritics (also Arabic harakat), normalises digits and collapses
 * punctuation and white space, so "Oui!", "oui" and "OUI " compare equal.
 */
export function normalizeText(text: string): string {
  // Most answers are short plain ASCII ("2", "ja", "menu"): nothing to fold, so the Unicode
  // passes below (the costliest lines of the crisis check, per the benchmark profile) are skipped.
  if (PLAIN_ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9@.+#-]+/g, ' ')
      .replace(/[.]+(\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return normalizeDigits(stripInvisible(text))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .toLocaleLowerCase('und')
    .replace(/ı/g, 'i')
    // Letters NFKD does not fold but people type either way: Polish ł, Arabic hamza seats,
    // tā' marbūṭa and alif maqṣūra.
    .replace(/ł/g, 'l')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[^\p{L}\p{N}@.+#-]+/gu, ' ')
    .replace(/[.]+(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapses a letter repeated three or more times ("heeeelp" → "help") for fuzzy word lists. */
export function squeezeRepeats(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, '$1');
}
