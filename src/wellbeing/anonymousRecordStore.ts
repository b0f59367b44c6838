import { ANONYMOUS_RECORD_SCHEMAS, type AnonymousKind, type AnonymousRecordOf } from './anonymousRecord';

/**
 * Where anonymous records live (wellbeing check-ins the pupil agreed to keep). Not a case store:
 * a record has no owner, reference or conversation, so it can be neither followed up nor traced.
 */
export interface AnonymousRecordStore {
  /** Validates and appends one record; throws on a field the kind's schema does not allow. */
  append<K extends AnonymousKind>(kind: K, record: AnonymousRecordOf<K>): Promise<void>;
  /** Every record of a kind, oldest first, each parsed with its schema (invalid ones skipped). */
  list<K extends AnonymousKind>(kind: K): Promise<AnonymousRecordOf<K>[]>;
}

/** In-memory store: the embedded default without Redis, and the one tests use. */
export class MemoryAnonymousRecordStore implements AnonymousRecordStore {
  private readonly records = new Map<AnonymousKind, unknown[]>();

  async append<K extends AnonymousKind>(kind: K, record: AnonymousRecordOf<K>): Promise<void> {
    const valid = ANONYMOUS_RECORD_SCHEMAS[kind].parse(record);
    this.records.set(kind, [...(this.records.get(kind) ?? []), structuredClone(valid)]);
  }

  async list<K extends AnonymousKind>(kind: K): Promise<AnonymousRecordOf<K>[]> {
    return (this.records.get(kind) ?? []).map((r) => structuredClone(r) as AnonymousRecordOf<K>);
  }
}
