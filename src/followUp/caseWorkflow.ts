import { FINAL_STATUSES, type CaseRecord } from '../cases/caseRecord';
import type { CaseStore } from '../cases/caseStore';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Partner } from '../helplineData';
import type { CaseNotifier, NotifyOutcome } from './caseNotifier';
import { checkTransition, stateMachineFor } from './caseStateMachines';
import type { PartnerStore } from './partnerStore';

/** One status change as staff ask for it. */
export interface StatusChange {
  status: string;
  /** Staff member's username: goes into the history. */
  by: string;
  note?: string;
  /** One partner, or two that work together; required for "assigned". */
  partnerIds?: string[];
  /** The `updatedAt` the console showed; when the case changed since, the change is refused. */
  expectedUpdatedAt?: string;
}

export interface StatusChangeResult {
  record: CaseRecord;
  /** The reporter who made the case. */
  notification: NotifyOutcome;
  /** Second reporters of the same pupil or family (linked reports) with a conversation. */
  linkedNotifications: NotifyOutcome[];
}

/** Most partners on one case: "one, or two that work together" (seed 004). */
export const MAX_PARTNERS_PER_CASE = 2;

/**
 * The one way a case changes status: checks the move with the kind's state machine, appends the
 * history entry, saves, tells the reporter and any second reporter, each in their language, and,
 * once the case is final, releases its duplicate keys so the family can ask again.
 */
export class CaseWorkflow {
  constructor(
    private readonly cases: CaseStore,
    private readonly partners: Pick<PartnerStore, 'get'>,
    private readonly notifier: Pick<CaseNotifier, 'notify' | 'notifyLinked'>,
    private readonly clock: Clock,
  ) {}

  async changeStatus(reference: string, change: StatusChange): Promise<StatusChangeResult> {
    const record = await this.cases.get(reference);
    if (!record) throw new AppError('CASE_NOT_FOUND', `CaseWorkflow.changeStatus(): no case ${reference}`, { reference });
    if (change.expectedUpdatedAt && change.expectedUpdatedAt !== record.updatedAt) {
      throw new AppError('CONFLICT', 'CaseWorkflow.changeStatus(): the case changed since it was shown', { reference });
    }
    const partnerIds = [...new Set(change.partnerIds ?? [])];
    const note = change.note?.trim() || undefined;
    const problem = checkTransition(record, change.status, { partnerIds, note });
    if (problem) {
      throw new AppError('INVALID_TRANSITION', `CaseWorkflow.changeStatus(): ${record.status} → ${change.status}: ${problem}`, {
        reference,
        from: record.status,
        to: change.status,
        problem,
      });
    }
    const assigning = stateMachineFor(record.kind).partnerStatuses.includes(change.status);
    const assigned = assigning ? await this.resolvePartners(partnerIds) : await this.currentPartners(record);

    const now = this.clock.now().toISOString();
    record.status = change.status;
    record.updatedAt = now;
    if (assigning) record.partnerIds = assigned.map((p) => p.id);
    // The names go into the history as they were at the time: a partner renamed or removed later
    // must not rewrite who had the case.
    const who = assigning ? `→ ${assigned.map((p) => p.name).join(' + ')}` : undefined;
    const historyNote = [who, note].filter(Boolean).join(' — ') || undefined;
    record.history.push({ at: now, by: change.by, status: change.status, ...(historyNote ? { note: historyNote } : {}) });
    await this.cases.save(record);

    if (FINAL_STATUSES.includes(record.status)) await this.releaseDuplicateKeys(record);
    const names = assigned.map((p) => p.name);
    const notification = await this.notifier.notify(record, names);
    // A second reporter (a teacher after a parent, say) waits for news of the same pupil too; they
    // get the same minimal message, which names no family detail, in their own language.
    const linkedNotifications = await this.notifier.notifyLinked(record, names);
    return { record, notification, linkedNotifications };
  }

  /** Adds an internal note (never sent to the reporter). */
  async addNote(reference: string, by: string, text: string): Promise<CaseRecord> {
    const record = await this.cases.get(reference);
    if (!record) throw new AppError('CASE_NOT_FOUND', `CaseWorkflow.addNote(): no case ${reference}`, { reference });
    const now = this.clock.now().toISOString();
    record.notes.push({ at: now, by, text: text.trim() });
    record.updatedAt = now;
    await this.cases.save(record);
    return record;
  }

  private async resolvePartners(ids: string[]): Promise<Partner[]> {
    if (ids.length > MAX_PARTNERS_PER_CASE) {
      throw new AppError('CASE_INVALID', `CaseWorkflow.changeStatus(): at most ${MAX_PARTNERS_PER_CASE} partners`);
    }
    const found = await Promise.all(ids.map((id) => this.partners.get(id)));
    const missing = ids.filter((_id, i) => !found[i]);
    if (missing.length) throw new AppError('CASE_INVALID', 'CaseWorkflow.changeStatus(): unknown partner', { missing });
    return found as Partner[];
  }

  private async currentPartners(record: CaseRecord): Promise<Partner[]> {
    const found = await Promise.all(record.partnerIds.map((id) => this.partners.get(id)));
    return found.filter((p): p is Partner => p !== undefined);
  }

  private async releaseDuplicateKeys(record: CaseRecord): Promise<void> {
    for (const key of [record.duplicateKey, ...(record.extraDuplicateKeys ?? [])]) {
      if (!key) continue;
      // Only our own key: a key that points to another case already is that case's business.
      const holder = await this.cases.findByDuplicateKey(record.kind, key);
      if (!holder || holder.reference === record.reference) await this.cases.releaseDuplicateKey(record.kind, key);
    }
  }
}
