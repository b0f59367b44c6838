import { CaseService } from '../../src/cases/caseService';
import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { FixedClock } from '../fakes/fixedClock';
import { makeCase } from './followUpFixtures';

describe('CaseService.status with the partner directory ("status ZRG-…" in the bot)', () => {
  it('should give the owner the partner names of an assigned case, and nobody else anything', async () => {
    const store = new MemoryCaseStore();
    const record = makeCase({ status: 'assigned', partnerIds: ['arktos', 'gone'], ownerKey: 'test:owner' });
    await store.create(record);
    const names = new Map([['arktos', 'Arktos']]);
    const service = new CaseService(store, new FixedClock(), async (ids) => ids.flatMap((id) => (names.has(id) ? [names.get(id)!] : [])));
    expect(await service.status(record.reference, 'test:owner')).toEqual({ reference: record.reference, kind: 'pupil-concern', status: 'assigned', partners: ['Arktos'] });
    expect(await service.status(record.reference, 'test:someone-else')).toBeUndefined();
  });

  it('should name no partner without a directory', async () => {
    const store = new MemoryCaseStore();
    const record = makeCase({ status: 'assigned', partnerIds: ['arktos'], ownerKey: 'test:owner' });
    await store.create(record);
    expect((await new CaseService(store, new FixedClock()).status(record.reference, 'test:owner'))?.partners).toEqual([]);
  });
});
