import { z } from 'zod';

/**
 * Kinds of cases stored before the form registry, with the prefix of their reference
 * (LAP-7K3Q9). New kinds come from the forms that file them (`FormRegistration.case`); the
 * composition root passes both to CaseService. `registration-help` (REG) is no longer created
 * (call-backs are `callback` cases now) but stays readable.
 */
export const CASE_PREFIXES: Readonly<Record<string, string>> = {
  'registration-help': 'REG',
  'laptop-request': 'LAP',
  'pupil-concern': 'ZRG',
  'school-bill': 'SCH',
  callback: 'CBK',
};
/** A case kind: a form's stored kind (`laptop-request`, `callback`, a declared form's name). */
export type CaseKind = string;
export const CaseKindSchema = z.string().regex(/^[a-z][a-zA-Z-]{1,40}$/);

/**
 * The kinds this process knows: the older ones and those of the registry's forms, added by the
 * composition root. Kept per process (not per store) because the console's query schema, a
 * module-level constant, refuses a kind no form files (`?kind=nonsense` → 400).
 */
const knownKinds = new Set(Object.keys(CASE_PREFIXES));
export function registerCaseKinds(kinds: Iterable<string>): void {
  for (const kind of kinds) knownKinds.add(kind);
}
/** A kind some form files (for filters and checks at the edges). */
export const KnownCaseKindSchema = CaseKindSchema.refine((kind) => knownKinds.has(kind), 'unknown case kind');

/** Statuses after which a case no longer blocks a duplicate (a new request may be made). */
export const FINAL_STATUSES = ['closed', 'returned', 'rejected'];

export const CaseHistoryEntrySchema = z.object({
  at: z.string(),
  by: z.string(),
  status: z.string(),
  note: z.string().optional(),
});

/**
 * A stored case: what the user answered (`data`, validated by the kind's own schema before it
 * gets here), who it belongs to, and everything staff did with it.
 */
export const CaseRecordSchema = z.object({
  reference: z.string().regex(/^[A-Z]{3}-[0-9A-Z]{5}$/),
  kind: CaseKindSchema,
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  schoolYear: z.string(),
  locale: z.string(),
  channelId: z.string(),
  /** `${channelId}:${userId}`: whose case it is, for "status" and "erase my data". */
  ownerKey: z.string(),
  conversationId: z.string(),
  /** Bot Framework ConversationReference, so staff updates can reach the user later. */
  conversationRef: z.record(z.string(), z.unknown()).optional(),
  data: z.record(z.string(), z.unknown()),
  duplicateKey: z.string().optional(),
  /** More keys that find this case as a duplicate (a laptop request: same phone or same address). */
  extraDuplicateKeys: z.array(z.string()).optional(),
  /** Extra reports about the same pupil/family, merged into this case instead of a second one. */
  linkedReports: z.array(
    z.object({
      at: z.string(),
      ownerKey: z.string(),
      data: z.record(z.string(), z.unknown()),
      locale: z.string().optional(),
      /** So status updates also reach a second reporter. */
      conversationRef: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  history: z.array(CaseHistoryEntrySchema),
  notes: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  partnerIds: z.array(z.string()),
  /** Set when personal fields were removed (erasure or retention); counts stay usable. */
  personalDataRemovedAt: z.string().optional(),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

/** School year (1 September – 31 August) of a date, e.g. 2026-11-23 → "2026-2027". */
export function schoolYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}
