import type { Clock } from '../clock';
import { AppError } from '../errors';
import { CASE_PREFIXES, FINAL_STATUSES, schoolYearOf, type CaseKind, type CaseRecord } from './caseRecord';
import type { CaseStore } from './caseStore';
import { newReference } from './references';

/** Who submits: enough to find the case again and to message the user later. */
export interface CaseOrigin {
  ownerKey: string;
  conversationId: string;
  channelId: string;
  locale: string;
  conversationRef?: Record<string, unknown>;
}

export interface SubmitRequest {
  kind: CaseKind;
  data: Record<string, unknown>;
  origin: CaseOrigin;
  /** Same key + open case of the same kind → no second case (no double approach of a family). */
  duplicateKey?: string;
  /** Further keys, any of which also marks a duplicate (checked in order after duplicateKey). */
  extraDuplicateKeys?: string[];
}

export type SubmitResult =
  | { reference: string; duplicate: false }
  | { reference: string; duplicate: true; sameOwner: boolean };

/** What a user may learn of a case on "status REF": nothing but its status. */
export interface CaseStatusView {
  reference: string;
  kind: CaseKind;
  status: string;
  /** Names of the partners who have the case (the name only, never their contacts). */
  partners: string[];
}

/**
 * Creates cases with unique references, merges duplicates, answers status questions and erases
 * an owner's personal data. Form dialogs use it through `FormServices`.
 */
export class CaseService {
  constructor(
    private readonly store: CaseStore,
    private readonly clock: Clock,
    /** Partner names by id (the follow-up partner directory); none known without it. */
    private readonly partnerNames: (ids: readonly string[]) => Promise<string[]> = async () => [],
    /** Reference prefix by case kind: the registry's forms plus the older kinds. */
    private readonly prefixes: Readonly<Record<string, string>> = CASE_PREFIXES,
  ) {}

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const now = this.clock.now().toISOString();
    for (const key of [request.duplicateKey, ...(request.extraDuplicateKeys ?? [])]) {
      if (!key) continue;
      const existing = await this.store.findByDuplicateKey(request.kind, key);
      if (existing && !FINAL_STATUSES.includes(existing.status)) {
        const sameOwner = existing.ownerKey === request.origin.ownerKey;
        if (!sameOwner) {
          existing.linkedReports.push({
            at: now,
            ownerKey: request.origin.ownerKey,
            data: request.data,
            locale: request.origin.locale,
            conversationRef: request.origin.conversationRef,
          });
          existing.updatedAt = now;
          await this.store.save(existing);
        }
        return { reference: existing.reference, duplicate: true, sameOwner };
      }
    }
    const prefix = this.prefixes[request.kind];
    if (!prefix) throw new AppError('CASE_KIND_UNKNOWN', `CaseService.submit(): no form files "${request.kind}" cases`);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const record: CaseRecord = {
        reference: newReference(prefix),
        kind: request.kind,
        status: 'new',
        createdAt: now,
        updatedAt: now,
        schoolYear: schoolYearOf(this.clock.now()),
        locale: request.origin.locale,
        channelId: request.origin.channelId,
        ownerKey: request.origin.ownerKey,
        conversationId: request.origin.conversationId,
        conversationRef: request.origin.conversationRef,
        data: request.data,
        duplicateKey: request.duplicateKey,
        extraDuplicateKeys: request.extraDuplicateKeys,
        linkedReports: [],
        history: [{ at: now, by: 'bot', status: 'new' }],
        notes: [],
        partnerIds: [],
      };
      if (await this.store.create(record)) return { reference: record.reference, duplicate: false };
    }
    throw new AppError('CONFLICT', 'CaseService.submit(): no free reference after 5 attempts');
  }

  /** The status of a case, only for its owner; undefined otherwise (reveals nothing). */
  async status(reference: string, ownerKey: string): Promise<CaseStatusView | undefined> {
    const record = await this.store.get(reference);
    if (!record || (record.ownerKey !== ownerKey && !record.linkedReports.some((r) => r.ownerKey === ownerKey))) {
      return undefined;
    }
    const partners = record.partnerIds.length ? await this.partnerNames(record.partnerIds) : [];
    return { reference: record.reference, kind: record.kind, status: record.status, partners };
  }

  /** Removes the personal fields of every case of this owner; kind, status and dates stay. */
  async erasePersonalData(ownerKey: string): Promise<number> {
    const now = this.clock.now().toISOString();
    const cases = await this.store.listByOwner(ownerKey);
    for (const record of cases) {
      record.data = {};
      record.conversationRef = undefined;
      record.ownerKey = 'erased';
      record.conversationId = 'erased';
      record.personalDataRemovedAt = now;
      await this.store.save(record);
    }
    // A second reporter's information lives inside another owner's case: remove it there too.
    // A scan is fine at the helpline's volume (hundreds of cases a year).
    let linked = 0;
    for (const record of await this.store.list()) {
      const kept = record.linkedReports.filter((r) => r.ownerKey !== ownerKey);
      if (kept.length === record.linkedReports.length) continue;
      linked += record.linkedReports.length - kept.length;
      record.linkedReports = kept;
      record.updatedAt = now;
      await this.store.save(record);
    }
    return cases.length + linked;
  }
}
