import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { postgresPoolOf, sqliteOf, type Executor } from '../db/database';
import type { LedgerEntryTable, LedgerHeadTable } from '../db/types';
import { nodeKey, type NodeKey } from './tree';

export interface StoredNode extends NodeKey {
  hash: Uint8Array;
}

/** An entry's columns in the order appends bind them and bulk reads return them. */
export const ENTRY_COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'action',
  'subject_type',
  'subject_id',
  'row_hash',
  'blob_sha256',
  'event',
] as const satisfies readonly (keyof LedgerEntryTable)[];

/** The entry that last wrote a subject's row: what a finding about the row names. */
export interface RowEntry {
  seq: number;
  action: string;
  rowHash: string;
}

/** An entry as an array in `ENTRY_COLUMNS` order. */
export type EntryRow = [
  seq: number,
  at: string,
  actorId: string | null,
  action: string,
  subjectType: string,
  subjectId: string,
  rowHash: string | null,
  blobSha256: string | null,
  event: string,
];

/**
 * An entry as the tree's check reads it: its sequence number, its event, and what the database
 * found comparing the event with the text its columns describe when the event holds nothing else
 * (`columnsEventText`, built here without escaping): -1 when they differ, else which columns are
 * non-null — actor 1, blob 2, row hash 4 (`plainEventHolds` needs it to finish the check).
 */
export type EventRow = [seq: number, event: string, shape: number];

export const entryRow = (e: LedgerEntryTable): EntryRow => [
  e.seq,
  e.at,
  e.actor_id,
  e.action,
  e.subject_type,
  e.subject_id,
  e.row_hash,
  e.blob_sha256,
  e.event,
];

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** A prepared statement returning rows as arrays, prepared once per connection. */
function cached(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let byText = statements.get(sqlite);
  if (!byText) {
    byText = new Map();
    statements.set(sqlite, byText);
  }
  let stmt = byText.get(text);
  if (!stmt) {
    stmt = sqlite.prepare(text).raw(true);
    byText.set(text, stmt);
  }
  return stmt;
}

/** bigint (int8) columns as numbers: sequence numbers and node indices stay far below 2^53. */
const INT8 = 20;
const parserOf = (oid: number): ((text: string) => unknown) =>
  oid === INT8 ? Number : (pg.types.getTypeParser(oid, 'text') as (text: string) => unknown);
const numbersAsNumbers = { getTypeParser: parserOf };

/** PostgreSQL: rows as arrays through a named (once-planned) statement of this connection pool. */
async function arrayRows<R extends unknown[]>(
  pool: pg.Pool,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const result = await pool.query<R>({ name, text, values, rowMode: 'array', types: numbersAsNumbers });
  return result.rows;
}

/**
 * Where verify's bulk reads run: the SQLite connection or the PostgreSQL pool under the database
 * itself. Inside a transaction there is neither — a programming error, not a finding.
 */
type BulkSource = { sqlite: SQLite.Database } | { pool: pg.Pool };

function bulkSource(ex: Executor): BulkSource {
  const sqlite = sqliteOf(ex);
  if (sqlite) {
    return { sqlite };
  }
  const pool = postgresPoolOf(ex);
  if (pool) {
    return { pool };
  }
  throw new Error('verify reads on the database itself, not inside a transaction');
}

/** Positions from..to-1 of a level: each stored node's hex at its index less `from`. */
function byPosition(rows: readonly [number, string][], from: number): string[] {
  const out: string[] = [];
  for (const [idx, hex] of rows) {
    out[idx - from] = hex;
  }
  return out;
}

/** A level's index range within a chunk: nodes from..to-1. */
interface LevelRange {
  level: number;
  from: number;
  to: number;
}

/** The nodes of a level whose leaves all lie in [start, end). */
const levelRange = (start: number, end: number, level: number): LevelRange => ({
  level,
  from: Math.ceil(start / 2 ** level),
  to: Math.floor(end / 2 ** level),
});

