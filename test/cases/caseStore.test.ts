import { MemoryCaseStore } from '../../src/cases/memoryCaseStore';
import { RedisCaseStore } from '../../src/cases/redisCaseStore';
import { RedisKeys } from '../../src/redisKeys';
import { useTestRedis } from '../helpers/testRedis';
import { caseStoreContract, sampleCase } from './caseStoreContract';

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

  it('names duplicate keys by an HMAC of the normalised value, never the value, and lets them expire', async () => {
    const { redis, keyPrefix } = testRedis();
    const keys = new RedisKeys(`${keyPrefix}dup:`, 'a-test-secret-of-at-least-32-characters!');
    const store = new RedisCaseStore(redis, keys, { duplicateTtlSeconds: 3600 });
    await store.create(sampleCase({ duplicateKey: '+32470123456', extraDuplicateKeys: ['Bruul 12, 2800 Mechelen'] }));
    const names = await redis.keys(`${keyPrefix}dup:*`);
    expect(names.join(' ')).not.toMatch(/470123456|bruul|mechelen/i);
    const dupNames = names.filter((n) => n.includes('casedup:'));
    expect(dupNames).toHaveLength(2);
    for (const name of dupNames) {
      expect(await redis.ttl(name)).toBeGreaterThan(3500);
      expect(await redis.get(name)).toBe('LAP-23456');
    }
    // The same value written differently (case, spaces) finds the same case.
    expect((await store.findByDuplicateKey('laptop-request', '  bruul 12,  2800 MECHELEN'))?.reference).toBe('LAP-23456');
    // Another secret gives other names: nobody can test guesses without it.
    expect(new RedisKeys('x:', 'another-secret-of-at-least-32-characters!!').caseDuplicate('k', 'v')).not.toBe(new RedisKeys('x:', 'a-test-secret-of-at-least-32-characters!').caseDuplicate('k', 'v'));
  });
});
