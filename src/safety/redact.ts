import { findPhoneNumbersInText } from 'libphonenumber-js';

/** What a removed value is replaced with in logs. */
export const REDACTED = '[redacted]';

/** Keys whose values are identifiers we log on purpose (ids look like numbers now and then). */
const ID_KEY = /(?:id|Id|ID|reference|Key|key|at|At)$/;
/** Plain e-mail addresses; good enough to keep them out of logs, not a validator. */
const EMAIL = /[^\s@<>()[\]{}",;:]+@[^\s@<>()[\]{}",;:]+\.[a-z]{2,}/gi;
/** 11-digit runs: a Belgian national register number (rijksregisternummer) typed without dots. */
const NATIONAL_NUMBER = /\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b/g;
/** Strings longer than this are cut before scanning: logs never need more, and scanning is linear. */
const MAX_SCANNED = 2_000;
const MAX_DEPTH = 6;
const MIN_PHONE_DIGITS = 9;

/**
 * Removes e-mail addresses, phone numbers (Belgian and international, found with
 * libphonenumber-js) and national register numbers from a string.
 */
export function redactText(text: string): string {
  let out = text.length > MAX_SCANNED ? `${text.slice(0, MAX_SCANNED)}…` : text;
  out = out.replace(EMAIL, REDACTED).replace(NATIONAL_NUMBER, REDACTED);
  // Replace from the end so earlier offsets stay valid.
  for (const found of findPhoneNumbersInText(out, 'BE').reverse()) {
    // Real numbers have at least 9 digits (015 29 40 00); shorter hits are school years and dates.
    if ((out.slice(found.startsAt, found.endsAt).match(/\d/g) ?? []).length < MIN_PHONE_DIGITS) continue;
    out = `${out.slice(0, found.startsAt)}${REDACTED}${out.slice(found.endsAt)}`;
  }
  return out;
}

/**
 * A copy of a log object with personal data removed from every string value, at any depth up
 * to six levels (deeper values are dropped). The caller's object is never changed.
 * @remarks This backs up pino's field-name redaction (`REDACTED_FIELDS` in src/logger.ts): that
 * catches `text` or `phone` fields, this catches a phone number inside an error message.
 * Values under id-like keys (`conversationId`, `reference`…) are kept as they are.
 */
export function redactPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactPersonalData(item, depth + 1));
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = typeof inner === 'string' && ID_KEY.test(key) ? inner : redactPersonalData(inner, depth + 1);
  }
  return out;
}
