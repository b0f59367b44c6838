import { randomBytes } from 'node:crypto';
import { PartnerSchema } from '../../src/helplineData';
import { MemoryPartnerStore, OFFER_CATEGORIES, partnerIdFromName, PartnerInputSchema, type PartnerStore } from '../../src/followUp/partnerStore';
import { RedisPartnerStore } from '../../src/followUp/redisPartnerStore';
import { RedisKeys } from '../../src/redisKeys';
import { realData } from '../helpers/testDeps';
import { useTestRedis } from '../helpers/testRedis';
import { makePartner } from './followUpFixtures';

const A = makePartner({ id: 'arktos', name: 'Arktos', kind: 'naft', offers: ['wellbeing'] });
const B = makePartner({ id: 'buddy', name: 'Buddy' });

/** One contract for both directories. */
function runContract(name: string, make: () => PartnerStore): void {
  describe(name, () => {
    it('should seed once only, so a coordinator edit survives a restart', async () => {
      const store = make();
      expect(await store.seedOnce([A, B])).toBe(true);
      expect(await store.update({ ...A, name: 'Arktos vzw' })).toBe(true);
      expect(await store.seedOnce([A, B])).toBe(false);
      expect((await store.get('arktos'))?.name).toBe('Arktos vzw');
      expect((await store.list()).map((p) => p.id)).toEqual(['arktos', 'buddy']);
    });

    it('should create, refuse a duplicate id, update only existing, and remove', async () => {
      const store = make();
      await store.seedOnce([]);
      expect(await store.create(B)).toBe(true);
      expect(await store.create(B)).toBe(false);
      expect(await store.update(A)).toBe(false);
      expect(await store.remove('buddy')).toBe(true);
      expect(await store.remove('buddy')).toBe(false);
      expect(await store.list()).toEqual([]);
    });

    it('should refuse an invalid partner', async () => {
      const store = make();
      await expect(store.create({ ...A, id: 'Not An Id' })).rejects.toThrow();
    });
  });
}

runContract('MemoryPartnerStore', () => new MemoryPartnerStore());

describe('RedisPartnerStore on a real Redis', () => {
  const testRedis = useTestRedis();
  const freshKeys = (): RedisKeys => new RedisKeys(`${testRedis().keyPrefix}${randomBytes(4).toString('hex')}:`);
  runContract('RedisPartnerStore', () => new RedisPartnerStore(testRedis().redis, freshKeys()));

  it('should seed exactly once when several instances start together, and skip corrupt entries', async () => {
    const keys = freshKeys();
    const stores = [1, 2, 3].map(() => new RedisPartnerStore(testRedis().redis, keys));
    const seeded = await Promise.all(stores.map((s) => s.seedOnce([A, B])));
    expect(seeded.filter(Boolean)).toHaveLength(1);
    await testRedis().redis.hset(keys.console('partners'), 'broken', '{nope');
    expect((await stores[1]!.list()).map((p) => p.id)).toEqual(['arktos', 'buddy']);
  });
});

describe('the partner seed in data/helpline.json', () => {
  const partners = realData().partners;

  it('should hold the organisations of seeds 001 and 004 with offers from the known list', () => {
    const names = partners.map((p) => p.name);
    for (const name of ['Arktos', 'PrOS', 'Profo', 'JAC', 'ROJM', 'J@M', 'Samenlevingsopbouw', 'Dagcentrum Bohets', 'Buddy', 'Deelbaar Mechelen', 'Ecoso']) {
      expect(names).toContain(name);
    }
    for (const partner of partners) {
      expect(PartnerSchema.parse(partner)).toEqual(partner);
      for (const offer of partner.offers) expect(OFFER_CATEGORIES).toContain(offer);
      expect(PartnerInputSchema.safeParse(partner).success).toBe(true);
    }
    expect(partners.filter((p) => p.kind === 'naft').map((p) => p.id).sort()).toEqual(['arktos', 'profo', 'pros']);
  });

  it('should invent no contact persons or phone numbers', () => {
    expect(partners.flatMap((p) => p.contacts)).toEqual([]);
  });

  it('should make readable ids from names', () => {
    expect(partnerIdFromName('Deelbaar Mechelen')).toBe('deelbaar-mechelen');
    expect(partnerIdFromName('J@M')).toBe('j-m');
    expect(partnerIdFromName('Één Ploeg!')).toBe('een-ploeg');
  });
});
