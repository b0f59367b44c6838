import type { CaseRecord } from '../../src/cases/caseRecord';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { silentLogger } from '../../src/logger';
import { RetentionJob, type Scheduler } from '../../src/privacy/retentionJob';
import { FixedClock } from '../fakes/fixedClock';

const DAY = 24 * 60 * 60 * 1000;

/** A scheduler the test fires by hand: "a day passed". */
class ManualScheduler implements Scheduler {
  readonly tasks: { intervalMs: number; task: () => void }[] = [];
  every(intervalMs: number, task: () => void): { cancel(): void } {
    const entry = { intervalMs, task };
    this.tasks.push(entry);
    return { cancel: () => this.tasks.splice(this.tasks.indexOf(entry), 1) };
  }
  fire(): void {
    this.tasks.forEach((t) => t.task());
  }
}

function caseRecord(reference: string, status: string, closedOn: string | undefined, createdAt = '2025-01-10T09:00:00.000Z'): CaseRecord {
  const history = [{ at: createdAt, by: 'bot', status: 'new' }];
  if (closedOn) history.push({ at: closedOn, by: 'agent-1', status, note: 'Called Mrs Janssens back on 0470 12 34 56' } as never);
  return {
    reference,
    kind: 'laptop-request',
    status,
    createdAt,
    updatedAt: closedOn ?? createdAt,
    schoolYear: '2024-2025',
    locale: 'nl',
    channelId: 'test',
    ownerKey: 'test:user-1',
    conversationId: 'conv-1',
    conversationRef: { conversation: { id: 'conv-1' } },
    data: { name: 'Fatima Janssens', phone: '+32470123456', postcode: '2800' },
    duplicateKey: `phone:+32470123456:${reference}`,
    linkedReports: [{ at: createdAt, ownerKey: 'test:user-2', data: { name: 'Other Parent' } }],
    history,
    notes: [{ at: createdAt, by: 'agent-1', text: 'Lives in Nekkerspoel, two children' }],
    partnerIds: ['digibank'],
  };
}

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i += 1) await new Promise((r) => setTimeout(r, 5));
}

describe('RetentionJob', () => {
  const closedCaseDays = 365;
  let store: MemoryCaseStore;
  let clock: FixedClock;

  beforeEach(async () => {
    store = new MemoryCaseStore();
    clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    await store.create(caseRecord('LAP-22222', 'closed', new Date(clock.now().getTime() - 400 * DAY).toISOString()));
    await store.create(caseRecord('LAP-33333', 'closed', new Date(clock.now().getTime() - 100 * DAY).toISOString()));
    await store.create(caseRecord('LAP-44444', 'in-progress', undefined, '2024-01-01T09:00:00.000Z'));
  });

  it('strips closed cases older than closedCaseDays on start, keeps the rest and the counts', async () => {
    const scheduler = new ManualScheduler();
    const job = new RetentionJob(store, clock, { closedCaseDays }, silentLogger);
    job.start(scheduler);
    await waitUntil(async () => (await store.get('LAP-22222'))?.personalDataRemovedAt !== undefined);

    const old = (await store.get('LAP-22222'))!;
    expect(old.data).toEqual({});
    expect(old.ownerKey).toBe('erased');
    expect(old.conversationRef).toBeUndefined();
    expect(old.duplicateKey).toBeUndefined();
    expect(old.linkedReports).toEqual([]);
    expect(JSON.stringify(old)).not.toMatch(/Janssens|0470|32470|Nekkerspoel|Other Parent/);
    // The anonymous facts stay: kind, status, dates, school year, partners.
    expect(old).toMatchObject({ kind: 'laptop-request', status: 'closed', schoolYear: '2024-2025', partnerIds: ['digibank'] });
    expect(await store.findByDuplicateKey('laptop-request', 'phone:+32470123456:LAP-22222')).toBeUndefined();

    expect((await store.get('LAP-33333'))!.data).toMatchObject({ name: 'Fatima Janssens' });
    expect((await store.get('LAP-44444'))!.data).toMatchObject({ name: 'Fatima Janssens' });
    expect(await store.list()).toHaveLength(3);
    expect(scheduler.tasks).toEqual([expect.objectContaining({ intervalMs: DAY })]);
  });

  it('runs daily: a case whose time comes later is stripped by a later run', async () => {
    const scheduler = new ManualScheduler();
    const job = new RetentionJob(store, clock, { closedCaseDays }, silentLogger);
    const handle = job.start(scheduler);
    await waitUntil(async () => (await store.get('LAP-22222'))?.personalDataRemovedAt !== undefined);

    clock.advance(266 * DAY);
    scheduler.fire();
    await waitUntil(async () => (await store.get('LAP-33333'))?.personalDataRemovedAt !== undefined);
    expect((await store.get('LAP-33333'))!.data).toEqual({});
    expect((await store.get('LAP-44444'))!.data).toMatchObject({ name: 'Fatima Janssens' });

    handle.stop();
    expect(scheduler.tasks).toEqual([]);
  });

  it('is idempotent: a second run strips nothing more', async () => {
    const job = new RetentionJob(store, clock, { closedCaseDays }, silentLogger);
    expect(await job.runOnce()).toBe(1);
    expect(await job.runOnce()).toBe(0);
  });

  it('logs a failed run instead of throwing, and tries again next time', async () => {
    const errors: string[] = [];
    const failing = { ...store, list: () => Promise.reject(new Error('redis down')) } as unknown as MemoryCaseStore;
    const job = new RetentionJob(failing, clock, { closedCaseDays }, { ...silentLogger, error: (_o, msg) => errors.push(msg) });
    const scheduler = new ManualScheduler();
    job.start(scheduler);
    scheduler.fire();
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toEqual(['retention run failed', 'retention run failed']);
  });
});
