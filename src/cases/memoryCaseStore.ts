import { CaseRecordSchema, type CaseRecord } from './caseRecord';
import type { CaseFilter, CaseStore } from './caseStore';

/** In-memory case store: the embedded default when no Redis is configured. */
export class MemoryCaseStore implements CaseStore {
  private readonly cases = new Map<string, CaseRecord>();
  private readonly duplicates = new Map<string, string>();

  async create(record: CaseRecord): Promise<boolean> {
    if (this.cases.has(record.reference)) return false;
    this.cases.set(record.reference, structuredClone(CaseRecordSchema.parse(record)));
    for (const key of [record.duplicateKey, ...(record.extraDuplicateKeys ?? [])]) {
      if (key) this.duplicates.set(`${record.kind}:${key}`, record.reference);
    }
    return true;
  }

  async get(reference: string): Promise<CaseRecord | undefined> {
    const found = this.cases.get(reference);
    return found ? structuredClone(found) : undefined;
  }

  async save(record: CaseRecord): Promise<void> {
    this.cases.set(record.reference, structuredClone(CaseRecordSchema.parse(record)));
  }

  async findByDuplicateKey(kind: string, duplicateKey: string): Promise<CaseRecord | undefined> {
    const reference = this.duplicates.get(`${kind}:${duplicateKey}`);
    return reference ? this.get(reference) : undefined;
  }

  async releaseDuplicateKey(kind: string, duplicateKey: string): Promise<void> {
    this.duplicates.delete(`${kind}:${duplicateKey}`);
  }

  async listByOwner(ownerKey: string): Promise<CaseRecord[]> {
    return [...this.cases.values()].filter((c) => c.ownerKey === ownerKey).map((c) => structuredClone(c));
  }

  async listWithPersonalData(): Promise<CaseRecord[]> {
    return [...this.cases.values()].filter((c) => !c.personalDataRemovedAt).map((c) => structuredClone(c));
  }

  async list(filter: CaseFilter = {}): Promise<CaseRecord[]> {
    return [...this.cases.values()]
      .filter(
        (c) =>
          (!filter.kind || c.kind === filter.kind) &&
          (!filter.status || c.status === filter.status) &&
          (!filter.schoolYear || c.schoolYear === filter.schoolYear),
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((c) => structuredClone(c));
  }
}
