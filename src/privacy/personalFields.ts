import type { CaseRecord } from '../cases/caseRecord';
import type { CaseStore } from '../cases/caseStore';

/** What stands in for an owner or conversation once personal data is gone. */
export const ERASED = 'erased';

/**
 * The personal fields of a case, removed in place: answers, ways to reach the user, duplicate
 * keys (they are built from phone numbers and addresses), linked reports and the text of staff
 * notes. Kind, status, dates, school year, locale and partners stay, so the anonymous
 * statistics still add up.
 */
export function stripPersonalFields(record: CaseRecord, now: string): CaseRecord {
  record.data = {};
  record.conversationRef = undefined;
  record.ownerKey = ERASED;
  record.conversationId = ERASED;
  record.duplicateKey = undefined;
  record.extraDuplicateKeys = undefined;
  record.linkedReports = [];
  record.notes = record.notes.map((n) => ({ at: n.at, by: n.by, text: '' }));
  record.history = record.history.map(({ note: _note, ...entry }) => entry);
  record.personalDataRemovedAt = now;
  return record;
}

/**
 * Releases the duplicate keys of a case (they name a phone number or an address) where they
 * still point at this case; a newer case holding the same key keeps it.
 */
export async function releaseDuplicateKeys(
  store: Pick<CaseStore, 'findByDuplicateKey' | 'releaseDuplicateKey'>,
  record: CaseRecord,
): Promise<void> {
  for (const key of [record.duplicateKey, ...(record.extraDuplicateKeys ?? [])]) {
    if (!key) continue;
    const holder = await store.findByDuplicateKey(record.kind, key);
    if (!holder || holder.reference === record.reference) await store.releaseDuplicateKey(record.kind, key);
  }
}
