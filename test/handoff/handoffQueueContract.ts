import type { HandoffQueue, ItemFields } from '../../src/handoff/handoffQueue';

/** Fields of a freshly queued chat item. */
export function queuedFields(overrides: Partial<ItemFields> = {}): Partial<ItemFields> {
  return {
    topic: 'general',
    team: 'cmp',
    language: 'nl',
    priority: 'normal',
    reason: 'asked',
    kind: 'chat',
    queuedAt: '2026-11-23T09:00:00.000Z',
    formData: {},
    preview: '',
    ...overrides,
  };
}

/** The behaviour every HandoffQueue must have; run against memory and Redis. */
export function handoffQueueContract(name: string, make: () => Promise<HandoffQueue>): void {
  describe(`HandoffQueue contract: ${name}`, () => {
    let queue: HandoffQueue;
    beforeEach(async () => {
      queue = await make();
    });

    it('should forget a conversation entirely ("erase my data"), also out of the queue', async () => {
      await queue.transition('gone', 'enqueue', { patch: queuedFields() });
      await queue.appendTranscript('gone', [{ at: 'now', from: 'user', text: 'mijn gsm is 0470123456' }]);
      await queue.appendRecent('gone', [{ at: 'now', from: 'bot', text: 'x' }]);
      await queue.forget('gone');
      await expect(queue.get('gone')).resolves.toBeUndefined();
      await expect(queue.position('gone')).resolves.toBeUndefined();
      await expect(queue.transcript('gone')).resolves.toEqual([]);
      await expect(queue.takeRecent('gone')).resolves.toEqual([]);
    });

    it('should know nothing of a new conversation', async () => {
      await expect(queue.get('none')).resolves.toBeUndefined();
      await expect(queue.position('none')).resolves.toBeUndefined();
    });

    it('should order by priority, then by time queued', async () => {
      await queue.transition('a', 'enqueue', { patch: queuedFields({ queuedAt: '2026-11-23T09:00:00.000Z' }) });
      await queue.transition('b', 'enqueue', { patch: queuedFields({ queuedAt: '2026-11-23T09:01:00.000Z', priority: 'urgent' }) });
      await queue.transition('c', 'enqueue', { patch: queuedFields({ queuedAt: '2026-11-23T09:02:00.000Z', priority: 'crisis' }) });
      await queue.transition('d', 'enqueue', { patch: queuedFields({ queuedAt: '2026-11-23T08:59:00.000Z' }) });
      expect((await queue.list()).map((i) => i.id)).toEqual(['c', 'b', 'd', 'a']);
      await expect(queue.position('c')).resolves.toBe(0);
      await expect(queue.position('a')).resolves.toBe(3);
      const item = await queue.get('c');
      expect(item).toMatchObject({ id: 'c', state: 'waiting', priority: 'crisis', topic: 'general', formData: {} });
    });

    it('should let exactly one of many simultaneous claims win', async () => {
      await queue.transition('x', 'enqueue', { patch: queuedFields() });
      const staff = ['ann', 'bert', 'chris', 'dina', 'eva', 'fien', 'gert', 'hanne'];
      const results = await Promise.all(staff.map((s) => queue.transition('x', 'claim', { assignee: s })));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const item = await queue.get('x');
      expect(item?.state).toBe('staff');
      expect(staff).toContain(item?.assignee);
      for (const lost of results.filter((r) => !r.ok)) expect(lost).toMatchObject({ state: 'staff', assignee: item?.assignee });
      await expect(queue.position('x')).resolves.toBeUndefined();
      expect((await queue.active()).map((i) => i.id)).toEqual(['x']);
    });

    it('should let only the assignee release, and back to the queue at the old place', async () => {
      await queue.transition('y', 'enqueue', { patch: queuedFields({ queuedAt: '2026-11-23T08:00:00.000Z' }) });
      await queue.transition('z', 'enqueue', { patch: queuedFields({ queuedAt: '2026-11-23T08:30:00.000Z' }) });
      await queue.transition('y', 'claim', { assignee: 'ann' });
      await expect(queue.transition('y', 'release', { expectAssignee: 'bert' })).resolves.toMatchObject({ ok: false });
      await expect(queue.transition('y', 'transferToQueue', { expectAssignee: 'ann', assignee: null })).resolves.toMatchObject({ ok: true });
      expect((await queue.list()).map((i) => i.id)).toEqual(['y', 'z']);
      expect((await queue.get('y'))?.assignee).toBeUndefined();
      await queue.transition('y', 'claim', { assignee: 'bert' });
      await expect(queue.transition('y', 'release', { expectAssignee: 'bert', assignee: null })).resolves.toEqual({ ok: true, previous: 'staff' });
      expect(await queue.get('y')).toMatchObject({ state: 'bot' });
      await expect(queue.transition('y', 'claim', { assignee: 'ann' })).resolves.toMatchObject({ ok: false, state: 'bot' });
    });

    it('should close with an outcome and allow a new request later', async () => {
      await queue.transition('w', 'enqueue', { patch: queuedFields() });
      await queue.transition('w', 'claim', { assignee: 'ann' });
      await queue.transition('w', 'close', { patch: { outcome: 'solved', surveyPending: true } });
      expect(await queue.get('w')).toMatchObject({ state: 'closed', outcome: 'solved', surveyPending: true });
      await expect(queue.transition('w', 'enqueue', { patch: queuedFields({ outcome: null }) })).resolves.toMatchObject({ ok: true });
    });

    it('should keep fields set by update without changing the state', async () => {
      await queue.update('v', { draft: { step: 'phone', invalid: 0 } });
      expect(await queue.get('v')).toMatchObject({ state: 'bot', draft: { step: 'phone' } });
      await queue.transition('v', 'requestCallback', { patch: queuedFields({ kind: 'callback', callback: { phone: '+32470000000', moment: 'morning' }, draft: null }) });
      expect(await queue.get('v')).toMatchObject({ state: 'callback', draft: null, callback: { moment: 'morning' } });
      await expect(queue.position('v')).resolves.toBe(0);
    });

    it('should append and read transcripts, and hand over the recent lines once', async () => {
      const at = '2026-11-23T09:00:00.000Z';
      await queue.appendRecent('t', [{ at, from: 'user', text: 'hallo' }, { at, from: 'bot', text: 'menu' }]);
      expect((await queue.takeRecent('t')).map((e) => e.text)).toEqual(['hallo', 'menu']);
      await expect(queue.takeRecent('t')).resolves.toEqual([]);
      await queue.appendTranscript('t', [{ at, from: 'user', text: 'a' }]);
      await queue.appendTranscript('t', [{ at, from: 'staff', text: 'b', staff: 'ann' }]);
      expect(await queue.transcript('t')).toEqual([
        { at, from: 'user', text: 'a' },
        { at, from: 'staff', text: 'b', staff: 'ann' },
      ]);
    });

    it('should keep the most recent waits, newest first', async () => {
      for (let i = 1; i <= 12; i += 1) await queue.recordWait(i * 1000);
      const waits = await queue.recentWaits();
      expect(waits).toHaveLength(10);
      expect(waits[0]).toBe(12000);
    });
  });
}
