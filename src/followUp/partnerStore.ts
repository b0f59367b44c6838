import { z } from 'zod';
import { WORRIES } from '../forms/worryCategories';
import { PartnerSchema, type Partner } from '../helplineData';

/** What partners can be called on for: the worry report's categories, plus laptops and registration help. */
export const OFFER_CATEGORIES = [...WORRIES, 'laptop', 'registration'] as const;

/** A partner as the console edits it: the data file's schema with a known offer list. */
export const PartnerInputSchema = PartnerSchema.extend({
  name: z.string().trim().min(1).max(120),
  offers: z.array(z.enum(OFFER_CATEGORIES)).max(OFFER_CATEGORIES.length),
  area: z.array(z.string().trim().min(1).max(60)).min(1).max(30),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20),
  contacts: z
    .array(z.object({ name: z.string().trim().min(1).max(80), phone: z.string().trim().min(6).max(30) }))
    .max(20)
    .default([]),
  source: z.string().trim().min(1).max(200).default('console'),
});
export type PartnerInput = z.infer<typeof PartnerInputSchema>;

/**
 * The partner directory. Two implementations (memory, Redis) with one contract test suite.
 * @remarks Seeded once from the data file: after that, the console owns the list, so an edit
 * made by a coordinator is never overwritten by a restart.
 */
export interface PartnerStore {
  list(): Promise<Partner[]>;
  get(id: string): Promise<Partner | undefined>;
  /** Creates; false when the id exists. */
  create(partner: Partner): Promise<boolean>;
  /** Replaces; false when the id does not exist. */
  update(partner: Partner): Promise<boolean>;
  /** Removes; false when the id does not exist. */
  remove(id: string): Promise<boolean>;
  /** Fills an empty, never-seeded directory with `seed`; true when it did. */
  seedOnce(seed: readonly Partner[]): Promise<boolean>;
}

/** The embedded directory: a Map, seeded on first use like the Redis one. */
export class MemoryPartnerStore implements PartnerStore {
  private readonly partners = new Map<string, Partner>();
  private seeded = false;

  async list(): Promise<Partner[]> {
    return sortByName([...this.partners.values()].map((p) => structuredClone(p)));
  }

  async get(id: string): Promise<Partner | undefined> {
    const found = this.partners.get(id);
    return found ? structuredClone(found) : undefined;
  }

  async create(partner: Partner): Promise<boolean> {
    if (this.partners.has(partner.id)) return false;
    this.partners.set(partner.id, PartnerSchema.parse(partner));
    return true;
  }

  async update(partner: Partner): Promise<boolean> {
    if (!this.partners.has(partner.id)) return false;
    this.partners.set(partner.id, PartnerSchema.parse(partner));
    return true;
  }

  async remove(id: string): Promise<boolean> {
    return this.partners.delete(id);
  }

  async seedOnce(seed: readonly Partner[]): Promise<boolean> {
    if (this.seeded) return false;
    this.seeded = true;
    for (const partner of seed) this.partners.set(partner.id, PartnerSchema.parse(partner));
    return true;
  }
}

/** Sorted by name, Dutch collation (what the console shows). */
export function sortByName(partners: Partner[]): Partner[] {
  return partners.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** A readable, unique-enough id from a name ("Deelbaar Mechelen" → "deelbaar-mechelen"). */
export function partnerIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return slug || 'partner';
}
