import { AppError } from '../errors';

/** Where a conversation is: with the bot, in the queue, with a person, waiting for a call, or done. */
export const HANDOFF_STATES = ['bot', 'waiting', 'staff', 'callback', 'closed'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** Everything that may move a conversation between states. */
export const HANDOFF_EVENTS = [
  'enqueue',
  'requestCallback',
  'claim',
  'leave',
  'transferToQueue',
  'transferToStaff',
  'release',
  'close',
] as const;
export type HandoffEvent = (typeof HANDOFF_EVENTS)[number];

interface Transition {
  from: readonly HandoffState[];
  to: HandoffState;
}

/**
 * The one table of allowed moves. `enqueue` from `waiting` is allowed so that a crisis while
 * waiting raises the priority of the item already queued instead of creating a second one.
 */
const TRANSITIONS: Record<HandoffEvent, Transition> = {
  enqueue: { from: ['bot', 'closed', 'waiting'], to: 'waiting' },
  requestCallback: { from: ['bot', 'closed'], to: 'callback' },
  claim: { from: ['waiting', 'callback'], to: 'staff' },
  leave: { from: ['waiting', 'callback'], to: 'bot' },
  transferToQueue: { from: ['staff'], to: 'waiting' },
  transferToStaff: { from: ['staff'], to: 'staff' },
  release: { from: ['staff'], to: 'bot' },
  close: { from: ['waiting', 'callback', 'staff'], to: 'closed' },
};

/** States from which `event` may start (the Redis script checks the live state against these). */
export function allowedFrom(event: HandoffEvent): readonly HandoffState[] {
  return TRANSITIONS[event].from;
}

/** Whether `event` is allowed in state `from`. */
export function canTransition(from: HandoffState, event: HandoffEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/**
 * The state after `event`; throws `INVALID_TRANSITION` when the move is not allowed.
 * @example nextState('waiting', 'claim') === 'staff'
 */
export function nextState(from: HandoffState, event: HandoffEvent): HandoffState {
  if (!canTransition(from, event)) {
    throw new AppError('INVALID_TRANSITION', `nextState(): "${event}" is not allowed in state "${from}"`, { from, event });
  }
  return TRANSITIONS[event].to;
}

/** True while a person is (or will be) handling the conversation: the bot only relays. */
export function isWithPeople(state: HandoffState): boolean {
  return state === 'waiting' || state === 'staff' || state === 'callback';
}

/** States that have a place in the queue. */
export function isQueued(state: HandoffState): boolean {
  return state === 'waiting' || state === 'callback';
}
