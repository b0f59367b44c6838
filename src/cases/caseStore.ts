import type { CaseRecord } from './caseRecord';

/** Filter for listing cases in the console. */
export interface CaseFilter {
  kind?: string;
  status?: string;
  schoolYear?: string;
}

/**
 * Where cases live. Two implementations (memory for `npm start` without Redis and unit tests,
 * Redis for production) pass the same contract test suite.
 */
export interface CaseStore {
  /** Stores a new case; false when the reference exists already (caller picks another). */
  create(record: CaseRecord): Promise<boolean>;
  get(reference: string): Promise<CaseRecord | undefined>;
  /** Overwrites an existing case (status change, note, erasure). */
  save(record: CaseRecord): Promise<void>;
  /** The open case of this kind with this duplicate key, if any. */
  findByDuplicateKey(kind: string, duplicateKey: string): Promise<CaseRecord | undefined>;
  /** Releases the duplicate key of a case (when it is closed). */
  releaseDuplicateKey(kind: string, duplicateKey: string): Promise<void>;
  listByOwner(ownerKey: string): Promise<CaseRecord[]>;
  list(filter?: CaseFilter): Promise<CaseRecord[]>;
  /**
   * The cases that still hold personal fields (not yet stripped by retention or erasure), from an
   * index: retention reads these instead of every case ever made.
   */
  listWithPersonalData(): Promise<CaseRecord[]>;
}
