import { FINAL_STATUSES, type CaseRecord } from '../cases/caseRecord';
import type { CaseStore } from '../cases/caseStore';
import type { Clock } from '../clock';
import type { HelplineData } from '../helplineData';
import type { Logger } from '../logger';
import type { JobLock } from '../state/redisJobLock';
import { releaseDuplicateKeys, stripPersonalFields } from './personalFields';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs a task at a fixed interval; injected so that tests drive time themselves. */
export interface Scheduler {
  every(intervalMs: number, task: () => void): { cancel(): void };
}

/** The real scheduler: a timer that does not keep the process alive on shutdown. */
export const intervalScheduler: Scheduler = {
  every(intervalMs, task) {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  },
};

/**
 * Storage limitation (GDPR art. 5(1)(e), domain.md §6.2 rule 6): removes the personal fields of
 * closed cases once `retention.closedCaseDays` have passed since they were closed. Kind, status
 * and dates stay, so the anonymous statistics are unchanged.
 * @remarks Conversation state and transcripts need no job: they expire by Redis TTL
 * (`idleConversationDays`, `transcriptDays`). The job runs at start and then daily; a run that
 * fails is logged and retried the next day, and a case already stripped is skipped.
 * - It reads only the cases that still hold personal fields (an index), not every case.
 * - With a {@link JobLock} (Redis), one instance runs it at a time: every instance starting at
 *   once no longer scans the cases in parallel.
 * - Open cases idle (not updated) for longer than `closedCaseDays` keep their personal fields
 *   (someone still works on them) but are reported by reference in the log, never kept silently.
 */
export class RetentionJob {
  constructor(
    private readonly store: Pick<CaseStore, 'listWithPersonalData' | 'save' | 'findByDuplicateKey' | 'releaseDuplicateKey'>,
    private readonly clock: Clock,
    private readonly retention: Pick<HelplineData['retention'], 'closedCaseDays'>,
    private readonly logger: Pick<Logger, 'info' | 'error'> & Partial<Pick<Logger, 'warn'>>,
    private readonly lock?: JobLock,
  ) {}

  /** Runs now and then every day; returns a handle to stop it (on shutdown). */
  start(scheduler: Scheduler = intervalScheduler): { stop(): void } {
    const runLogged = (): void => {
      this.runOnce().catch((error: unknown) =>
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'retention run failed'),
      );
    };
    runLogged();
    const handle = scheduler.every(DAY_MS, runLogged);
    return { stop: () => handle.cancel() };
  }

  /** One pass over the cases (or none, when another instance runs it now); returns how many were stripped. */
  async runOnce(): Promise<number> {
    if (!this.lock) return this.pass();
    // An hour is far more than a pass takes; a crashed instance only delays the next one.
    const stripped = await this.lock.runAlone('retention', 60 * 60 * 1000, () => this.pass());
    if (stripped === undefined) this.logger.info({}, 'retention runs on another instance');
    return stripped ?? 0;
  }

  private async pass(): Promise<number> {
    const now = this.clock.now();
    const cutoff = now.getTime() - this.retention.closedCaseDays * DAY_MS;
    let stripped = 0;
    const idleOpen: string[] = [];
    for (const record of await this.store.listWithPersonalData()) {
      if (record.personalDataRemovedAt) continue;
      if (!FINAL_STATUSES.includes(record.status)) {
        if (Date.parse(record.updatedAt) <= cutoff) idleOpen.push(record.reference);
        continue;
      }
      if (closedAt(record) > cutoff) continue;
      await releaseDuplicateKeys(this.store, record);
      await this.store.save(stripPersonalFields(record, now.toISOString()));
      stripped += 1;
    }
    if (idleOpen.length > 0) {
      // References only (not personal): coordinators decide to close them or keep them.
      this.logger.warn?.({ count: idleOpen.length, references: idleOpen.slice(0, 100) }, 'open cases idle past the retention time still hold personal data');
    }
    this.logger.info({ stripped, closedCaseDays: this.retention.closedCaseDays }, 'retention run done');
    return stripped;
  }
}

/** When the case reached its final status (the last such history entry), else its last update. */
function closedAt(record: CaseRecord): number {
  const entry = [...record.history].reverse().find((h) => FINAL_STATUSES.includes(h.status));
  return Date.parse(entry?.at ?? record.updatedAt);
}
