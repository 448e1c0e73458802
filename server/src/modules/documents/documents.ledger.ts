import type { Executor } from '../../db/database';
import { loadedInOrder, type LedgerSubject } from '../../ledger/subjects';
import { documentsRepository } from './documents.repository';

/**
 * A document as the ledger records it: its row and its scans (the scans' blobs are named by
 * hash), so a change made behind the application to either is found by `verify`. Integers are
 * normalised: PostgreSQL returns `bigint` as text.
 */
export async function documentLedgerRows(ex: Executor, ids: readonly string[]): Promise<Map<string, object>> {
  const [rows, scans] = await Promise.all([
    documentsRepository.rowsByIds(ex, ids),
    documentsRepository.scanRowsOf(ex, ids),
  ]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ...row,
        version: Number(row.version),
        template_version: Number(row.template_version),
        scans: scans
          .filter((s) => s.document_id === row.id)
          .map(({ document_id: _d, ...s }) => ({ ...s, size_bytes: Number(s.size_bytes) })),
      },
    ]),
  );
}

const documentSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await documentsRepository.search(ex, q, limit);
    return rows.map((r) => ({
      id: r.id,
      label: `${r.title}${r.number ? ` ${r.number}` : ''}（第${Number(r.version)}版）`,
    }));
  },
  load: documentLedgerRows,
  async page(ex, after, limit) {
    return loadedInOrder(ex, await documentsRepository.idsPage(ex, after, limit), documentLedgerRows);
  },
};

export const documentsLedgerSubjects: [string, LedgerSubject][] = [['document', documentSubject]];
