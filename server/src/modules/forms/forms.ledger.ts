import type { LedgerSubject } from '../../ledger/subjects';
import type { FormNumberTable, FormRangeTable } from '../../db/types';

/** A pad as the ledger records it: its row. */
export const rangeLedgerRow = (r: FormRangeTable) => ({
  ...r,
  first_no: Number(r.first_no),
  last_no: Number(r.last_no),
  digits: Number(r.digits),
});
/** A number accounted for, as the ledger records it: its row. */
export const numberLedgerRow = (r: FormNumberTable) => ({ ...r, number: Number(r.number) });

/**
 * Pads and the numbers accounted for in them are recorded as their rows (never changed). They are
 * found through their case or the 编号管理 page, so the ledger's search does not list them.
 */
function subject<T extends { id: string }>(
  table: 'form_ranges' | 'form_numbers',
  toRow: (r: T) => object,
): LedgerSubject {
  return {
    async load(ex, ids) {
      if (ids.length === 0) {
        return new Map<string, object>();
      }
      const rows = (await ex
        .selectFrom(table)
        .selectAll()
        .where('id', 'in', ids)
        .execute()) as unknown as T[];
      return new Map(rows.map((r) => [r.id, toRow(r)]));
    },
    search: () => Promise.resolve([]),
    async page(ex, after, limit) {
      let q = ex.selectFrom(table).selectAll().orderBy('id').limit(limit);
      if (after !== null) {
        q = q.where('id', '>', after);
      }
      const rows = (await q.execute()) as unknown as T[];
      return rows.map((r) => ({ id: r.id, row: toRow(r) }));
    },
  };
}

export const formsLedgerSubjects: [string, LedgerSubject][] = [
  ['form_range', subject('form_ranges', rangeLedgerRow)],
  ['form_number', subject('form_numbers', numberLedgerRow)],
];
