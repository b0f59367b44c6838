/**
 * A dialog deep in the stack can ask its form to stop (for a person, after an erasure…) by
 * leaving a signal on the turn; the nearest interruptible dialog acts on it after the turn step.
 */
export type FormSignal =
  | { kind: 'handoff'; reason: 'asked' | 'too-many-invalid' | 'form' }
  | { kind: 'erased' }
  | { kind: 'cancel' };

const SIGNAL = Symbol('formSignal');

interface HasTurnState {
  turnState: Map<unknown, unknown>;
}

export function raiseSignal(context: HasTurnState, signal: FormSignal): void {
  context.turnState.set(SIGNAL, signal);
}

/** Returns and clears the pending signal. */
export function takeSignal(context: HasTurnState): FormSignal | undefined {
  const signal = context.turnState.get(SIGNAL) as FormSignal | undefined;
  context.turnState.delete(SIGNAL);
  return signal;
}

/** True while a signal waits to be acted on (a dialog below should not ask its question again). */
export function hasSignal(context: HasTurnState): boolean {
  return context.turnState.has(SIGNAL);
}