/** The stored hashes of one level's nodes from..to-1, as hex, each at its index less `from`. */
async function levelHexes(source: BulkSource, { level, from, to }: LevelRange): Promise<string[]> {
  if ('sqlite' in source) {
    const rows = cached(
      source.sqlite,
      'select "idx", lower(hex("hash")) from "ledger_nodes" where "level" = ? and "idx" >= ? and "idx" < ? order by "idx"',
    ).all(level, from, to) as [number, string][];
    return byPosition(rows, from);
  }
  const rows = await arrayRows<[number, string]>(
    source.pool,
    'ledger_node_hexes',
    `select "idx", encode("hash", 'hex') from "ledger_nodes" where "level" = $1 and "idx" >= $2 and "idx" < $3 order by "idx"`,
    [level, from, to],
  );
  return byPosition(rows, from);
}

/**
 * A level's stored hashes within a chunk: each as hex at its index less the range's start
 * (absent where a node is missing), or only the SHA-256 of them all joined in index order, when
 * the database vouched that every node of the range is there, in order, with 32 bytes.
 */
export type StoredLevel = { hexes: string[] } | { digest: string };

/**
 * PostgreSQL: every level's stored hashes within a chunk in one query (one pass over the heap
 * pages, which hold the levels side by side), each level as one row: the SHA-256 of its hashes
 * joined in the order the scan met them — no sort: an ordered aggregate sorts each level again,
 * which cost the database ≈ 1.4 s of its CPU at 1 M leaves; and no hashes on the wire: sending
 * 2 M of them as hex and cutting them apart cost the client ≈ 1.2 s. The same row says whether
 * that order was the index order: the indices, joined in the same pass (every aggregate of a
 * group takes the rows in the same order), against the run from the least to the greatest. The
 * digest stands for the level only with every node of the range there (indices are unique) with
 * 32 bytes, else the level is read node by node, in index order; and only in index order: a level
 * met out of it is digested again, sorted. On a small table the database groups by sorting on
 * the level alone, which scrambles each level (a test app's ledger); rows can also sit out of
 * order in the heap, where a failed commit's dead rows gave their room to later ones.
 */
async function chunkDigests(pool: pg.Pool, ranges: readonly LevelRange[]): Promise<StoredLevel[]> {
  const where = ranges
    .map((_, i) => `("level" = $${3 * i + 1} and "idx" >= $${3 * i + 2} and "idx" < $${3 * i + 3})`)
    .join(' or ');
  const { rows } = await pool.query<[number, number, number, number, number, boolean, string]>({
    name: `ledger_chunk_digests_${ranges.length}`,
    text: `select "level", count(*)::int, min(length("hash")), max(length("hash")), min("idx"),
        string_agg(int8send("idx"), ''::bytea) = (select string_agg(int8send(i), ''::bytea)
          from generate_series(min("idx"), max("idx")) i),
        encode(sha256(string_agg("hash", ''::bytea)), 'hex')
      from "ledger_nodes" where ${where} group by "level"`,
    values: ranges.flatMap((r) => [r.level, r.from, r.to]),
    rowMode: 'array',
    types: numbersAsNumbers,
  });
  const byLevel = new Map(rows.map((r) => [r[0], r]));
  return Promise.all(
    ranges.map(async (range): Promise<StoredLevel> => {
      const { level, from, to } = range;
      const row = byLevel.get(level);
      if (!row) {
        // No stored node of the range at all: every one the chunk computes is missing.
        return { hexes: [] };
      }
      const [, count, shortest, longest, least, inOrder, digest] = row;
      if (count !== to - from || shortest !== 32 || longest !== 32 || least !== from) {
        return { hexes: await levelHexes({ pool }, range) };
      }
      return { digest: inOrder ? digest : await sortedDigest(pool, range) };
    }),
  );
}

