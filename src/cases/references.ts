import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: parents read references aloud over the phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new reference such as LAP-7K3Q9 (31^5 ≈ 28 million per prefix; callers retry on collision). */
export function newReference(prefix: string, pick: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 5; i += 1) code += ALPHABET[pick(ALPHABET.length)];
  return `${prefix}-${code}`;
}
