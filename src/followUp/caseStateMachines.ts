import type { CaseKind, CaseRecord } from '../cases/caseRecord';

/**
 * One status machine per case kind: the only place that says which status may follow which.
 * @remarks Final statuses are those of `FINAL_STATUSES` in caseRecord.ts (closed, returned,
 * rejected): reaching one releases the duplicate key, so a family may ask again later.
 */
export interface StateMachine {
  readonly kind: CaseKind;
  /** Every status of this kind, in the order the console shows them. */
  readonly statuses: readonly string[];
  /** Statuses after which nothing may follow. */
  readonly finalStatuses: readonly string[];
  /** Statuses that need a partner (the coordinator picks one or two). */
  readonly partnerStatuses: readonly string[];
  /** Statuses that need a note saying the outcome. */
  readonly outcomeStatuses: readonly string[];
  /** The statuses `record` may move to now, given its status and history. */
  next(record: Pick<CaseRecord, 'status' | 'history'>): string[];
}

type Guard = (record: Pick<CaseRecord, 'status' | 'history'>) => boolean;
interface Table {
  statuses: readonly string[];
  transitions: Record<string, readonly string[]>;
  guards?: Record<string, Guard>;
  partnerStatuses?: readonly string[];
  outcomeStatuses?: readonly string[];
}

/** A loan laptop is returned; a gift is never "returned" (it is closed once delivered). */
const wasLoan: Guard = (record) =>
  [...record.history].reverse().find((h) => h.status.startsWith('approved-'))?.status === 'approved-loan';

const PUPIL_CONCERN: Table = {
  statuses: ['new', 'screened', 'assigned', 'contact-made', 'closed'],
  transitions: {
    new: ['screened', 'assigned', 'closed'],
    screened: ['assigned', 'closed'],
    // Re-assigning (assigned → assigned) covers a partner who cannot take it or a second partner
    // joining; back to screened when the partner hands it back to the helpline.
    assigned: ['assigned', 'contact-made', 'screened', 'closed'],
    'contact-made': ['closed'],
    closed: [],
  },
  partnerStatuses: ['assigned'],
  outcomeStatuses: ['closed'],
};

const LAPTOP_REQUEST: Table = {
  statuses: ['new', 'screened', 'approved-gift', 'approved-loan', 'rejected', 'delivered', 'returned', 'closed'],
  transitions: {
    new: ['screened', 'rejected'],
    screened: ['approved-gift', 'approved-loan', 'rejected'],
    // Staff may still switch gift ↔ loan before delivery (the bot's advice is only advice).
    'approved-gift': ['approved-loan', 'delivered', 'closed'],
    'approved-loan': ['approved-gift', 'delivered', 'closed'],
    delivered: ['returned', 'closed'],
    rejected: [],
    returned: [],
    closed: [],
  },
  guards: { returned: wasLoan },
  outcomeStatuses: ['rejected', 'closed'],
};

const CALL_BACK: Table = {
  statuses: ['new', 'in-progress', 'closed'],
  transitions: { new: ['in-progress', 'closed'], 'in-progress': ['closed'], closed: [] },
  outcomeStatuses: ['closed'],
};

const SCHOOL_BILL: Table = {
  statuses: ['new', 'screened', 'approved', 'rejected', 'closed'],
  transitions: {
    new: ['screened', 'rejected'],
    screened: ['approved', 'rejected'],
    approved: ['closed'],
    rejected: [],
    closed: [],
  },
  outcomeStatuses: ['rejected', 'closed'],
};

/** A form's own cases without a table of their own: taken up, then closed with an outcome. */
const DEFAULT_TABLE: Table = CALL_BACK;

const TABLES: Record<CaseKind, Table> = {
  'pupil-concern': PUPIL_CONCERN,
  'laptop-request': LAPTOP_REQUEST,
  'registration-help': CALL_BACK,
  callback: CALL_BACK,
  'school-bill': SCHOOL_BILL,
};

function build(kind: CaseKind, table: Table): StateMachine {
  return {
    kind,
    statuses: table.statuses,
    finalStatuses: table.statuses.filter((s) => (table.transitions[s] ?? []).length === 0),
    partnerStatuses: table.partnerStatuses ?? [],
    outcomeStatuses: table.outcomeStatuses ?? [],
    next: (record) =>
      (table.transitions[record.status] ?? []).filter((to) => table.guards?.[to]?.(record) ?? true),
  };
}

const MACHINES = Object.fromEntries(
  Object.entries(TABLES).map(([kind, table]) => [kind, build(kind, table)]),
) as Record<CaseKind, StateMachine>;

/** The status machine of a case kind (a new form's kind: the default one). */
export function stateMachineFor(kind: CaseKind): StateMachine {
  return MACHINES[kind] ?? build(kind, DEFAULT_TABLE);
}

/** Every status of every kind (the console's filter list and the locale parity check). */
export function allStatuses(): string[] {
  return [...new Set(Object.values(MACHINES).flatMap((m) => [...m.statuses]))];
}

/** Why a transition is refused, or undefined when it is allowed. */
export type TransitionProblem = 'unknownStatus' | 'notAllowed' | 'partnerRequired' | 'outcomeRequired';

/**
 * Checks one status change against the kind's machine: the move itself, a partner where the
 * target needs one, and an outcome note where it needs one.
 */
export function checkTransition(
  record: Pick<CaseRecord, 'kind' | 'status' | 'history'>,
  to: string,
  extra: { partnerIds?: readonly string[]; note?: string } = {},
): TransitionProblem | undefined {
  const machine = stateMachineFor(record.kind);
  if (!machine.statuses.includes(to)) return 'unknownStatus';
  if (!machine.next(record).includes(to)) return 'notAllowed';
  if (machine.partnerStatuses.includes(to) && !extra.partnerIds?.length) return 'partnerRequired';
  if (machine.outcomeStatuses.includes(to) && !extra.note?.trim()) return 'outcomeRequired';
  return undefined;
}
