import type { Dialect, Executor } from '../db/database';
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

  /**
   * The entry and its nodes: one statement on PostgreSQL (a data-modifying WITH, saving a round
   * trip per append), two on SQLite, which has no INSERT inside WITH.
   */
  async insertEntryAndNodes(ex: Executor, dialect: Dialect, entry: LedgerEntryTable, nodes: StoredNode[]) {
    const values = nodes.map((n) => ({ level: n.level, idx: n.idx, hash: n.hash }));
    if (dialect === 'postgresql') {
      await ex
        .with('entry', (qb) => qb.insertInto('ledger_entries').values(entry))
        .insertInto('ledger_nodes')
        .values(values)
        .execute();
      return;
    }
    await ex.insertInto('ledger_entries').values(entry).execute();
    await ex.insertInto('ledger_nodes').values(values).execute();
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
