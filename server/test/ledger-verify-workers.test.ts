import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ledgerRepository } from '../src/ledger/ledger.repository';
import type { VerifyOptions } from '../src/ledger/verify';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { signInAs } from './factories';

/**
 * A full verify split into chunks and ranges of subjects, run in worker threads, must find
 * exactly what the single-threaded run with one rows task per type finds. Chunks of 2^5 leaves
 * let a few hundred entries span many chunks, with signed heads inside chunks and on their
 * boundaries; ranges of about 16 subjects cut the units into ten.
 */
describeEachDialect('ledger verification in worker threads', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  const unitIds: string[] = [];
  const chunked: VerifyOptions = { chunkLevel: 5 };
  const verifyBoth = async () => {
    const [inline, threaded] = [
      await ctx.app.services.ledger.verifyAll({ ...chunked, workers: 0 }),
      // Pages of 5 rows and slices of 7 entries: tasks cross their pages and chunks their slices.
      await ctx.app.services.ledger.verifyAll({
        ...chunked,
        rowsPerTask: 16,
        rowsPerPage: 5,
        entriesPerSlice: 7,
        workers: 2,
      }),
    ];
    return { inline, threaded };
  };
  const kinds = (report: { findings: { kind: string; seq: number | null }[] }) =>
    report.findings.map((f) => `${f.kind} ${f.seq ?? '-'}`);

  beforeAll(async () => {
    ctx = await startTestApp(dialect);
    const admin = await signInAs(ctx.app, { roles: ['it_admin'], unit: '信息中心' });
    for (let i = 0; i < 150; i++) {
      const res = await admin.post('/api/units', { name: `监察中队${i}` });
      unitIds.push(res.json<{ id: string }>().id);
      if (i % 37 === 0 || i === 63) {
        await ctx.app.services.ledger.signHead();
      }
    }
    await ctx.app.services.ledger.signHead();
  });
  afterAll(async () => ctx.stop());

  it('A36.1 a clean ledger verifies clean in worker threads, with the same counts', async () => {
    const { inline, threaded } = await verifyBoth();
    expect(threaded.findings).toEqual([]);
    expect(inline.findings).toEqual([]);
    expect(threaded.treeSize).toBeGreaterThan(4 * 32);
    expect(threaded.headsChecked).toBeGreaterThanOrEqual(6);
    expect({ ...threaded, findings: [] }).toEqual({ ...inline, findings: [] });
    expect(threaded.rowsChecked).toBeGreaterThanOrEqual(151);
  });

  it('A36.1 workers report progress for leaves and rows up to their totals', async () => {
    const seen = new Map<string, [number, number]>();
    await ctx.app.services.ledger.verifyAll({
      ...chunked,
      rowsPerTask: 16,
      workers: 2,
      onProgress: (stage, done, total) => seen.set(stage, [done, total]),
    });
    const [leaves, leafTotal] = seen.get('leaves') ?? [0, -1];
    const [rows, rowTotal] = seen.get('rows') ?? [0, -1];
    expect(leaves).toBe(leafTotal);
    expect(rows).toBe(rowTotal);
    expect(rows).toBeGreaterThan(150);
  });

  it('A36.1 the subject index is cut into ranges of the given size and its entries are counted on the way', async () => {
    const db = ctx.app.deps.db;
    const size = await ledgerRepository.size(db);
    const counted = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_type', '=', 'unit')
      .where('seq', '<=', size - 5)
      .executeTakeFirstOrThrow();
    for (const every of [16, 7, 10_000]) {
      const { bounds, entries } = await ledgerRepository.subjectBoundaries(db, 'unit', size - 5, every);
      expect(entries).toBe(Number(counted.n));
      // Each unit here has one entry, so every range but the last holds exactly `every`.
      expect(bounds).toHaveLength(Math.floor(entries / every));
    }
  });

  it('A36.1 tampering is found the same way in worker threads as on one thread', async () => {
    const db = ctx.app.deps.db;
    if (dialect === 'postgresql') {
      for (const table of ['ledger_entries', 'ledger_nodes']) {
        await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
      }
    } else {
      for (const table of ['ledger_entries', 'ledger_nodes']) {
        await sql`drop trigger ${sql.raw(`${table}_no_update`)}`.execute(db);
      }
    }
    await db
      .updateTable('units')
      .set({ name: '改过的名字' })
      .where('id', '=', unitIds[70] as string)
      .execute();
    // A row whose id ends a range, and one inside a range, are gone.
    const size = await ledgerRepository.size(db);
    const { bounds } = await ledgerRepository.subjectBoundaries(db, 'unit', size, 16);
    const boundary = bounds.find((id) => unitIds.slice(0, 60).includes(id));
    expect(boundary).toBeDefined();
    await db
      .deleteFrom('units')
      .where('id', 'in', [unitIds[120] as string, boundary as string])
      .execute();
    await db
      .insertInto('units')
      .values({
        id: 'sneaky',
        name: '未记录的单位',
        code: null,
        parent_id: null,
        active: 1,
        created_at: '2026-11-28T00:00:00.000Z',
        updated_at: '2026-11-28T00:00:00.000Z',
      })
      .execute();
    await db
      .updateTable('ledger_entries')
      .set({ event: sql`replace(event, '"unit.created"', '"unit.removed"')` })
      .where('seq', '=', 100)
      .execute();
    await db
      .updateTable('ledger_nodes')
      .set({ hash: new Uint8Array(32) })
      .where('level', '=', 6)
      .where('idx', '=', 1)
      .execute();
    const { inline, threaded } = await verifyBoth();
    // The same findings; rows found gone are reported with the page or range that reached them.
    expect(kinds(threaded).sort()).toEqual(kinds(inline).sort());
    const found = threaded.findings.map((f) => `${f.kind} ${JSON.stringify(f.params)}`);
    expect(found).toContain('event_mismatch {"seq":100,"action":"unit.created"}');
    expect(found).toContain('leaf_hash_differs {"seq":100,"action":"unit.created"}');
    expect(found).toContain('node_differs {"node":"6:1"}');
    expect(found.some((f) => f.startsWith('head_root_differs'))).toBe(true);
    expect(found.some((f) => f.startsWith('row_differs') && f.includes(unitIds[70] as string))).toBe(true);
    expect(found.some((f) => f.startsWith('row_missing') && f.includes(unitIds[120] as string))).toBe(true);
    expect(found.some((f) => f.startsWith('row_missing') && f.includes(boundary as string))).toBe(true);
    expect(found).toContain('row_unrecorded {"type":"unit","id":"sneaky"}');
  });
});
