import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp, type App } from '../src/app';
import type { Trx } from '../src/db/database';
import { createWriter, type Write } from '../src/db/writer';
import { createAppendStore, type AppendStore } from '../src/ledger/append-store';
import { createLedger, type Ledger } from '../src/ledger/ledger';
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
  /** A unit and its entry; `then` runs after the append, before a refusal (`fail`). */
  const createUnit = (name: string, fail = false, then?: (trx: Trx) => Promise<void>) =>
    unitThrough(app.deps.write, app.deps.ledger, name, fail, then);
  const unitThrough = (
    write: Write,
    ledger: Ledger,
    name: string,
    fail = false,
    then?: (trx: Trx) => Promise<void>,
  ) =>
    write(async (trx) => {
      const row = {
        id: `${name}-${randomUUID()}`,
        name,
        code: null,
        parent_id: null,
        active: 1 as const,
        created_at: at,
        updated_at: at,
      };
      await trx.insertInto('units').values(row).execute();
      await ledger.append(trx, {
        actorId: null,
        action: 'unit.created',
        subject: { type: 'unit', id: row.id },
        row,
      });
      await then?.(trx);
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
  it('a write that reads the entries of an earlier write in its batch, then is refused, leaves that earlier write whole', async () => {
    // On PostgreSQL the batch's entries wait on the connection (db/deferred-inserts.ts): u2's read
    // sends u1's and its own after u2's savepoint, and u2's refusal must not take u1's with it.
    const names = async (trx: Trx) =>
      (await trx.selectFrom('ledger_entries').select('subject_id').orderBy('seq').execute()).map(
        (e) => e.subject_id.split('-')[0],
      );
    const seen: (string | undefined)[][] = [];
    const results = await Promise.allSettled([
      createUnit('u0'),
      createUnit('u1'),
      createUnit('u2', true, async (trx) => {
        seen.push(await names(trx));
      }),
      createUnit('u3', false, async (trx) => {
        seen.push(await names(trx));
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(seen).toEqual([
      ['u0', 'u1', 'u2'],
      ['u0', 'u1', 'u3'],
    ]);
    const entries = await app.deps.db
      .selectFrom('ledger_entries')
      .select(['seq', 'subject_id'])
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [Number(e.seq), e.subject_id.split('-')[0]])).toEqual([
      [1, 'u0'],
      [2, 'u1'],
      [3, 'u3'],
    ]);
    expect((await app.services.ledger.verifyAll()).findings).toEqual([]);
  });
  /** Holds the writer busy until `open()`, so that what is written meanwhile forms one batch. */
  const holdWriter = async () => {
    let open = () => undefined as void;
    let started = () => undefined as void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = app.deps.write(
      () =>
        new Promise<void>((resolve) => {
          open = resolve;
          started();
        }),
    );
    await running;
    return { open: () => open(), held };
  };

  /** Units and their entries written one after another by a second instance on the same database. */
  const appendElsewhere = async (names: string[]) => {
    const other = await buildApp(testConfig(database));
    try {
      for (const name of names) {
        await unitThrough(other.deps.write, other.deps.ledger, name);
      }
    } finally {
      await other.close();
    }
  };

  /** A write that the database refuses only at COMMIT: a deferred foreign key left dangling. */
  const failsAtCommit = async (trx: Trx) => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
    await sql.raw(`create temp table p_${suffix} (id text primary key)`).execute(trx);
    await sql
      .raw(`create temp table c_${suffix} (p text references p_${suffix} (id) deferrable initially deferred)`)
      .execute(trx);
    await sql.raw(`insert into c_${suffix} (p) values ('nobody')`).execute(trx);
  };

  it('a batch takes the left subtrees it needs from its instance’s last committed batch, not from the database', async () => {
    const inner = createAppendStore(app.database);
    const reads: number[] = [];
    const store: AppendStore = {
      ...inner,
      nodes: (trx, keys) => {
        reads.push(keys.length);
        return inner.nodes(trx, keys);
      },
    };
    const ledger = createLedger(app.database, undefined, store);
    const write = createWriter(app.deps.db);
    // Batches of every size from 1 to 12 (each waits for the one before): 78 entries, so that
    // subtrees up to 64 leaves are completed across batches.
    for (let size = 1; size <= 12; size++) {
      await Promise.all(Array.from({ length: size }, (_, i) => unitThrough(write, ledger, `b${size}-${i}`)));
    }
    expect(reads).toEqual([]);
    // Another instance appends: this one's edge is no longer the tree's, and what it needs that
    // the other made is read.
    await appendElsewhere(['other-0', 'other-1', 'other-2']);
    for (let i = 0; i < 6; i++) {
      await unitThrough(write, ledger, `after-${i}`);
    }
    expect(reads.length).toBeGreaterThan(0);
    expect((await app.services.ledger.verifyAll()).findings).toEqual([]);
  });

  for (const batched of [false, true]) {
    it(`a ${batched ? 'batch' : 'write'} whose commit fails leaves nothing for the next to build on`, async () => {
      for (let i = 0; i < 4; i++) {
        await createUnit(`first-${i}`);
      }
      // Leaf 4 is appended and then lost with its commit …
      const hold = batched ? await holdWriter() : null;
      const lost = Promise.allSettled([
        createUnit('lost', false, failsAtCommit),
        ...(batched ? [createUnit('lost-too')] : []),
      ]);
      hold?.open();
      await hold?.held;
      expect((await lost).map((r) => r.status)).toEqual(batched ? ['rejected', 'rejected'] : ['rejected']);
      // … another instance appends a different leaf 4 (the ledger has the size the lost batch
      // would have left) …
      await appendElsewhere(batched ? ['other', 'other-too'] : ['other']);
      // … and leaf 5's parent must be hashed with the leaf 4 that was committed.
      await createUnit('next');
      await createUnit('next-too');
      expect((await app.services.ledger.verifyAll()).findings).toEqual([]);
    });
  }
});
