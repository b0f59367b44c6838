import { LaptopRequestSchema } from '../../dialogs/laptopRequest/laptopRequest.schema';
import { CallbackSchema } from '../../dialogs/callback/callbackForm';
import { CaseRecordSchema } from '../../src/cases/caseRecord';
import { RedisCaseStore } from '../../src/cases/redisCaseStore';
import { RedisKeys } from '../../src/redisKeys';
import { answer, laptopBot, PARENT_GIFT } from '../dialogs/laptopRequestFlow';
import { useTestRedis } from '../helpers/testRedis';

describe('form cases in Redis (integration)', () => {
  const testRedis = useTestRedis();

  it('a laptop request and a registration call-back land in Redis and are read back identical', async () => {
    const keys = new RedisKeys(testRedis().keyPrefix);
    const bot = await laptopBot({ locale: 'nl', caseStore: new RedisCaseStore(testRedis().redis, keys) });
    await answer(bot, PARENT_GIFT);
    const lap = /LAP-[0-9A-Z]{5}/.exec(await bot.sayText('ja'))![0];
    await answer(bot, ['1', '3', '4', 'Fatima', '0471 22 33 44', '4', '2']);
    const reg = /CBK-[0-9A-Z]{5}/.exec(await bot.sayText('ja'))![0];

    // A second store instance (another bot instance) reads what the first wrote.
    const reader = new RedisCaseStore(testRedis().redis, keys);
    for (const reference of [lap, reg]) {
      const raw = JSON.parse((await testRedis().redis.get(keys.case(reference)))!) as unknown;
      const record = await reader.get(reference);
      expect(record).toEqual(CaseRecordSchema.parse(raw));
      expect(record).toEqual(raw);
    }
    const laptop = (await reader.get(lap))!;
    expect(laptop).toMatchObject({ kind: 'laptop-request', locale: 'nl', channelId: 'test', status: 'new', createdAt: '2026-11-23T09:00:00.000Z' });
    expect(laptop.conversationRef).toMatchObject({ conversation: { id: 'conv-1' } });
    expect(LaptopRequestSchema.parse(laptop.data)).toEqual(laptop.data);
    const callback = (await reader.get(reg))!;
    expect(CallbackSchema.parse(callback.data)).toEqual({
      topic: 'registration-help',
      situation: 'secondary',
      name: 'Fatima',
      phone: '+32471223344',
      language: 'ar',
      // The second opening day offered: Tuesday 24 November, 09:00 Brussels.
      slot: '2026-11-24T08:00:00.000Z',
    });
    expect((await reader.listByOwner(laptop.ownerKey)).map((c) => c.reference).sort()).toEqual([lap, reg].sort());

    // The duplicate keys live in Redis too: a new bot on the same Redis finds the open request.
    const again = await laptopBot({ locale: 'en', caseStore: reader, conversationId: 'conv-9' });
    await answer(again, PARENT_GIFT);
    expect(await again.sayText('yes')).toContain(`There is already an open request for this family: ${lap}`);
    expect(await reader.list({ kind: 'laptop-request' })).toHaveLength(1);
  });
});
