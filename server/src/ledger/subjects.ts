import type { Executor } from '../db/database';

/**
 * How `verify` finds the current business rows of one subject type, as the ledger records them
 * (the same shape the service passed as `row` to `ledger.append`). Each module that writes rows
 * with the ledger registers one.
 */
export interface LedgerSubject {
  /** The current rows for these ids; ids without a row are absent. */
  load(ex: Executor, ids: readonly string[]): Promise<Map<string, object>>;
  /** Up to `limit` records whose name matches `q`, labelled for a person to pick. */
  search(ex: Executor, q: string, limit: number): Promise<{ id: string; label: string }[]>;
  /** All current rows in id order, a page at a time: `verify` reads each type once, in full. */
  page(ex: Executor, after: string | null, limit: number): Promise<{ id: string; row: object }[]>;
}

export type LedgerSubjects = ReadonlyMap<string, LedgerSubject>;

/** The rows `load` gives for a page of ids, in the ids' order; an id without a row is left out. */
export async function loadedInOrder(
  ex: Executor,
  ids: readonly string[],
  load: LedgerSubject['load'],
): Promise<{ id: string; row: object }[]> {
  const rows = await load(ex, ids);
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [{ id, row }] : [];
  });
}
