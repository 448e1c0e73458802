import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see create_org). */

/**
 * PostgreSQL: the first append of a transaction takes the ledger's advisory lock and then reads
 * the last sequence number — two statements, because the read must see what the lock's previous
 * holder committed, and a statement's snapshot is taken before it runs. In a VOLATILE function
 * each statement takes a fresh snapshot (READ COMMITTED), so both fit in one round trip. The
 * name says which table it reads, so that the connection's write-behind (db/deferred-inserts.ts),
 * which sends queued entries before any statement naming the table, sends them first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    return;
  }
  await sql`
    create function qc_lock_ledger_entries(lock_key bigint) returns bigint
    language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock(lock_key);
      return coalesce((select max(seq) from ledger_entries), 0);
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop function if exists qc_lock_ledger_entries(bigint)`.execute(db);
  }
}
