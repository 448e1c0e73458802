import type SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { preparedOnPostgres, type DatabaseHandle, type Trx } from '../db/database';
import { deferredInsertOnPostgres } from '../db/deferred-inserts';
import type { LedgerEntryTable } from '../db/types';
import { ENTRY_COLUMNS, entryRow, ledgerRepository, type StoredNode } from './ledger.repository';
import { nodeKey, type NodeKey } from './tree';

/**
 * The SQL an append runs, inside the caller's transaction. Every ledgered write pays for it, so
 * it is kept to the bare statements: compiled once, only the parameters change. Like the
 * repository, it only inserts and reads — there is no update or delete.
 */
export interface AppendStore {
  /**
   * The number of entries (the last sequence number), for the transaction's first append: on
   * PostgreSQL it takes the ledger's advisory lock first, in the same round trip, so that
   * appenders of other instances wait until this transaction ends. SQLite's single writer orders
   * appends by itself.
   */
  lockAndSize(trx: Trx): Promise<number> | number;
  /** The stored hashes of the given nodes, keyed `level:idx`. */
  nodes(trx: Trx, keys: readonly NodeKey[]): Promise<Map<string, Uint8Array>> | Map<string, Uint8Array>;
  /** The entry and the nodes its append completes (none when they are inserted later). */
  insert(trx: Trx, entry: LedgerEntryTable, nodes: readonly StoredNode[]): Promise<void> | void;
  /** Nodes only: a batch's, in as few statements as the parameter limits allow. */
  insertNodes(trx: Trx, nodes: readonly StoredNode[]): Promise<void> | void;
}

/** The PostgreSQL advisory lock that orders appenders across instances ("qc_l"). */
const LEDGER_LOCK_KEY = 0x71635f6c;

/** SQLite: nodes per multi-row insert (three parameters each, well under its limit). */
const NODES_PER_STATEMENT = 128;

const nodeParams = (nodes: readonly StoredNode[]) => nodes.flatMap((n) => [n.level, n.idx, n.hash]);

export function createAppendStore(database: Pick<DatabaseHandle, 'dialect' | 'sqlite'>): AppendStore {
  return database.sqlite ? sqliteAppendStore(database.sqlite) : postgresAppendStore();
}

/**
 * SQLite: better-sqlite3 is synchronous and Kysely runs the transaction on this same connection,
 * which the transaction holds until it ends, so prepared statements run directly on it — inside
 * the transaction and any savepoint — without a round through Kysely's asynchronous executor.
 */
function sqliteAppendStore(sqlite: SQLite.Database): AppendStore {
  const size = sqlite.prepare<[], { seq: number | null }>('select max("seq") as "seq" from "ledger_entries"');
  const node = sqlite.prepare<[number, number], { hash: Uint8Array }>(
    'select "hash" from "ledger_nodes" where "level" = ? and "idx" = ?',
  );
  const entry = sqlite.prepare(
    `insert into "ledger_entries" (${ENTRY_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${ENTRY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const nodeInserts: SQLite.Statement[] = [];
  const nodeInsert = (count: number) =>
    (nodeInserts[count] ??= sqlite.prepare(
      `insert into "ledger_nodes" ("level", "idx", "hash") values ${Array.from({ length: count }, () => '(?, ?, ?)').join(', ')}`,
    ));
  return {
    lockAndSize: () => size.get()?.seq ?? 0,
    nodes(_trx, keys) {
      const out = new Map<string, Uint8Array>();
      for (const k of keys) {
        const row = node.get(k.level, k.idx);
        if (row) {
          out.set(nodeKey(k), new Uint8Array(row.hash));
        }
      }
      return out;
    },
    insert(_trx, e, nodes) {
      entry.run(entryRow(e));
      if (nodes.length > 0) {
        nodeInsert(nodes.length).run(nodeParams(nodes));
      }
    },
    insertNodes(_trx, nodes) {
      for (let i = 0; i < nodes.length; i += NODES_PER_STATEMENT) {
        const part = nodes.slice(i, i + NODES_PER_STATEMENT);
        nodeInsert(part.length).run(nodeParams(part));
      }
    },
  };
}

/**
 * PostgreSQL. Through the writer (no nodes: the batch inserts them before its commit) the entry
 * is a deferred insert: it goes out with the batch's other entries in one statement, before the
 * next statement that names the table or before COMMIT (db/deferred-inserts.ts); so do the
 * batch's nodes, sent with them. Otherwise the entry and its nodes in one statement (a
 * data-modifying WITH, one round trip per append),
 * compiled by Kysely from the first append of each node count and then reused; the parameter
 * order is checked once against Kysely's own, so a change in how Kysely orders values cannot
 * bind a hash to the wrong column.
 */
function postgresAppendStore(): AppendStore {
  // See the migration create_ledger_lock_function: the lock, then a fresh snapshot's max(seq).
  const lockAndSize = preparedOnPostgres('select qc_lock_ledger_entries($1) as "size"');
  const entryAlone = deferredInsertOnPostgres('ledger_entries', ENTRY_COLUMNS);
  const nodeAlone = deferredInsertOnPostgres('ledger_nodes', ['level', 'idx', 'hash']);
  const compiled = new Map<number, string>();
  function statement(
    trx: Trx,
    entry: LedgerEntryTable,
    nodes: readonly StoredNode[],
    params: unknown[],
  ): string {
    if (nodes.length === 0) {
      return entryAlone;
    }
    const cached = compiled.get(nodes.length);
    if (cached) {
      return cached;
    }
    const values = Object.fromEntries(ENTRY_COLUMNS.map((c) => [c, entry[c]])) as never;
    const query = trx
      .with('entry', (qb) => qb.insertInto('ledger_entries').values(values))
      .insertInto('ledger_nodes')
      .values(nodes.map((n) => ({ level: n.level, idx: n.idx, hash: n.hash })))
      .compile();
    if (query.parameters.length !== params.length || query.parameters.some((v, i) => v !== params[i])) {
      throw new Error('ledger insert parameters are not in the expected order');
    }
    compiled.set(nodes.length, preparedOnPostgres(query.sql));
    return query.sql;
  }
  return {
    async lockAndSize(trx) {
      const { rows } = await trx.executeQuery<{ size: number }>(
        CompiledQuery.raw(lockAndSize, [LEDGER_LOCK_KEY]),
      );
      return Number(rows[0]?.size ?? 0);
    },
    nodes: (trx, keys) => ledgerRepository.nodes(trx, keys),
    async insert(trx, entry, nodes) {
      const params = [...entryRow(entry), ...nodeParams(nodes)];
      await trx.executeQuery(CompiledQuery.raw(statement(trx, entry, nodes, params), params));
    },
    // Deferred like the entries: queued here, sent with them just before COMMIT.
    async insertNodes(trx, nodes) {
      for (const n of nodes) {
        await trx.executeQuery(CompiledQuery.raw(nodeAlone, [n.level, n.idx, n.hash]));
      }
    },
  };
}
