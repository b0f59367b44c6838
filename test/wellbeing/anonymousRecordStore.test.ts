import { randomBytes } from 'node:crypto';
import type { WellbeingCheckInRecord } from '../../src/wellbeing/anonymousRecord';
import { MemoryAnonymousRecordStore, type AnonymousRecordStore } from '../../src/wellbeing/anonymousRecordStore';
import { RedisAnonymousRecordStore } from '../../src/wellbeing/redisAnonymousRecordStore';
import { RedisKeys } from '../../src/redisKeys';
import { useTestRedis } from '../helpers/testRedis';

const RECORD: WellbeingCheckInRecord = {
  date: '2026-11-23',
  place: 'school',
  ageBand: '13to15',
  gender: 'girl',
  swemwbsAnswers: [3, 4, 3, 3, 4, 3, 3],
  happyAnswer: 4,
  raw: 23,
  metric: 20.73,
  language: 'nl',
};

/** One contract for both stores. */
function runContract(name: string, make: () => AnonymousRecordStore): void {
  describe(name, () => {
    it('should append and list records in order', async () => {
      const store = make();
      await store.append('wellbeing-checkin', RECORD);
      await store.append('wellbeing-checkin', { ...RECORD, gender: 'boy' });
      expect((await store.list('wellbeing-checkin')).map((r) => r.gender)).toEqual(['girl', 'boy']);
    });

    it.each([
      ['a name', { firstName: 'Lina' }],
      ['a phone number', { phone: '+32470123456' }],
      ['a conversation reference', { conversationRef: { conversation: { id: 'c1' } } }],
      ['an exact age', { age: 14 }],
      ['a free-text message', { message: 'ik ben Lina' }],
    ])('should refuse a record with %s', async (_what, extra) => {
      const store = make();
      await expect(store.append('wellbeing-checkin', { ...RECORD, ...extra } as WellbeingCheckInRecord)).rejects.toThrow();
      expect(await store.list('wellbeing-checkin')).toEqual([]);
    });

    it('should refuse an under-13 record and seven-answer gaps', async () => {
      const store = make();
      await expect(store.append('wellbeing-checkin', { ...RECORD, ageBand: 'under13' } as never)).rejects.toThrow();
      await expect(store.append('wellbeing-checkin', { ...RECORD, swemwbsAnswers: [3, 3] })).rejects.toThrow();
    });
  });
}

runContract('MemoryAnonymousRecordStore', () => new MemoryAnonymousRecordStore());

describe('RedisAnonymousRecordStore on a real Redis', () => {
  const testRedis = useTestRedis();
  const freshKeys = (): RedisKeys => new RedisKeys(`${testRedis().keyPrefix}${randomBytes(4).toString('hex')}:`);
  runContract('RedisAnonymousRecordStore', () => new RedisAnonymousRecordStore(testRedis().redis, freshKeys()));

  it('should keep the records under the anonymous key, without TTL, and skip corrupt entries on read', async () => {
    const { redis } = testRedis();
    const keys = freshKeys();
    const store = new RedisAnonymousRecordStore(redis, keys);
    await store.append('wellbeing-checkin', RECORD);
    await redis.rpush(keys.anonymous('wellbeing-checkin'), '{not json', JSON.stringify({ ...RECORD, phone: '0470' }));
    expect(await redis.ttl(keys.anonymous('wellbeing-checkin'))).toBe(-1);
    expect(await store.list('wellbeing-checkin')).toEqual([RECORD]);
  });
});