/** PostgreSQL: the SHA-256 (hex) of one level's stored hashes within a range, joined in index order. */
async function sortedDigest(pool: pg.Pool, { level, from, to }: LevelRange): Promise<string> {
  const { rows } = await pool.query<[string]>({
    name: 'ledger_level_sorted_digest',
    text: `select encode(sha256(string_agg("hash", ''::bytea order by "idx")), 'hex')
      from "ledger_nodes" where "level" = $1 and "idx" >= $2 and "idx" < $3`,
    values: [level, from, to],
    rowMode: 'array',
  });
  return rows[0]?.[0] ?? '';
}

/**
 * The text `columnsEventText` builds from an entry's columns, built by the database without
 * escaping (so it proves something only with `plainEventHolds`), compared with the event; and
 * which columns are non-null. A chain of || (each step a copy) took PostgreSQL ≈ 0.2 s less at
 * 1 M entries than one concat(), which converts each argument through its output function.
 */
function eventsText(from: string, to: string): string {
  const parts = [
    `'{"action":"'`,
    '"action"',
    `'","actor":'`,
    `coalesce('"' || "actor_id" || '"', 'null')`,
    `',"at":"'`,
    '"at"',
    `'",'`,
    `coalesce('"blobSha256":"' || "blob_sha256" || '",', '')`,
    `'"rowHash":'`,
    `coalesce('"' || "row_hash" || '"', 'null')`,
    `',"seq":'`,
    '"seq"',
    `',"subject":{"id":"'`,
    '"subject_id"',
    `'","type":"'`,
    '"subject_type"',
    `'"}}'`,
  ];
  const built = parts.join(' || ');
  const shape = `(case when "actor_id" is null then 0 else 1 end) + (case when "blob_sha256" is null then 0 else 2 end) + (case when "row_hash" is null then 0 else 4 end)`;
  return `select "seq", "event", case when "event" = ${built} then ${shape} else -1 end
    from "ledger_entries" where "seq" >= ${from} and "seq" < ${to} order by "seq"`;
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
   * The stored node hashes of levels 0..maxLevel whose leaves lie in [start, end), by level
   * (one primary-key range each): on SQLite as hex, on PostgreSQL as a digest of the level where
   * the database can vouch for it (`chunkDigests`). Strings, and rows as arrays: a million nodes
   * as byte arrays or objects cost more to make and collect than to hash.
   */
  async nodesWithin(ex: Executor, start: number, end: number, maxLevel: number): Promise<StoredLevel[]> {
    const source = bulkSource(ex);
    const ranges = Array.from({ length: maxLevel + 1 }, (_, level) => levelRange(start, end, level));
    return 'pool' in source
      ? chunkDigests(source.pool, ranges)
      : Promise.all(ranges.map(async (r) => ({ hexes: await levelHexes(source, r) })));
  },

  /** The stored hashes of one level within [start, end) as hex, each at its index less the range's start. */
  levelHexesWithin(ex: Executor, start: number, end: number, level: number): Promise<string[]> {
    return levelHexes(bulkSource(ex), levelRange(start, end, level));
  },

  /**
   * Entries with fromSeq ≤ seq < toSeq, in order, as `EventRow`s: the database compares each
   * event with its columns, so that two fields a row cross the wire instead of nine.
   */
  async eventsBetween(ex: Executor, fromSeq: number, toSeq: number): Promise<EventRow[]> {
    const source = bulkSource(ex);
    if ('sqlite' in source) {
      return cached(source.sqlite, eventsText('?', '?')).all(fromSeq, toSeq) as EventRow[];
    }
    return arrayRows<EventRow>(source.pool, 'ledger_event_rows', eventsText('$1', '$2'), [fromSeq, toSeq]);
  },

  /** The entries with these sequence numbers, as arrays in `ENTRY_COLUMNS` order. */
  async entryRowsAt(ex: Executor, seqs: readonly number[]): Promise<EntryRow[]> {
    const out: EntryRow[] = [];
    for (let i = 0; i < seqs.length; i += 500) {
      const rows = await ex
        .selectFrom('ledger_entries')
        .select([...ENTRY_COLUMNS])
        .where('seq', 'in', seqs.slice(i, i + 500))
        .orderBy('seq')
        .execute();
      out.push(...rows.map((r) => entryRow({ ...r, seq: Number(r.seq) })));
    }
    return out;
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

  /**
   * Subject ids that cut a type's subjects into ranges of about `every` entries each, in the
   * database's own text order (the subject index, walked a range at a time), and about how many
   * entries with a subject of the type there are up to `treeSize`, counted on the way: every range
   * but the last holds `every` (fewer when a subject's entries straddle a boundary).
   */
  async subjectBoundaries(
    ex: Executor,
    type: string,
    treeSize: number,
    every: number,
  ): Promise<{ bounds: string[]; entries: number }> {
    const bounds: string[] = [];
    // The type's entries after the last boundary found so far.
    const rest = () => {
      const q = ex.selectFrom('ledger_entries').where('subject_type', '=', type).where('seq', '<=', treeSize);
      const last = bounds.at(-1);
      return last === undefined ? q : q.where('subject_id', '>', last);
    };
    for (;;) {
      const row = await rest()
        .select('subject_id')
        .orderBy('subject_id')
        .limit(1)
        .offset(every - 1)
        .executeTakeFirst();
      if (!row) {
        break;
      }
      bounds.push(row.subject_id);
    }
    const tail = await rest()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return { bounds, entries: bounds.length * every + Number(tail?.n ?? 0) };
  },

  /** Whether text `a` sorts at or before `b` in the database's own order. */
  async textAtMost(ex: Executor, a: string, b: string): Promise<boolean> {
    const { rows } = await sql<{
      le: unknown;
    }>`select cast(${a} as text) <= cast(${b} as text) as le`.execute(ex);
    const le = rows[0]?.le;
    return le === true || le === 1;
  },

  /**
   * The latest row hash written for each subject whose id lies after `afterId` and up to
   * `lastId` (either end open when null), in the database's own text order — the order
   * `LedgerSubject.page` returns rows in — up to `treeSize`: one range scan of the subject index.
   * Hashes only: the entry that wrote one is looked up (`latestRowEntry`) when a row disagrees.
   */
  async latestRowHashesAfter(
    ex: Executor,
    type: string,
    afterId: string | null,
    lastId: string | null,
    treeSize: number,
  ): Promise<Map<string, string>> {
    // Only the bounds that are given, so that the database plans a range scan of the index.
    const bounds = [
      afterId === null ? '' : 'and "subject_id" > ?',
      lastId === null ? '' : 'and "subject_id" <= ?',
    ];
    const params = [type, ...[afterId, lastId].filter((id) => id !== null), treeSize];
    const text = `select "subject_id", "row_hash" from "ledger_entries"
         where "subject_type" = ? ${bounds.join(' ')} and "row_hash" is not null and "seq" <= ?
         order by "subject_id", "seq"`;
    const source = bulkSource(ex);
    let rows: [string, string][];
    if ('sqlite' in source) {
      rows = cached(source.sqlite, text).all(...params) as typeof rows;
    } else {
      let n = 0;
      const name = `ledger_latest_row_hashes${afterId === null ? '' : '_after'}${lastId === null ? '' : '_until'}`;
      rows = await arrayRows(
        source.pool,
        name,
        text.replace(/\?/g, () => `$${++n}`),
        params,
      );
    }
    // In (id, seq) order, so the last hash set for an id is its latest.
    return new Map(rows);
  },

  /** The latest entry up to `treeSize` that wrote a row hash for this subject. */
  async latestRowEntry(
    ex: Executor,
    type: string,
    id: string,
    treeSize: number,
  ): Promise<RowEntry | undefined> {
    const row = await ex
      .selectFrom('ledger_entries')
      .select(['seq', 'action', 'row_hash'])
      .where('subject_type', '=', type)
      .where('subject_id', '=', id)
      .where('row_hash', 'is not', null)
      .where('seq', '<=', treeSize)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { seq: Number(row.seq), action: row.action, rowHash: row.row_hash ?? '' };
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
