import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { openDatabase, type DatabaseHandle, type Executor } from '../src/db/database';
import { deferredInsertOnPostgres } from '../src/db/deferred-inserts';
import { describeEachDialect, freshDatabase, PG_TEST_URL, testConfig, type TestDatabase } from './harness';

const PROBE = 'qc_deferred_probe';
const insertProbe = deferredInsertOnPostgres(PROBE, ['id', 'v']);

const title = 'PostgreSQL write-behind of marked inserts inside a transaction';
const describePg = PG_TEST_URL ? describe : describe.skip;

describePg(PG_TEST_URL ? title : `${title} — skipped: PG_TEST_URL not set`, () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    database = await freshDatabase('postgresql');
    handle = openDatabase(database.config);
    await sql`create table ${sql.table(PROBE)} (id integer primary key, v text not null)`.execute(handle.db);
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  const put = (ex: Executor, id: number) =>
    ex.executeQuery(CompiledQuery.raw(insertProbe, [id, `row ${id}`]));
  /** What this transaction has inserted into the probe table, asked without naming the table. */
  const insertedSoFar = async (ex: Executor) => {
    const { rows } = await sql<{ n: number }>`select coalesce(sum(n_tup_ins), 0)::int as n
      from pg_stat_xact_user_tables where relname = ${PROBE}`.execute(ex);
    return rows[0]?.n;
  };
  const ids = async () =>
    (await sql<{ id: number }>`select id from ${sql.table(PROBE)} order by id`.execute(handle.db)).rows.map(
      (r) => r.id,
    );

  it('rows wait on the connection and go out together before a statement that names their table', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await put(trx, 1);
      await put(trx, 2);
      await put(trx, 3);
      expect(await insertedSoFar(trx)).toBe(0);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(PROBE)}`.execute(
        trx,
      );
      expect(rows[0]?.n).toBe(3);
      expect(await insertedSoFar(trx)).toBe(3);
    });
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it('COMMIT sends what is still waiting; ROLLBACK drops it', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await put(trx, 1);
    });
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await put(trx, 2);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await ids()).toEqual([1]);
  });

  it('outside a transaction a marked insert runs at once', async () => {
    await put(handle.db, 7);
    expect(await ids()).toEqual([7]);
  });

  it('ROLLBACK TO drops rows queued after the savepoint and sends again the earlier ones a later flush had sent', async () => {
    const trx = await handle.db.startTransaction().execute();
    await put(trx, 1);
    const a = await trx.savepoint('a').execute();
    await put(a, 2);
    // This read sends rows 1 and 2 after savepoint a; rolling back to a undoes both in the
    // database, and row 1 (queued before a) must still be committed.
    await sql`select count(*) from ${sql.table(PROBE)}`.execute(a);
    expect(await insertedSoFar(a)).toBe(2);
    await a.rollbackToSavepoint('a').execute();
    const b = await trx.savepoint('b').execute();
    await put(b, 3);
    await b.releaseSavepoint('b').execute();
    await trx.commit().execute();
    expect(await ids()).toEqual([1, 3]);
  });

  it('rows sent before a savepoint are not sent twice after rolling back to it', async () => {
    const trx = await handle.db.startTransaction().execute();
    await put(trx, 1);
    await sql`select 1 from ${sql.table(PROBE)}`.execute(trx);
    const a = await trx.savepoint('a').execute();
    await put(a, 2);
    await a.rollbackToSavepoint('a').execute();
    await trx.commit().execute();
    expect(await ids()).toEqual([1]);
  });

  it('a flush that fails fails the statement that needed it, and nothing of it is half-written', async () => {
    const trx = await handle.db.startTransaction().execute();
    await put(trx, 1);
    const a = await trx.savepoint('a').execute();
    await put(a, 2);
    await put(a, 2);
    await expect(sql`select 1 from ${sql.table(PROBE)}`.execute(a)).rejects.toThrow(/duplicate key/);
    await a.rollbackToSavepoint('a').execute();
    await put(trx, 3);
    await trx.commit().execute();
    expect(await ids()).toEqual([1, 3]);

    await expect(
      handle.db.transaction().execute(async (t) => {
        await put(t, 4);
        await put(t, 1);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await ids()).toEqual([1, 3]);
  });

  it('a savepoint is not waited for; when the database refuses it, the next statement fails', async () => {
    const trx = await handle.db.startTransaction().execute();
    await put(trx, 1);
    await expect(sql`select 1 / 0`.execute(trx)).rejects.toThrow(/division by zero/);
    // The transaction is aborted, so the database refuses the savepoint; its answer is not
    // awaited, and the statement after it reports the refusal.
    const b = await trx.savepoint('b').execute();
    await expect(sql`select 1`.execute(b)).rejects.toThrow(/current transaction is aborted/);
    await trx.rollback().execute();
    expect(await ids()).toEqual([]);
  });
});

describeEachDialect('the ledger under group commit', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('no foreign key points at ledger_entries (their rows may reach the table only at COMMIT)', async () => {
    const app = await buildApp(testConfig(database));
    try {
      const { rows } =
        dialect === 'postgresql'
          ? await sql<{ name: string }>`select conname as name from pg_constraint
              where contype = 'f' and confrelid = 'ledger_entries'::regclass`.execute(app.deps.db)
          : await sql<{ name: string }>`select m.name || '.' || f."from" as name
              from sqlite_master m, pragma_foreign_key_list(m.name) f
              where m.type = 'table' and f."table" = 'ledger_entries'`.execute(app.deps.db);
      expect(rows).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
