import type { CaseRecord } from '../../src/cases/caseRecord';
import type { CaseStore } from '../../src/cases/caseStore';

/** A valid case record with the given changes. */
export function sampleCase(changes: Partial<CaseRecord> = {}): CaseRecord {
  return {
    reference: 'LAP-23456',
    kind: 'laptop-request',
    status: 'new',
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:00:00.000Z',
    schoolYear: '2026-2027',
    locale: 'nl',
    channelId: 'test',
    ownerKey: 'test:user-1',
    conversationId: 'conv-1',
    conversationRef: { conversation: { id: 'conv-1' }, channelId: 'test' },
    data: { postcode: '2800', phone: '+32470123456' },
    linkedReports: [],
    history: [{ at: '2026-11-23T09:00:00.000Z', by: 'bot', status: 'new' }],
    notes: [],
    partnerIds: [],
    ...changes,
  };
}

/**
 * The behaviour every CaseStore must have; run against the memory and the Redis store.
 * `makeStore` gives an empty store for each test.
 */
export function caseStoreContract(makeStore: () => Promise<CaseStore> | CaseStore): void {
  it('creates a case and reads it back identical', async () => {
    const store = await makeStore();
    const record = sampleCase();
    expect(await store.create(record)).toBe(true);
    expect(await store.get(record.reference)).toEqual(record);
  });

  it('refuses a second case with the same reference and keeps the first', async () => {
    const store = await makeStore();
    await store.create(sampleCase());
    expect(await store.create(sampleCase({ data: { other: true } }))).toBe(false);
    expect((await store.get('LAP-23456'))?.data).toEqual({ postcode: '2800', phone: '+32470123456' });
  });

  it('returns undefined for an unknown reference', async () => {
    const store = await makeStore();
    expect(await store.get('LAP-99999')).toBeUndefined();
  });

  it('saves changes to an existing case', async () => {
    const store = await makeStore();
    await store.create(sampleCase());
    const changed = sampleCase({ status: 'screened', notes: [{ at: '2026-11-24T09:00:00.000Z', by: 'staff', text: 'ok' }] });
    await store.save(changed);
    expect(await store.get('LAP-23456')).toEqual(changed);
  });

  it('finds an open case by its duplicate key and by each extra key, per kind, until released', async () => {
    const store = await makeStore();
    await store.create(sampleCase({ duplicateKey: 'phone:+32470123456', extraDuplicateKeys: ['address:grote markt 12 2800'] }));
    expect((await store.findByDuplicateKey('laptop-request', 'phone:+32470123456'))?.reference).toBe('LAP-23456');
    expect((await store.findByDuplicateKey('laptop-request', 'address:grote markt 12 2800'))?.reference).toBe('LAP-23456');
    expect(await store.findByDuplicateKey('registration-help', 'phone:+32470123456')).toBeUndefined();
    expect(await store.findByDuplicateKey('laptop-request', 'phone:+32499999999')).toBeUndefined();
    await store.releaseDuplicateKey('laptop-request', 'phone:+32470123456');
    expect(await store.findByDuplicateKey('laptop-request', 'phone:+32470123456')).toBeUndefined();
  });

  it('lists the cases of one owner, and moves a case when its owner changes (erasure)', async () => {
    const store = await makeStore();
    await store.create(sampleCase());
    await store.create(sampleCase({ reference: 'REG-23456', kind: 'registration-help' }));
    await store.create(sampleCase({ reference: 'LAP-34567', ownerKey: 'test:user-2' }));
    const mine = await store.listByOwner('test:user-1');
    expect(mine.map((c) => c.reference).sort()).toEqual(['LAP-23456', 'REG-23456']);
    await store.save(sampleCase({ ownerKey: 'erased', data: {} }));
    expect((await store.listByOwner('test:user-1')).map((c) => c.reference)).toEqual(['REG-23456']);
    expect((await store.listByOwner('erased')).map((c) => c.reference)).toEqual(['LAP-23456']);
  });

  it('lists by creation time and filters by kind, status and school year', async () => {
    const store = await makeStore();
    await store.create(sampleCase({ reference: 'LAP-33333', createdAt: '2026-11-23T11:00:00.000Z' }));
    await store.create(sampleCase({ reference: 'LAP-22222', createdAt: '2026-11-23T10:00:00.000Z', status: 'screened' }));
    await store.create(sampleCase({ reference: 'REG-22222', kind: 'registration-help', createdAt: '2026-11-23T12:00:00.000Z' }));
    await store.create(sampleCase({ reference: 'LAP-44444', schoolYear: '2025-2026', createdAt: '2025-11-23T12:00:00.000Z' }));
    expect((await store.list()).map((c) => c.reference)).toEqual(['LAP-44444', 'LAP-22222', 'LAP-33333', 'REG-22222']);
    expect((await store.list({ kind: 'registration-help' })).map((c) => c.reference)).toEqual(['REG-22222']);
    expect((await store.list({ kind: 'laptop-request', status: 'new', schoolYear: '2026-2027' })).map((c) => c.reference)).toEqual(['LAP-33333']);
  });

  it('keeps stored records apart from the caller’s objects', async () => {
    const store = await makeStore();
    const record = sampleCase();
    await store.create(record);
    record.status = 'changed outside';
    const read = await store.get('LAP-23456');
    read!.data.postcode = '9999';
    expect(await store.get('LAP-23456')).toMatchObject({ status: 'new', data: { postcode: '2800' } });
  });

  it('lists only the cases that still hold personal fields, from its index', async () => {
    const store = await makeStore();
    await store.create(sampleCase({ reference: 'LAP-55555' }));
    await store.create(sampleCase({ reference: 'LAP-66666' }));
    await store.save(sampleCase({ reference: 'LAP-55555', data: {}, personalDataRemovedAt: '2026-12-01T09:00:00.000Z' }));
    expect((await store.listWithPersonalData()).map((c) => c.reference)).toEqual(['LAP-66666']);
  });
}
