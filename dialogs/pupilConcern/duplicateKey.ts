import { createHash } from 'node:crypto';
import { normalizeText } from '../../src/i18n/normalize';
import type { PupilConcern } from './pupilConcern.schema';

/** Letters and digits only, so "Sint-Ursula Instituut" and "sint ursula instituut" agree. */
const compact = (text: string): string => normalizeText(text).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The key that finds an open report about the same pupil: normalised first name, surname
 * initial, date of birth (or age when unknown) and school. Hashed, because the key ends up in a
 * Redis key name and must not spell out who the pupil is.
 * @remarks A report with a birth date and one with only an age do not match; staff still see
 * both and can link them by hand.
 */
export function pupilDuplicateKey(concern: Pick<PupilConcern, 'pupilFirstName' | 'pupilSurnameInitial' | 'pupilBirthDate' | 'pupilAge' | 'school'>): string {
  const born = concern.pupilBirthDate ?? `age${concern.pupilAge ?? '?'}`;
  const parts = [compact(concern.pupilFirstName), compact(concern.pupilSurnameInitial), born, compact(concern.school)];
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32);
}
