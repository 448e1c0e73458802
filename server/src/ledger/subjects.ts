import type { Executor } from '../db/database';

/**
 * How `verify` finds the current business rows of one subject type, as the ledger records them
 * (the same shape the service passed as `row` to `ledger.append`). Each module that writes rows
 * with the ledger registers one.
 */
export interface LedgerSubject {
  /** The current rows for these ids; ids without a row are absent. */
  load(ex: Executor, ids: readonly string[]): Promise<Map<string, object>>;
  /** All row ids in order, a page at a time, to find rows that no entry ever recorded. */
  ids(ex: Executor, after: string | null, limit: number): Promise<string[]>;
}

export type LedgerSubjects = ReadonlyMap<string, LedgerSubject>;
