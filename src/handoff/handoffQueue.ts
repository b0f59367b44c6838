import { z } from 'zod';
import { HANDOFF_STATES, type HandoffEvent } from './handoffState';

/** Crisis before urgent before normal; the rank is the first part of the queue order. */
export const PRIORITIES = ['crisis', 'urgent', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);

/** Queue order: priority first, then who waits longest. Exact in a double (< 2^53). */
export function queueScore(priority: Priority, queuedAt: string): number {
  return priorityRank(priority) * 1e13 + new Date(queuedAt).getTime();
}

/** Closing outcomes staff choose from (the console offers exactly these). */
export const OUTCOMES = ['solved', 'callback-planned', 'forwarded', 'user-left', 'no-answer', 'abusive'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One line of a handed-off conversation, as staff see it. */
export const TranscriptEntrySchema = z.object({
  at: z.string(),
  from: z.enum(['user', 'bot', 'staff', 'note', 'system']),
  text: z.string(),
  /** Staff username for staff lines and notes. */
  staff: z.string().optional(),
  /** For canned replies: the Dutch text, so staff can read what was sent in another language. */
  textNl: z.string().optional(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

/** Half-finished call-back request (outside opening hours), kept while the state is still `bot`. */
export const CallbackDraftSchema = z.object({
  step: z.enum(['phone', 'moment']),
  phone: z.string().optional(),
  invalid: z.number().int().default(0),
});
export type CallbackDraft = z.infer<typeof CallbackDraftSchema>;

/** The fields of a queue item besides its state and assignee (each stored separately in Redis). */
export const ItemFieldsSchema = z.object({
  topic: z.string(),
  team: z.string(),
  language: z.string(),
  priority: z.enum(PRIORITIES),
  reason: z.string(),
  kind: z.enum(['chat', 'callback']),
  queuedAt: z.string(),
  formData: z.record(z.string(), z.unknown()),
  preview: z.string(),
  assigneeName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  callback: z.object({ phone: z.string(), moment: z.string() }).nullable(),
  consent: z.enum(['asked', 'given', 'refused']).nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  /** What the user was last told about their place, to refresh only on meaningful changes. */
  notified: z.object({ ahead: z.number().int(), etaMinutes: z.number().nullable() }).nullable(),
  draft: CallbackDraftSchema.nullable(),
  /** The satisfaction question was asked after closing and not yet answered. */
  surveyPending: z.boolean(),
});
export type ItemFields = z.infer<typeof ItemFieldsSchema>;

export const QueueItemSchema = ItemFieldsSchema.partial().extend({
  id: z.string(),
  state: z.enum(HANDOFF_STATES),
  assignee: z.string().optional(),
});
/** A conversation as the queue knows it. Absent fields were never set (e.g. a draft only). */
export type QueueItem = z.infer<typeof QueueItemSchema>;

export interface TransitionOptions {
  /** New assignee: a username, null to clear, undefined to keep. */
  assignee?: string | null;
  /** Only when the current assignee is this user (agents act on their own conversations). */
  expectAssignee?: string;
  /** Fields to set in the same atomic step. */
  patch?: Partial<ItemFields>;
}

/** Result of an atomic move: ok, or why not (the state and assignee found). */
export type TransitionResult =
  | { ok: true; previous: QueueItem['state'] }
  | { ok: false; state: QueueItem['state']; assignee?: string };

/**
 * The hand-off queue: one item per conversation, moved only through the state machine of
 * `handoffState.ts`, each move atomic (two staff taking the same item: exactly one wins).
 * @remarks Implemented in memory (embedded mode, unit tests) and on Redis (Lua script); one
 * contract suite runs against both.
 */
export interface HandoffQueue {
  get(id: string): Promise<QueueItem | undefined>;
  /** Removes everything kept of a conversation (item, transcript, recent lines): "erase my data". */
  forget(id: string): Promise<void>;
  /** Applies `event` if the live state allows it (and the assignee matches), atomically. */
  transition(id: string, event: HandoffEvent, options?: TransitionOptions): Promise<TransitionResult>;
  /** Sets fields that do not change the state (notified, consent, preview, draft, survey). */
  update(id: string, patch: Partial<ItemFields>): Promise<void>;
  /** How many items are ahead of this one, or undefined when it is not queued. */
  position(id: string): Promise<number | undefined>;
  /** Queued items (waiting and call-back), best first. */
  list(): Promise<QueueItem[]>;
  /** Items with staff (for "who handles what"). */
  active(): Promise<QueueItem[]>;
  appendTranscript(id: string, entries: TranscriptEntry[]): Promise<void>;
  transcript(id: string): Promise<TranscriptEntry[]>;
  /** A short rolling record of the bot conversation, copied into the transcript on hand-off. */
  appendRecent(id: string, entries: TranscriptEntry[]): Promise<void>;
  takeRecent(id: string): Promise<TranscriptEntry[]>;
  /** Records how long someone waited before a person took over (moving average input). */
  recordWait(ms: number): Promise<void>;
  /** The recent waits, newest first. */
  recentWaits(): Promise<number[]>;
  /** Appends an anonymous 1–5 satisfaction score. */
  recordRating(rating: number): Promise<void>;
}

/** How many recent waits the moving average uses, and how much of a bot chat is kept. */
export const WAIT_SAMPLES = 10;
export const RECENT_LINES = 20;
export const TRANSCRIPT_MAX = 2000;
