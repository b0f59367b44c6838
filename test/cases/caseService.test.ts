import { CaseService, type CaseOrigin } from '../../src/cases/caseService';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { FixedClock } from '../fakes/fixedClock';

const origin = (user: string): CaseOrigin => ({
  ownerKey: `test:${user}`,
  conversationId: `conv-${user}`,
  channelId: 'test',
  locale: 'nl',
  conversationRef: { conversation: { id: `conv-${user}` } },
});

describe('CaseService', () => {
  const make = () => {
    const store = new MemoryCaseStore();
    return { store, service: new CaseService(store, new FixedClock()) };
  };

  it('creates a case with a reference of its kind, status new and the school year', async () => {
    const { store, service } = make();
    const result = await service.submit({ kind: 'laptop-request', data: { a: 1 }, origin: origin('a') });
    expect(result).toEqual({ reference: expect.stringMatching(/^LAP-[2-9A-HJ-NP-Z]{5}$/), duplicate: false });
    const stored = await store.get(result.reference);
    expect(stored).toMatchObject({ status: 'new', schoolYear: '2026-2027', ownerKey: 'test:a', locale: 'nl' });
    expect(stored?.history).toEqual([{ at: expect.any(String), by: 'bot', status: 'new' }]);
  });

  it('merges a second report with the same duplicate key into the open case, keeping a way to reach the reporter', async () => {
    const { store, service } = make();
    const first = await service.submit({ kind: 'pupil-concern', data: { x: 1 }, origin: origin('a'), duplicateKey: 'k' });
    const second = await service.submit({ kind: 'pupil-concern', data: { x: 2 }, origin: origin('b'), duplicateKey: 'k' });
    expect(second).toEqual({ reference: first.reference, duplicate: true, sameOwner: false });
    const stored = await store.get(first.reference);
    expect(stored?.linkedReports).toEqual([
      expect.objectContaining({ ownerKey: 'test:b', locale: 'nl', conversationRef: { conversation: { id: 'conv-b' } } }),
    ]);
    expect(await service.status(first.reference, 'test:b')).toMatchObject({ status: 'new' });
    expect(await service.status(first.reference, 'test:c')).toBeUndefined();
  });

  it('creates a new case once the earlier one is closed', async () => {
    const { store, service } = make();
    const first = await service.submit({ kind: 'laptop-request', data: {}, origin: origin('a'), duplicateKey: 'k' });
    const record = (await store.get(first.reference))!;
    await store.save({ ...record, status: 'closed' });
    const again = await service.submit({ kind: 'laptop-request', data: {}, origin: origin('a'), duplicateKey: 'k' });
    expect(again.duplicate).toBe(false);
    expect(again.reference).not.toBe(first.reference);
  });

  it('erases the personal data of an owner, in their own cases and where they were a second reporter', async () => {
    const { store, service } = make();
    const own = await service.submit({ kind: 'laptop-request', data: { phone: '+32470123456' }, origin: origin('b') });
    const other = await service.submit({ kind: 'pupil-concern', data: { x: 1 }, origin: origin('a'), duplicateKey: 'k' });
    await service.submit({ kind: 'pupil-concern', data: { reporterName: 'Sam' }, origin: origin('b'), duplicateKey: 'k' });
    expect(await service.erasePersonalData('test:b')).toBe(2);
    const erased = await store.get(own.reference);
    expect(erased).toMatchObject({ data: {}, ownerKey: 'erased', kind: 'laptop-request', status: 'new' });
    expect(erased?.conversationRef).toBeUndefined();
    expect(JSON.stringify(await store.get(other.reference))).not.toContain('Sam');
    expect(await service.status(own.reference, 'test:b')).toBeUndefined();
  });
});
