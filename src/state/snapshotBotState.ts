import { ConversationState, UserState, type BotState, type Storage, type TurnContext } from 'botbuilder';
import { getTurnGuard, isGuardedStorage, type TurnGuard } from './turnGuard';

/** What BotState keeps in `turnState` under its (private) state key; `clear()` writes it too. */
interface CachedState {
  state: Record<string, unknown>;
  /** Here: the JSON of the state as last read or written (the SDK keeps a SHA-256 of it). */
  hash: string;
}

/** What a state document looks like in storage, without its eTag: equal text means nothing changed. */
function snapshot(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/** The members of BotState that its subclasses see at run time, one of them private in its typings. */
interface BotStateInternals {
  storage: Storage;
  storageKey: (context: TurnContext) => Promise<string> | string;
  stateKey: symbol;
}

const READ_ETAGS = Symbol('readETags');

/** The eTag each storage key had when this turn read it (undefined = it was missing). */
function readETags(context: TurnContext): Map<string, string | undefined> {
  let map = context.turnState.get(READ_ETAGS) as Map<string, string | undefined> | undefined;
  if (!map) {
    map = new Map();
    context.turnState.set(READ_ETAGS, map);
  }
  return map;
}

/** BotState.load with the snapshot change check (see SnapshotConversationState). */
async function load(self: BotState, context: TurnContext, force: boolean): Promise<Record<string, unknown>> {
  const { storage, storageKey, stateKey } = self as unknown as BotStateInternals;
  const cached = context.turnState.get(stateKey) as CachedState | undefined;
  if (!force && cached?.state) return cached.state;
  const key = await storageKey(context);
  const items = await storage.read([key]);
  const state = (items[key] as Record<string, unknown> | undefined) ?? {};
  readETags(context).set(key, typeof state.eTag === 'string' ? state.eTag : undefined);
  context.turnState.set(stateKey, { state, hash: snapshot(state) } satisfies CachedState);
  return state;
}

/**
 * BotState.saveChanges with the snapshot change check (see SnapshotConversationState).
 * @remarks Unlike the SDK (eTag '*', last writer wins), the write is a compare-and-set against
 * the eTag the turn read: on a storage that supports it (Redis) through `writeGuarded`, which
 * also presents the turn's guard (fencing token, handled activity) when `guard` is given; on
 * MemoryStorage through its own eTag check. The new eTag is kept, so a second save in the same
 * turn is still a compare-and-set.
 */
async function saveChanges(self: BotState, context: TurnContext, force: boolean, guard?: TurnGuard): Promise<void> {
  const { storage, storageKey, stateKey } = self as unknown as BotStateInternals;
  let cached = context.turnState.get(stateKey) as CachedState | undefined;
  const current = cached ? snapshot(cached.state) : undefined;
  if (!force && (cached === undefined || cached.hash === current)) return;
  const key = await storageKey(context);
  cached ??= { state: {}, hash: '' };
  // `clear()` replaces the state object, eTag and all: the write still compares with the read.
  if (cached.state.eTag === undefined && readETags(context).has(key)) cached.state.eTag = readETags(context).get(key);
  if (isGuardedStorage(storage)) {
    cached.state.eTag = await storage.writeGuarded(key, cached.state, guard);
  } else {
    await storage.write({ [key]: cached.state });
    // MemoryStorage does not tell the new eTag: one instance, ordered by the in-process lock.
    cached.state.eTag = '*';
  }
  cached.hash = current ?? snapshot(cached.state);
  context.turnState.set(stateKey, cached);
}

/**
 * ConversationState whose `load` and `saveChanges` (botbuilder 4.23's) use a cheaper change check.
 * @remarks The SDK hashes the state three times a turn (after reading, before saving, after
 * writing), each time through a JSON.stringify with a replacer function and SHA-256: about a
 * twentieth of a turn in the benchmark's CPU profile. Keeping the plain JSON text as the
 * snapshot gives the same answer (state documents are JSON, so they hold no cycles) at a
 * fraction of the cost. The cached entry keeps the SDK's shape, so `clear`, `delete`, `get` and
 * the property accessors work unchanged; botbuilder is pinned, and the tests pin the behaviour.
 */
export class SnapshotConversationState extends ConversationState {
  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return load(this, context, force);
  }

  /** Only the conversation's document carries the turn's guard: it shares the lock's hash slot. */
  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveChanges(this, context, force, getTurnGuard(context));
  }
}

/** UserState with the snapshot change check (see SnapshotConversationState). */
export class SnapshotUserState extends UserState {
  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return load(this, context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveChanges(this, context, force);
  }
}
