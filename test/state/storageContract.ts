import type { Storage } from 'botbuilder';

/** What a contract run needs per test: a fresh, empty storage and a way to dispose of it. */
export interface StorageUnderTest {
  storage: Storage;
  cleanup: () => Promise<void>;
}

/** A stored document as the tests see it; botbuilder types its values as `any`. */
export interface Doc {
  eTag?: string;
  [field: string]: unknown;
}

/** `expect.any(String)` typed as `unknown`, so object literals with it stay type-safe. */
export const AN_ETAG: unknown = expect.any(String);

/** `storage.read` with botbuilder's `any` values narrowed once, here. */
export async function readDocs(storage: Storage, keys: string[]): Promise<Record<string, Doc>> {
  const items: Record<string, Doc> = await storage.read(keys);
  return items;
}

/** Reads one document that must exist. */
export async function readDoc(storage: Storage, key: string): Promise<Doc> {
  const doc = (await readDocs(storage, [key]))[key];
  if (!doc) throw new Error(`readDoc(): "${key}" is missing`);
  return doc;
}

/**
 * The behaviour every botbuilder `Storage` of this bot must share, with `MemoryStorage` as the
 * reference: the Redis implementation passes exactly the same cases.
 */
export function runStorageContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Storage contract: ${name}`, () => {
    let subject: StorageUnderTest | undefined;
    const storage = (): Storage => {
      if (!subject) throw new Error('runStorageContract(): storage used outside a test');
      return subject.storage;
    };
    const one = (key: string): Promise<Doc> => readDoc(storage(), key);
    const many = (keys: string[]): Promise<Record<string, Doc>> => readDocs(storage(), keys);

    beforeEach(async () => {
      subject = await makeStorage();
    });
    afterEach(async () => {
      await subject?.cleanup();
      subject = undefined;
    });

    it('should return {} without the keys when they are missing', async () => {
      await expect(storage().read(['missing/a', 'missing/b'])).resolves.toEqual({});
    });

    it('should return a written value with an eTag', async () => {
      await storage().write({ k: { count: 1 } });
      expect(await one('k')).toEqual({ count: 1, eTag: AN_ETAG });
    });

    it('should not change the item passed to write', async () => {
      const item = { count: 1, eTag: '*' };
      await storage().write({ k: item });
      expect(item).toEqual({ count: 1, eTag: '*' });
    });

    it('should accept a write with the current eTag and give it a new eTag', async () => {
      await storage().write({ k: { count: 1 } });
      const first = await one('k');
      await storage().write({ k: { ...first, count: 2 } });
      const second = await one('k');
      expect(second.count).toBe(2);
      expect(second.eTag).toEqual(AN_ETAG);
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('should reject a write with a stale eTag and keep the stored value', async () => {
      await storage().write({ k: { count: 1 } });
      const stale = await one('k');
      await storage().write({ k: { ...stale, count: 2 } });
      await expect(storage().write({ k: { ...stale, count: 3 } })).rejects.toThrow(
        'Storage: error writing "k" due to eTag conflict.',
      );
      expect((await one('k')).count).toBe(2);
    });

    it("should overwrite whatever is stored when the eTag is '*' or missing", async () => {
      await storage().write({ k: { count: 1 } });
      await storage().write({ k: { count: 2, eTag: '*' } });
      expect((await one('k')).count).toBe(2);
      await storage().write({ k: { count: 3 } });
      expect((await one('k')).count).toBe(3);
    });

    it('should create a missing key even when the write carries an eTag', async () => {
      await storage().write({ fresh: { count: 1, eTag: 'some-old-etag' } });
      const item = await one('fresh');
      expect(item.count).toBe(1);
      expect(item.eTag).not.toBe('some-old-etag');
    });

    it('should still write the other keys of a batch when one conflicts', async () => {
      await storage().write({ a: { v: 1 } });
      const stale = await one('a');
      await storage().write({ a: { v: 2 } });
      await expect(storage().write({ a: { ...stale, v: 3 }, b: { v: 1 } })).rejects.toThrow(
        'Storage: error writing "a" due to eTag conflict.',
      );
      const items = await many(['a', 'b']);
      expect(items.a?.v).toBe(2);
      expect(items.b?.v).toBe(1);
    });

    it('should let exactly one of several concurrent writes with the same eTag win', async () => {
      await storage().write({ k: { winner: -1 } });
      const base = await one('k');
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => storage().write({ k: { ...base, winner: i } })),
      );
      const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      expect((await one('k')).winner).toBe(won[0]);
    });

    it('should remove deleted keys', async () => {
      await storage().write({ a: { v: 1 }, b: { v: 2 } });
      await storage().delete(['a', 'b']);
      await expect(storage().read(['a', 'b'])).resolves.toEqual({});
    });

    it('should accept a delete of a missing key', async () => {
      await expect(storage().delete(['never-written'])).resolves.toBeUndefined();
    });

    it('should round-trip nested objects and arrays', async () => {
      const document = {
        dialogState: { dialogStack: [{ id: 'main', state: { options: {}, values: { n: 1 } } }] },
        profile: { locale: 'nl-BE', answers: ['a', 'b'], flags: { urgent: false, note: null } },
        unicode: 'Ĳsje, Заява, مرحبا 👋',
      };
      await storage().write({ doc: document });
      expect(await one('doc')).toEqual({
        ...document,
        eTag: AN_ETAG,
      });
    });

    it('should read and write several keys in one call', async () => {
      await storage().write({ a: { v: 'a' }, b: { v: 'b' }, c: { v: 'c' } });
      const items = await many(['a', 'missing', 'c', 'b']);
      expect(Object.keys(items).sort()).toEqual(['a', 'b', 'c']);
      expect([items.a?.v, items.b?.v, items.c?.v]).toEqual(['a', 'b', 'c']);
    });

    it('should return copies, so changing a read result changes nothing stored', async () => {
      await storage().write({ k: { nested: { v: 1 } } });
      const first = await one('k');
      (first.nested as { v: number }).v = 99;
      expect(await one('k')).toEqual({ nested: { v: 1 }, eTag: AN_ETAG });
    });
  });
}
