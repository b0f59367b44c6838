import type { Clock } from '../clock';
import {
  queueScore,
  RECENT_LINES,
  TRANSCRIPT_MAX,
  WAIT_SAMPLES,
  type HandoffQueue,
  type ItemFields,
  type QueueItem,
  type TranscriptEntry,
  type TransitionOptions,
  type TransitionResult,
} from './handoffQueue';
import { allowedFrom, isQueued, nextState, type HandoffEvent } from './handoffState';

/**
 * The embedded queue (`npm start` without Redis, unit tests). Every method runs without an
 * `await` between read and write, so each move is atomic within the one process.
 * @remarks Retention is not enforced here: the process forgets everything when it stops.
 */
export class MemoryHandoffQueue implements HandoffQueue {
  private readonly items = new Map<string, QueueItem>();
  private readonly transcripts = new Map<string, TranscriptEntry[]>();
  private readonly recent = new Map<string, TranscriptEntry[]>();
  private waits: number[] = [];
  readonly ratings: number[] = [];

  constructor(private readonly clock?: Clock) {}

  async get(id: string): Promise<QueueItem | undefined> {
    const item = this.items.get(id);
    return item ? structuredClone(item) : undefined;
  }

  async forget(id: string): Promise<void> {
    this.items.delete(id);
    this.transcripts.delete(id);
    this.recent.delete(id);
  }

  async transition(id: string, event: HandoffEvent, options: TransitionOptions = {}): Promise<TransitionResult> {
    const current = this.items.get(id) ?? { id, state: 'bot' as const };
    if (!allowedFrom(event).includes(current.state)) return { ok: false, state: current.state, assignee: current.assignee };
    if (options.expectAssignee !== undefined && options.expectAssignee !== current.assignee) {
      return { ok: false, state: current.state, assignee: current.assignee };
    }
    const next: QueueItem = { ...current, ...structuredClone(options.patch ?? {}), state: nextState(current.state, event) };
    if (options.assignee === null) delete next.assignee;
    else if (options.assignee !== undefined) next.assignee = options.assignee;
    this.items.set(id, next);
    return { ok: true, previous: current.state };
  }

  async update(id: string, patch: Partial<ItemFields>): Promise<void> {
    const current = this.items.get(id) ?? { id, state: 'bot' as const };
    this.items.set(id, { ...current, ...structuredClone(patch) });
  }

  async position(id: string): Promise<number | undefined> {
    const index = this.queued().findIndex((item) => item.id === id);
    return index < 0 ? undefined : index;
  }

  async list(): Promise<QueueItem[]> {
    return structuredClone(this.queued());
  }

  async active(): Promise<QueueItem[]> {
    return structuredClone([...this.items.values()].filter((item) => item.state === 'staff'));
  }

  async appendTranscript(id: string, entries: TranscriptEntry[]): Promise<void> {
    const list = [...(this.transcripts.get(id) ?? []), ...structuredClone(entries)];
    this.transcripts.set(id, list.slice(-TRANSCRIPT_MAX));
  }

  async transcript(id: string): Promise<TranscriptEntry[]> {
    return structuredClone(this.transcripts.get(id) ?? []);
  }

  async appendRecent(id: string, entries: TranscriptEntry[]): Promise<void> {
    this.recent.set(id, [...(this.recent.get(id) ?? []), ...structuredClone(entries)].slice(-RECENT_LINES));
  }

  async takeRecent(id: string): Promise<TranscriptEntry[]> {
    const list = this.recent.get(id) ?? [];
    this.recent.delete(id);
    return list;
  }

  async recordWait(ms: number): Promise<void> {
    this.waits = [ms, ...this.waits].slice(0, WAIT_SAMPLES);
  }

  async recentWaits(): Promise<number[]> {
    return [...this.waits];
  }

  async recordRating(rating: number): Promise<void> {
    this.ratings.push(rating);
  }

  private queued(): QueueItem[] {
    const now = (this.clock?.now() ?? new Date()).toISOString();
    return [...this.items.values()]
      .filter((item) => isQueued(item.state))
      .sort(
        (a, b) =>
          queueScore(a.priority ?? 'normal', a.queuedAt ?? now) - queueScore(b.priority ?? 'normal', b.queuedAt ?? now) ||
          a.id.localeCompare(b.id),
      );
  }
}
