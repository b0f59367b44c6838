import { z } from 'zod';

export const PRESENCE = ['online', 'busy', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];

export const PresenceRecordSchema = z.object({ status: z.enum(PRESENCE), lastActive: z.string() });
export type PresenceRecord = z.infer<typeof PresenceRecordSchema>;

/**
 * Who of the staff is online, busy or offline. Stored as chosen plus the last activity; a
 * reader turns anyone idle longer than the configured time into "offline" (`effectivePresence`).
 */
export interface PresenceStore {
  set(username: string, record: PresenceRecord): Promise<void>;
  all(): Promise<Record<string, PresenceRecord>>;
}

/** Staff status after the idle rule: idle for `idleMs` or more counts as offline. */
export function effectivePresence(record: PresenceRecord | undefined, now: Date, idleMs: number): Presence {
  if (!record) return 'offline';
  return now.getTime() - new Date(record.lastActive).getTime() >= idleMs ? 'offline' : record.status;
}

/** The embedded presence store. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly records = new Map<string, PresenceRecord>();

  async set(username: string, record: PresenceRecord): Promise<void> {
    this.records.set(username, { ...record });
  }

  async all(): Promise<Record<string, PresenceRecord>> {
    return Object.fromEntries([...this.records].map(([k, v]) => [k, { ...v }]));
  }
}
