import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalizeDigits, normalizeText } from '../../src/i18n/normalize';

/** A validator turns raw input into a clean value, or says which message explains the problem. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errorKey: string; vars?: Record<string, unknown> };

const ok = <T>(value: T): ValidationResult<T> => ({ ok: true, value });
const fail = <T>(errorKey: string, vars?: Record<string, unknown>): ValidationResult<T> => ({
  ok: false,
  errorKey,
  vars,
});

/** Belgian phone number in any usual writing (0470 12 34 56, +32 470…, 0032…) → E.164. */
export function phoneValidator(input: string): ValidationResult<string> {
  const cleaned = normalizeDigits(input).replace(/[^\d+]/g, '').replace(/^00/, '+');
  const phone = parsePhoneNumberFromString(cleaned, 'BE');
  if (!phone || !phone.isValid() || phone.country !== 'BE') return fail('prompts.phoneRetry');
  return ok(phone.number);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

/** E-mail address, trimmed and lower-cased. */
export function emailValidator(input: string): ValidationResult<string> {
  const value = input.trim().toLowerCase();
  return EMAIL.test(value) && value.length <= 254 ? ok(value) : fail('prompts.emailRetry');
}

/** Belgian postcode: four digits from 1000 to 9999. */
export function postcodeValidator(input: string): ValidationResult<string> {
  const digits = normalizeDigits(input).trim();
  return /^[1-9]\d{3}$/.test(digits) ? ok(digits) : fail('prompts.postcodeRetry');
}

/** Whole number within bounds; digits in any script. Words are left to the choice lists. */
export function integerValidator(min: number, max: number) {
  return (input: string): ValidationResult<number> => {
    const text = normalizeDigits(normalizeText(input));
    if (!/^\d{1,6}$/.test(text)) return fail('prompts.numberRetry', { min, max });
    const value = Number(text);
    return value >= min && value <= max ? ok(value) : fail('prompts.numberRetry', { min, max });
  };
}

/**
 * Date written day-month-year (15-03-2012, 15/3/2012, 15.03.2012) → ISO date. Rejects impossible
 * dates and dates outside [minYear, today].
 */
export function dateValidator(today: Date, minYear = 1900) {
  return (input: string): ValidationResult<string> => {
    const match = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(normalizeDigits(input).trim());
    if (!match) return fail('prompts.dateRetry');
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    const valid =
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day &&
      year >= minYear &&
      date.getTime() <= today.getTime();
    return valid ? ok(date.toISOString().slice(0, 10)) : fail('prompts.dateRetry');
  };
}

/** Free text, trimmed, required, at most `max` characters. */
export function boundedTextValidator(max: number) {
  return (input: string): ValidationResult<string> => {
    const value = input.replace(/\s+/g, ' ').trim();
    if (!value) return fail('prompts.textRequired');
    return value.length <= max ? ok(value) : fail('prompts.textTooLong', { max });
  };
}
