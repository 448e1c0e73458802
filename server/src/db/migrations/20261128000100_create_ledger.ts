import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see create_org). */

const LEDGER_TABLES = ['ledger_entries', 'ledger_nodes', 'ledger_heads'] as const;

/**
 * The ledger: entries (the leaves' events), the hashes of every complete subtree of the Merkle
 * tree (level 0 = leaf hashes), and the signed tree heads. All three refuse UPDATE, DELETE and
 * (PostgreSQL) TRUNCATE in the database itself, whatever the application does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('ledger_entries')
    // On SQLite an INTEGER PRIMARY KEY is the rowid itself: entries are stored in seq order.
    .addColumn('seq', postgres ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('row_hash', 'text')
    .addColumn('blob_sha256', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_subject_idx')
    .on('ledger_entries')
    .columns(['subject_type', 'subject_id', 'seq'])
    .execute();
  // Few entries concern a blob: a partial index costs the others nothing on insert.
  await db.schema
    .createIndex('ledger_entries_blob_idx')
    .on('ledger_entries')
    .column('blob_sha256')
    .where('blob_sha256', 'is not', null)
    .execute();

  await db.schema
    .createTable('ledger_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx'])
    // SQLite: store the nodes in the primary key's b-tree itself, clustered by (level, idx).
    .$call((b) => (postgres ? b : b.modifyEnd(sql`without rowid`)))
    .execute();

  await db.schema
    .createTable('ledger_heads')
    .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();

  if (postgres) {
    await sql`
      create function qc_refuse_ledger_change() returns trigger language plpgsql as $$
      begin
        raise exception 'ledger is append-only: % on % refused', tg_op, tg_table_name;
      end $$`.execute(db);
    for (const table of LEDGER_TABLES) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function qc_refuse_ledger_change()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
        for each statement execute function qc_refuse_ledger_change()`.execute(db);
    }
  } else {
    for (const table of LEDGER_TABLES) {
      for (const op of ['update', 'delete']) {
        await sql`create trigger ${sql.raw(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(table)}
          begin select raise(abort, ${sql.lit(`ledger is append-only: ${op} on ${table} refused`)}); end`.execute(
          db,
        );
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of LEDGER_TABLES) {
    await db.schema.dropTable(table).execute();
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop function if exists qc_refuse_ledger_change()`.execute(db);
  }
}
