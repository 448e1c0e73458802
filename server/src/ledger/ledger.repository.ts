import type { Executor } from '../db/database';
import type { LedgerEntryTable, LedgerHeadTable } from '../db/types';
import { nodeKey, type NodeKey } from './tree';

export interface StoredNode extends NodeKey {
  hash: Uint8Array;
}

/** The only SQL on the ledger tables. There is no update or delete here, by design. */
export const ledgerRepository = {
  async size(ex: Executor): Promise<number> {
    const row = await ex
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  },

  /** The stored hashes of the given nodes, keyed `level:idx`; missing ones are absent. */
  async nodes(ex: Executor, keys: readonly NodeKey[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    for (let i = 0; i < keys.length; i += 200) {
      const chunk = keys.slice(i, i + 200);
      const rows = await ex
        .selectFrom('ledger_nodes')
        .select(['level', 'idx', 'hash'])
        .where((eb) => eb.or(chunk.map((k) => eb.and([eb('level', '=', k.level), eb('idx', '=', k.idx)]))))
        .execute();
      for (const r of rows) {
        out.set(nodeKey({ level: Number(r.level), idx: Number(r.idx) }), r.hash);
      }
    }
    return out;
  },

  /**
   * Stored nodes of levels 0..maxLevel whose leaves lie in [start, end), for bulk checks: one
   * primary-key range per level (faster than one OR'ed query on both databases).
   */
  async nodesWithin(ex: Executor, start: number, end: number, maxLevel: number): Promise<StoredNode[]> {
    const levels = await Promise.all(
      Array.from({ length: maxLevel + 1 }, (_, level) =>
        ex
          .selectFrom('ledger_nodes')
          .select(['idx', 'hash'])
          .where('level', '=', level)
          .where('idx', '>=', Math.ceil(start / 2 ** level))
          .where('idx', '<', Math.floor(end / 2 ** level))
          .execute()
          .then((rows) => rows.map((r) => ({ level, idx: Number(r.idx), hash: r.hash }))),
      ),
    );
    return levels.flat();
  },

  /** Entries with fromSeq ≤ seq < toSeq, in order. */
  async entriesBetween(ex: Executor, fromSeq: number, toSeq: number): Promise<LedgerEntryTable[]> {
    const rows = await ex
      .selectFrom('ledger_entries')
      .selectAll()
      .where('seq', '>=', fromSeq)
      .where('seq', '<', toSeq)
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      r.seq = Number(r.seq);
    }
    return rows;
  },

  async entriesOfSubject(ex: Executor, type: string, id: string): Promise<LedgerEntryTable[]> {
    const rows = await ex
      .selectFrom('ledger_entries')
      .selectAll()
      .where('subject_type', '=', type)
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  },

  /** How many subjects of a type have a row written through the ledger, up to `treeSize`. */
  async countRecordedSubjects(ex: Executor, type: string, treeSize: number): Promise<number> {
    const row = await ex
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.count<number>('subject_id').distinct().as('n'))
      .where('subject_type', '=', type)
      .where('row_hash', 'is not', null)
      .where('seq', '<=', treeSize)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Those subjects' ids, in id order, a page at a time. */
  async recordedSubjectIds(
    ex: Executor,
    type: string,
    treeSize: number,
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    let q = ex
      .selectFrom('ledger_entries')
      .select('subject_id')
      .distinct()
      .where('subject_type', '=', type)
      .where('row_hash', 'is not', null)
      .where('seq', '<=', treeSize)
      .orderBy('subject_id')
      .limit(limit);
    if (after !== null) {
      q = q.where('subject_id', '>', after);
    }
    return (await q.execute()).map((r) => r.subject_id);
  },

  /**
   * The latest row hash written for each subject whose id lies in [firstId, lastId] (in the
   * database's own text order, the order `LedgerSubject.page` returns rows in), up to `treeSize`:
   * one range scan of the subject index rather than one lookup per id.
   */
  async latestRowHashesBetween(
    ex: Executor,
    type: string,
    firstId: string,
    lastId: string,
    treeSize: number,
  ): Promise<Map<string, { seq: number; action: string; rowHash: string }>> {
    const rows = await ex
      .selectFrom('ledger_entries')
      .select(['subject_id', 'seq', 'action', 'row_hash'])
      .where('subject_type', '=', type)
      .where('subject_id', '>=', firstId)
      .where('subject_id', '<=', lastId)
      .where('row_hash', 'is not', null)
      .where('seq', '<=', treeSize)
      .orderBy('subject_id')
      .orderBy('seq')
      .execute();
    return latestBySubject(rows);
  },

  /** The latest row hash written for each of these subjects, up to `treeSize`. */
  async latestRowHashes(
    ex: Executor,
    type: string,
    ids: readonly string[],
    treeSize: number,
  ): Promise<Map<string, { seq: number; action: string; rowHash: string }>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await ex
      .selectFrom('ledger_entries')
      .select(['subject_id', 'seq', 'action', 'row_hash'])
      .where('subject_type', '=', type)
      .where('subject_id', 'in', ids)
      .where('row_hash', 'is not', null)
      .where('seq', '<=', treeSize)
      .orderBy('seq')
      .execute();
    return latestBySubject(rows);
  },

  async blobHashes(ex: Executor): Promise<{ seq: number; blob_sha256: string }[]> {
    const rows = await ex
      .selectFrom('ledger_entries')
      .select(['blob_sha256', (eb) => eb.fn.min('seq').as('seq')])
      .where('blob_sha256', 'is not', null)
      .groupBy('blob_sha256')
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), blob_sha256: r.blob_sha256 ?? '' }));
  },

  async insertHead(ex: Executor, head: LedgerHeadTable): Promise<void> {
    await ex
      .insertInto('ledger_heads')
      .values(head)
      .onConflict((oc) => oc.column('tree_size').doNothing())
      .execute();
  },

  async latestHead(ex: Executor): Promise<LedgerHeadTable | undefined> {
    const row = await ex
      .selectFrom('ledger_heads')
      .selectAll()
      .orderBy('tree_size', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { ...row, tree_size: Number(row.tree_size) };
  },

  async heads(ex: Executor): Promise<LedgerHeadTable[]> {
    const rows = await ex.selectFrom('ledger_heads').selectAll().orderBy('tree_size').execute();
    return rows.map((r) => ({ ...r, tree_size: Number(r.tree_size) }));
  },
};

/** The last of each subject's entries, given in sequence order per subject. */
function latestBySubject(
  rows: { subject_id: string; seq: number; action: string; row_hash: string | null }[],
): Map<string, { seq: number; action: string; rowHash: string }> {
  const out = new Map<string, { seq: number; action: string; rowHash: string }>();
  for (const r of rows) {
    out.set(r.subject_id, { seq: Number(r.seq), action: r.action, rowHash: r.row_hash as string });
  }
  return out;
}
