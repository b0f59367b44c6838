import type { HandoffRequest } from '../../src/forms/formServices';

/** How a form (or any interruptible dialog) ended; MainDialog acts on it. */
export type FormOutcome =
  | { outcome: 'completed'; reference?: string }
  | { outcome: 'cancelled' }
  | { outcome: 'paused' }
  | { outcome: 'erased' }
  | { outcome: 'handoff'; request: HandoffRequest };

export function isFormOutcome(value: unknown): value is FormOutcome {
  return typeof value === 'object' && value !== null && 'outcome' in value;
}
