import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ledgerRepository } from '../src/ledger/ledger.repository';
import { blobRelativePath } from '../src/storage/blob-paths';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { signInAs } from './factories';
import type { Session } from './http-client';

describeEachDialect('ledger verification finds tampering', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  let admin: Session & { id: string; unitId: string };
  let unitId: string;

  beforeEach(async () => {
    ctx = await startTestApp(dialect);
    admin = await signInAs(ctx.app, { roles: ['it_admin'], unit: '信息中心' });
    unitId = (await admin.post('/api/units', { name: '劳动保障监察大队' })).json<{ id: string }>().id;
    await admin.patch(`/api/units/${unitId}`, { code: 'JC01' });
    await ctx.app.services.ledger.signHead();
  });
  afterEach(async () => ctx.stop());

  const verify = () => ctx.app.services.ledger.verifyAll();
  const messages = async () =>
    (await verify()).findings.map((f) => `${f.kind} ${f.seq ?? '-'} ${JSON.stringify(f.params)}`);
  const lastSeqOf = async (subjectId: string) =>
    Number(
      (
        await ctx.app.deps.db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('subject_id', '=', subjectId)
          .executeTakeFirstOrThrow()
      ).seq,
    );

  /** What an attacker with database rights would do first: switch the append-only guard off. */
  async function disableGuards(table: string) {
    if (dialect === 'postgresql') {
      await sql`alter table ${sql.table(table)} disable trigger user`.execute(ctx.app.deps.db);
    } else {
      await sql`drop trigger ${sql.raw(`${table}_no_update`)}`.execute(ctx.app.deps.db);
      await sql`drop trigger ${sql.raw(`${table}_no_delete`)}`.execute(ctx.app.deps.db);
    }
  }

  it('A36.1 an untouched ledger verifies clean', async () => {
    const report = await verify();
    expect(report.findings).toEqual([]);
    expect(report.treeSize).toBeGreaterThan(3);
    expect(report.headsChecked).toBe(1);
    expect(report.rowsChecked).toBeGreaterThanOrEqual(2);
  });

  it('A36.1 the database refuses UPDATE, DELETE and TRUNCATE on the ledger tables', async () => {
    const updates = {
      ledger_entries: sql`update ledger_entries set action = 'x'`,
      ledger_nodes: sql`update ledger_nodes set level = 7`,
      ledger_heads: sql`update ledger_heads set key_id = 'x'`,
    };
    for (const [table, update] of Object.entries(updates)) {
      await expect(update.execute(ctx.app.deps.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from ${sql.table(table)}`.execute(ctx.app.deps.db)).rejects.toThrow(
        /append-only/,
      );
      if (dialect === 'postgresql') {
        await expect(sql`truncate ${sql.table(table)}`.execute(ctx.app.deps.db)).rejects.toThrow(
          /append-only/,
        );
      }
    }
    expect((await verify()).findings).toEqual([]);
  });

  it('A36.1 a business row changed outside the service is named with the leaf that wrote it', async () => {
    await sql`update units set name = ${'劳动保障监察大队X'} where id = ${unitId}`.execute(ctx.app.deps.db);
    const seq = await lastSeqOf(unitId);
    expect(await messages()).toEqual([
      `row_differs ${seq} ${JSON.stringify({ seq, action: 'unit.updated', type: 'unit', id: unitId })}`,
    ]);
    const report = await verify();
    expect(report.findings[0]?.key).toBe('ledger.row_differs');
  });

  it('A36.1 a deleted business row and a row written around the ledger are both found', async () => {
    const unit2 = (await admin.post('/api/units', { name: '档案室' })).json<{ id: string }>().id;
    await sql`delete from units where id = ${unit2}`.execute(ctx.app.deps.db);
    const at = new Date().toISOString();
    await sql`insert into units (id, name, active, created_at, updated_at) values ('sneaky', '影子单位', 1, ${at}, ${at})`.execute(
      ctx.app.deps.db,
    );
    const kinds = (await verify()).findings.map((f) => `${f.kind}:${String(f.params.id)}`);
    expect(kinds.sort()).toEqual([`row_missing:${unit2}`, 'row_unrecorded:sneaky']);
  });

  it('A36.1 an edited leaf is found at its sequence number', async () => {
    const seq = await lastSeqOf(unitId);
    await disableGuards('ledger_entries');
    await sql`update ledger_entries set event = replace(event, 'unit.updated', 'unit.UPDATED') where seq = ${seq}`.execute(
      ctx.app.deps.db,
    );
    const findings = (await verify()).findings.map((f) => `${f.kind} ${f.seq}`);
    expect(findings).toContain(`event_mismatch ${seq}`);
    expect(findings).toContain(`leaf_hash_differs ${seq}`);
  });

  it('A36.1 an edited first event is named once, with every subtree above it', async () => {
    // On PostgreSQL verify takes each level's stored hashes as one digest; only a level whose
    // digest differs is read node by node, to name what differs.
    await disableGuards('ledger_entries');
    await sql`update ledger_entries set event = replace(event, '"action":"', '"action":"x') where seq = 1`.execute(
      ctx.app.deps.db,
    );
    const report = await verify();
    const { action } = await ctx.app.deps.db
      .selectFrom('ledger_entries')
      .select('action')
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    const above = Array.from({ length: Math.floor(Math.log2(report.treeSize)) }, (_, i) => i + 1).map(
      (level) => `node_differs - ${JSON.stringify({ node: `${level}:0` })}`,
    );
    expect((await messages()).sort()).toEqual(
      [
        `event_mismatch 1 ${JSON.stringify({ seq: 1, action })}`,
        `leaf_hash_differs 1 ${JSON.stringify({ seq: 1, action })}`,
        ...above,
        'head_root_differs - {"size":' + String(report.treeSize) + '}',
      ].sort(),
    );
  });

  it('A36.1 an edited tree node and a forged head signature are found', async () => {
    await disableGuards('ledger_nodes');
    await sql`update ledger_nodes set hash = ${createHash('sha256').update('forged').digest()} where level = 1 and idx = 0`.execute(
      ctx.app.deps.db,
    );
    await disableGuards('ledger_heads');
    await sql`update ledger_heads set signature = ${Buffer.alloc(64, 7).toString('base64')}`.execute(
      ctx.app.deps.db,
    );
    const kinds = (await verify()).findings.map((f) => `${f.kind} ${JSON.stringify(f.params)}`);
    expect(kinds).toContain('node_differs {"node":"1:0"}');
    expect(kinds.some((k) => k.startsWith('head_signature_invalid'))).toBe(true);
  });

  it('A36.1 a deleted tree node and a hash cut short are named exactly, and nothing beside them', async () => {
    await disableGuards('ledger_nodes');
    await sql`delete from ledger_nodes where level = 1 and idx = 1`.execute(ctx.app.deps.db);
    await sql`update ledger_nodes set hash = ${Buffer.alloc(31, 1)} where level = 0 and idx = 2`.execute(
      ctx.app.deps.db,
    );
    const { action } = await ctx.app.deps.db
      .selectFrom('ledger_entries')
      .select('action')
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    expect((await messages()).sort()).toEqual([
      `leaf_hash_differs 3 ${JSON.stringify({ seq: 3, action })}`,
      `node_missing - ${JSON.stringify({ node: '1:1' })}`,
    ]);
  });

  it('A36.1 tree nodes stored out of index order verify clean, and nodes whose indices were swapped are found', async () => {
    await disableGuards('ledger_nodes');
    // An update that changes nothing writes the row anew (on PostgreSQL at the heap's end): the
    // level's nodes are no longer stored in index order, which verify must not mistake for a change.
    await sql`update ledger_nodes set hash = hash where level = 0 and idx = 0`.execute(ctx.app.deps.db);
    await sql`update ledger_nodes set hash = hash where level = 1 and idx = 0`.execute(ctx.app.deps.db);
    expect(await messages()).toEqual([]);
    // The same hashes under each other's index: every hash is still stored, none where it belongs.
    await sql`update ledger_nodes set idx = -1 where level = 0 and idx = 0`.execute(ctx.app.deps.db);
    await sql`update ledger_nodes set idx = 0 where level = 0 and idx = 1`.execute(ctx.app.deps.db);
    await sql`update ledger_nodes set idx = 1 where level = 0 and idx = -1`.execute(ctx.app.deps.db);
    const actions = await ctx.app.deps.db
      .selectFrom('ledger_entries')
      .select(['seq', 'action'])
      .where('seq', '<=', 2)
      .orderBy('seq')
      .execute();
    expect(await messages()).toEqual(
      actions.map(
        ({ seq, action }) => `leaf_hash_differs ${seq} ${JSON.stringify({ seq: Number(seq), action })}`,
      ),
    );
  });

  it('A36.1 a level of stored nodes is given in index order, however the database stores it', async () => {
    // Two levels far past the tree, each inserted in reverse: the heap holds them against index
    // order, and reading both levels at once makes the database scan the heap, not the index.
    const levels = [16, 8].map((count, level) =>
      Array.from({ length: count }, (_, i) => createHash('sha256').update(`node ${level}:${i}`).digest()),
    );
    for (const [level, hashes] of levels.entries()) {
      for (let i = hashes.length - 1; i >= 0; i--) {
        await ctx.app.deps.db
          .insertInto('ledger_nodes')
          .values({ level, idx: 1024 / 2 ** level + i, hash: hashes[i] as Buffer })
          .execute();
      }
    }
    const read = await ledgerRepository.nodesWithin(ctx.app.deps.db, 1024, 1040, 1);
    expect(read).toEqual(
      levels.map((hashes) =>
        dialect === 'postgresql'
          ? { digest: createHash('sha256').update(Buffer.concat(hashes)).digest('hex') }
          : { hexes: hashes.map((h) => h.toString('hex')) },
      ),
    );
  });

  it('A36.1 a blob whose bytes change or disappear is found, by its hash', async () => {
    const bytes = Buffer.from('执法记录仪视频片段');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(ctx.database.dataDir, 'blobs', blobRelativePath(sha));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const { seq } = await ctx.app.deps.ledger.recordAccess(ctx.app.deps.write, {
      actorId: admin.id,
      action: 'evidence.viewed',
      subject: { type: 'blob', id: sha },
      blobSha256: sha,
    });
    expect((await verify()).findings).toEqual([]);
    writeFileSync(file, Buffer.concat([bytes, Buffer.from('!')]));
    expect(await messages()).toEqual([`blob_differs ${seq} ${JSON.stringify({ hash: sha, seq })}`]);
    rmSync(file);
    expect((await verify()).findings.map((f) => f.kind)).toEqual(['blob_missing']);
  });
});
