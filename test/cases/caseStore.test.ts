import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { RedisCaseStore } from '../../src/cases/redisCaseStore';
import { RedisKeys } from '../../src/redisKeys';
import { useTestRedis } from '../helpers/testRedis';
import { caseStoreContract } from './caseStoreContract';

describe('MemoryCaseStore', () => {
  caseStoreContract(() => new MemoryCaseStore());
});

describe('RedisCaseStore (real Redis)', () => {
  const testRedis = useTestRedis();
  let run = 0;
  // A fresh key prefix per test gives each test an empty store on the one server.
  caseStoreContract(() => new RedisCaseStore(testRedis().redis, new RedisKeys(`${testRedis().keyPrefix}${(run += 1)}:`)));

  it('skips a stored value that does not match the schema instead of returning it', async () => {
    const keys = new RedisKeys(`${testRedis().keyPrefix}bad:`);
    await testRedis().redis.set(keys.case('LAP-23456'), JSON.stringify({ reference: 'LAP-23456', kind: 'nonsense' }));
    expect(await new RedisCaseStore(testRedis().redis, keys).get('LAP-23456')).toBeUndefined();
  });
});
