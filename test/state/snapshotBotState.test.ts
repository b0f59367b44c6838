import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { SnapshotConversationState, SnapshotUserState } from '../../src/state/snapshotBotState';

/** MemoryStorage that counts writes, so a test sees whether a save reached the store. */
class CountingStorage extends MemoryStorage {
  writes: StoreItems[] = [];

  override async write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    await super.write(changes);
  }
}

function turnContext(conversationId = 'c1'): TurnContext {
  const adapter = new TestAdapter();
  return new TurnContext(adapter, {
    type: 'message',
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'u1', name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    text: 'hi',
  });
}

describe('SnapshotConversationState', () => {
  it('should write nothing when a turn reads state without changing it', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const accessor = state.createProperty<{ step: number }>('form');
    const context = turnContext();
    await accessor.get(context);
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(0);
  });

  it('should write once when a value changes, and keep it for the next turn', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const accessor = state.createProperty<{ step: number }>('form');
    const first = turnContext();
    await accessor.set(first, { step: 1 });
    await state.saveChanges(first);
    await state.saveChanges(first);
    expect(storage.writes).toHaveLength(1);

    const second = turnContext();
    await expect(accessor.get(second)).resolves.toEqual({ step: 1 });
    (await accessor.get(second))!.step = 2;
    await state.saveChanges(second);
    expect(storage.writes).toHaveLength(2);
    await expect(accessor.get(turnContext())).resolves.toEqual({ step: 2 });
  });

  it('should notice a change deep inside the state (a dialog stack entry)', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const accessor = state.createProperty<{ stack: { id: string; values: string[] }[] }>('dialogState');
    const first = turnContext();
    await accessor.set(first, { stack: [{ id: 'ask', values: [] }] });
    await state.saveChanges(first);

    const second = turnContext();
    (await accessor.get(second))!.stack[0]!.values.push('2800');
    await state.saveChanges(second);
    expect(storage.writes).toHaveLength(2);
    await expect(accessor.get(turnContext())).resolves.toEqual({ stack: [{ id: 'ask', values: ['2800'] }] });
  });

  it('should ignore the eTag when deciding whether the state changed', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const accessor = state.createProperty<number>('count');
    const first = turnContext();
    await accessor.set(first, 1);
    await state.saveChanges(first);

    const second = turnContext();
    await accessor.get(second); // read back with the eTag MemoryStorage gave it
    await state.saveChanges(second);
    expect(storage.writes).toHaveLength(1);
  });

  it('should save after clear() and on force, like the SDK', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const accessor = state.createProperty<number>('count');
    const context = turnContext();
    await accessor.set(context, 1);
    await state.saveChanges(context);

    const next = turnContext();
    await state.load(next);
    await state.clear(next);
    await state.saveChanges(next);
    expect(storage.writes).toHaveLength(2);
    await expect(accessor.get(turnContext())).resolves.toBeUndefined();

    const forced = turnContext();
    await state.load(forced);
    await state.saveChanges(forced, true);
    expect(storage.writes).toHaveLength(3);
  });

  it('should read again from storage when load is forced', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const accessor = state.createProperty<number>('count');
    const reader = turnContext();
    await expect(accessor.get(reader)).resolves.toBeUndefined();

    const writer = turnContext();
    await accessor.set(writer, 7);
    await state.saveChanges(writer);

    await expect(accessor.get(reader)).resolves.toBeUndefined(); // cached for the turn
    await state.load(reader, true);
    await expect(accessor.get(reader)).resolves.toBe(7);
  });
});

describe('SnapshotUserState', () => {
  it('should keep user state per user, across conversations', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotUserState(storage);
    const accessor = state.createProperty<string>('locale');
    const first = turnContext('c1');
    await accessor.set(first, 'fr');
    await state.saveChanges(first);
    await expect(accessor.get(turnContext('c2'))).resolves.toBe('fr');
    expect(storage.writes).toHaveLength(1);
  });
});
