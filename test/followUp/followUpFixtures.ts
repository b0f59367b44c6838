import type { CaseKind, CaseRecord } from '../../src/cases/caseRecord';
import { CASE_PREFIXES } from '../../src/cases/caseRecord';
import type { Partner } from '../../src/helplineData';

let next = 0;
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A fresh, valid reference per call (ZRG-22222, ZRG-22223, …). */
export function nextReference(kind: CaseKind): string {
  let n = next++;
  let code = '';
  for (let i = 0; i < 5; i += 1) {
    code = ALPHABET[n % ALPHABET.length]! + code;
    n = Math.floor(n / ALPHABET.length);
  }
  return `${CASE_PREFIXES[kind]}-${code}`;
}

/** A stored case as CaseService would create it, with `overrides` on top. */
export function makeCase(overrides: Partial<CaseRecord> & { kind?: CaseKind } = {}): CaseRecord {
  const kind = overrides.kind ?? 'pupil-concern';
  const createdAt = overrides.createdAt ?? '2026-11-23T09:00:00.000Z';
  return {
    reference: nextReference(kind),
    kind,
    status: 'new',
    createdAt,
    updatedAt: createdAt,
    schoolYear: '2026-2027',
    locale: 'nl',
    channelId: 'test',
    ownerKey: 'test:user-1',
    conversationId: 'conv-1',
    data: {},
    linkedReports: [],
    history: [{ at: createdAt, by: 'bot', status: 'new' }],
    notes: [],
    partnerIds: [],
    ...overrides,
  };
}

/** A partner with defaults a test can override. */
export function makePartner(overrides: Partial<Partner> & { id: string }): Partner {
  return {
    name: overrides.id.toUpperCase(),
    kind: 'welfare',
    offers: [],
    area: ['mechelen'],
    languages: [],
    contacts: [],
    source: 'test',
    ...overrides,
  };
}
