import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { canonicalJson, sha256Hex } from '../src/ledger/ledger';
import { describeEachDialect, freshDatabase, testConfig, type TestDatabase } from './harness';

describeEachDialect('ledger call site', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(dialect);
  });
  afterEach(async () => database.drop());

  // PostgreSQL: two app instances append at once. SQLite is one writer per file, and its driver is
  // synchronous, so there one instance's concurrent requests are what must stay ordered.
  it('concurrent appends stay gapless and ordered', async () => {
    const config = testConfig(database);
    const a = await buildApp(config);
    const b = dialect === 'postgresql' ? await buildApp(config) : a;
    try {
      const append = (app: typeof a, i: number) =>
        app.deps.db.transaction().execute((trx) =>
          app.deps.ledger.append(trx, {
            actorId: null,
            action: 'test.appended',
            subject: { type: 'test', id: String(i) },
            row: { i },
          }),
        );
      await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 ? a : b, i)));
      const rows = await a.deps.db
        .selectFrom('ledger_entries')
        .select(['seq', 'event'])
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
      expect(
        new Set(rows.map((r) => (JSON.parse(r.event) as { subject: { id: string } }).subject.id)).size,
      ).toBe(40);
    } finally {
      await a.close();
      if (b !== a) {
        await b.close();
      }
    }
  });

  it('an event records the canonical hash of the row and nothing when the transaction rolls back', async () => {
    const app = await buildApp(testConfig(database));
    try {
      const row = { b: 2, a: '张三', n: null };
      const id = randomUUID();
      await app.deps.db.transaction().execute((trx) =>
        app.deps.ledger.append(trx, {
          actorId: null,
          action: 'test.kept',
          subject: { type: 't', id },
          row,
        }),
      );
      await expect(
        app.deps.db.transaction().execute(async (trx) => {
          await app.deps.ledger.append(trx, {
            actorId: null,
            action: 'test.lost',
            subject: { type: 't', id },
            row,
          });
          throw new Error('business rule refused');
        }),
      ).rejects.toThrow('business rule refused');
      const rows = await app.deps.db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('subject_id', '=', id)
        .execute();
      expect(rows.map((r) => r.action)).toEqual(['test.kept']);
      expect(rows[0]?.row_hash).toBe(sha256Hex('{"a":"张三","b":2,"n":null}'));
      expect(rows[0]?.event).toBe(canonicalJson(JSON.parse(rows[0]?.event ?? '')));
    } finally {
      await app.close();
    }
  });

  it('an append on PostgreSQL runs as a named prepared statement of its connection', async () => {
    if (dialect !== 'postgresql') {
      return; // SQLite prepares its statements once per connection (append-store.ts)
    }
    const app = await buildApp(testConfig(database));
    try {
      const append = (i: number) =>
        app.deps.db.transaction().execute(async (trx) => {
          await app.deps.ledger.append(trx, {
            actorId: null,
            action: 'test.appended',
            subject: { type: 'test', id: String(i) },
            row: { i },
          });
          const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx);
          return rows.map((r) => r.name);
        });
      const named = (names: string[]) => names.some((n) => n.startsWith('qc_hot_'));
      expect(named(await append(1))).toBe(true);
      expect(named(await append(2))).toBe(true);
      expect(
        (await app.deps.db.selectFrom('ledger_entries').select('seq').orderBy('seq').execute()).map((r) =>
          Number(r.seq),
        ),
      ).toEqual([1, 2]);
    } finally {
      await app.close();
    }
  });
});
