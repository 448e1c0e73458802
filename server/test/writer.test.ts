import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app';
import { describeEachDialect, freshDatabase, testConfig, type TestDatabase } from './harness';

describeEachDialect('group commit', (dialect) => {
  let database: TestDatabase;
  let app: App;
  beforeEach(async () => {
    database = await freshDatabase(dialect);
    app = await buildApp(testConfig(database));
  });
  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  const at = '2026-11-28T00:00:00.000Z';
  const createUnit = (name: string, fail = false) =>
    app.deps.write(async (trx) => {
      const row = {
        id: randomUUID(),
        name,
        code: null,
        parent_id: null,
        active: 1 as const,
        created_at: at,
        updated_at: at,
      };
      await trx.insertInto('units').values(row).execute();
      await app.deps.ledger.append(trx, {
        actorId: null,
        action: 'unit.created',
        subject: { type: 'unit', id: row.id },
        row,
      });
      if (fail) {
        throw new Error(`refused ${name}`);
      }
      return row.id;
    });

  it('concurrent writes each commit or fail alone, in arrival order, with a gapless ledger', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `单位${String(i).padStart(2, '0')}`);
    const results = await Promise.allSettled(names.map((name, i) => createUnit(name, i % 7 === 3)));
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [names[i]] : []));
    expect(refused).toEqual(names.filter((_, i) => i % 7 === 3));
    expect(results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []))).toEqual(
      refused.map((n) => new Error(`refused ${n}`)),
    );
    const units = await app.deps.db.selectFrom('units').select('name').orderBy('name').execute();
    expect(units.map((u) => u.name)).toEqual(names.filter((_, i) => i % 7 !== 3));
    const entries = await app.deps.db
      .selectFrom('ledger_entries')
      .select(['seq', 'subject_id'])
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => Number(e.seq))).toEqual(entries.map((_, i) => i + 1));
    // Arrival order is ledger order.
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(entries.map((e) => e.subject_id)).toEqual(ids);
    expect((await app.services.ledger.verifyAll()).findings).toEqual([]);
  });

  it('a write is acknowledged only once it is committed', async () => {
    const id = await createUnit('劳动保障监察大队');
    // A second, independent connection sees it at once.
    const other = await buildApp(testConfig(database));
    try {
      const row = await other.deps.db
        .selectFrom('units')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row?.name).toBe('劳动保障监察大队');
    } finally {
      await other.close();
    }
  });
});
