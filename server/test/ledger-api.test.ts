import { statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import type { LedgerStatusDto, ProofBundleDto, SubjectVerificationDto } from '@quancheng/contracts';
import { verifyBundle } from '@quancheng/verifier/bundle';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../src/ledger/signing';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { signInAs } from './factories';
import type { Session } from './http-client';

describeEachDialect('ledger API: signed heads, subject verification, proof bundles', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  let admin: Session & { id: string };
  let legal: Session & { id: string };
  let unitId: string;

  beforeEach(async () => {
    ctx = await startTestApp(dialect);
    admin = await signInAs(ctx.app, { roles: ['it_admin'], unit: '信息中心' });
    legal = await signInAs(ctx.app, { roles: ['legal'], unit: '法制科' });
    unitId = (await admin.post('/api/units', { name: '社会保险经办机构' })).json<{ id: string }>().id;
    await admin.patch(`/api/units/${unitId}`, { code: 'SB01' });
  });
  afterEach(async () => ctx.stop());

  it('creates the signing key once, readable by its owner only, and refuses a key others can read', () => {
    const file = path.join(ctx.database.dataDir, 'ledger-signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateSigningKey(file);
    expect(again.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const loose = path.join(ctx.database.dataDir, 'loose.pem');
    writeFileSync(loose, String(again.privateKey.export({ type: 'pkcs8', format: 'pem' })));
    chmodSync(loose, 0o644);
    expect(() => loadOrCreateSigningKey(loose)).toThrow(/chmod 600/);
  });

  it('signs a head on demand only when the tree grew, and keeps every head', async () => {
    const before = (await legal.get('/api/ledger/status')).json<LedgerStatusDto>();
    expect(before.latestHead).toBeNull();
    expect(before.unsignedLeaves).toBe(before.treeSize);
    expect(before.abilities).toEqual({ sign: false, verify: true });
    expect((await legal.post('/api/ledger/heads')).statusCode).toBe(403);
    const head = await admin.post('/api/ledger/heads');
    expect(head.statusCode).toBe(201);
    expect(head.json()).toMatchObject({
      treeSize: before.treeSize + 0,
      rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
    });
    const same = await admin.post('/api/ledger/heads');
    expect(same.json()).toEqual(head.json());
    await admin.patch(`/api/units/${unitId}`, { code: 'SB02' });
    const next = (await admin.post('/api/ledger/heads')).json<{ treeSize: number }>();
    expect(next.treeSize).toBe(before.treeSize + 1);
    expect(await ctx.app.deps.db.selectFrom('ledger_heads').select('tree_size').execute()).toHaveLength(2);
  });

  it('A29.1 a subject verifies green, and its proof bundle checks out in the stand-alone verifier', async () => {
    await ctx.app.services.ledger.signHead();
    const res = await legal.get(`/api/ledger/subjects/unit/${unitId}/verify`);
    expect(res.statusCode).toBe(200);
    const result = res.json<SubjectVerificationDto>();
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.entries.map((e) => [e.action, e.included, e.actorName])).toEqual([
      ['unit.created', true, expect.any(String) as string],
      ['unit.updated', true, expect.any(String) as string],
    ]);
    const bundleRes = await legal.get(`/api/ledger/subjects/unit/${unitId}/bundle`);
    expect(bundleRes.headers['content-disposition']).toMatch(/^attachment; filename="quancheng-proof-unit-/);
    const bundle = bundleRes.json<ProofBundleDto>();
    const status = (await legal.get('/api/ledger/status')).json<LedgerStatusDto>();
    const report = verifyBundle(bundle, { publicKeyPem: status.publicKeyPem });
    expect(report.ok).toBe(true);
    expect(report.entries.map((e) => e.ok)).toEqual([true, true]);
    // One changed byte of an event in the bundle no longer verifies.
    const forged = structuredClone(bundle);
    const entry = forged.entries[0];
    if (entry) {
      entry.event = entry.event.replace('unit.created', 'unit.deleted');
    }
    expect(verifyBundle(forged, { publicKeyPem: status.publicKeyPem }).ok).toBe(false);
  });

  it('A36.1 a subject whose row was changed outside the product verifies red, naming the leaf', async () => {
    await ctx.app.services.ledger.signHead();
    await sql`update units set code = 'HACK' where id = ${unitId}`.execute(ctx.app.deps.db);
    const result = (
      await legal.get(`/api/ledger/subjects/unit/${unitId}/verify`)
    ).json<SubjectVerificationDto>();
    expect(result.ok).toBe(false);
    const seq = result.entries.at(-1)?.seq;
    expect(result.findings).toEqual([
      {
        kind: 'row_differs',
        seq,
        message: `第 ${seq} 条（unit.updated）：业务数据已被改动（unit ${unitId}）`,
      },
    ]);
  });

  it('entries newer than the latest head are listed as not yet included, not as failures', async () => {
    const result = (
      await legal.get(`/api/ledger/subjects/unit/${unitId}/verify`)
    ).json<SubjectVerificationDto>();
    expect(result.ok).toBe(true);
    expect(result.head).toBeNull();
    expect(result.entries.every((e) => !e.included)).toBe(true);
    expect((await legal.get(`/api/ledger/subjects/unit/${unitId}/bundle`)).statusCode).toBe(404);
  });

  it('serves inclusion and consistency proofs that the verifier accepts', async () => {
    const head1 = (await admin.post('/api/ledger/heads')).json<{ treeSize: number; rootHash: string }>();
    await admin.post('/api/units', { name: '财务科' });
    const head2 = (await admin.post('/api/ledger/heads')).json<{ treeSize: number; rootHash: string }>();
    const { verifyConsistency, verifyInclusion, hexToBytes } = await import('@quancheng/verifier');
    const consistency = (
      await legal.get(`/api/ledger/proofs/consistency?from=${head1.treeSize}&to=${head2.treeSize}`)
    ).json<{ consistencyPath: string[] }>();
    expect(
      verifyConsistency(
        head1.treeSize,
        head2.treeSize,
        hexToBytes(head1.rootHash),
        hexToBytes(head2.rootHash),
        consistency.consistencyPath.map(hexToBytes),
      ),
    ).toBe(true);
    const inclusion = (
      await legal.get(`/api/ledger/proofs/inclusion?seq=2&treeSize=${head2.treeSize}`)
    ).json<{ leafHash: string; inclusionPath: string[] }>();
    expect(
      verifyInclusion(
        1,
        head2.treeSize,
        hexToBytes(inclusion.leafHash),
        inclusion.inclusionPath.map(hexToBytes),
        hexToBytes(head2.rootHash),
      ),
    ).toBe(true);
    expect((await legal.get(`/api/ledger/proofs/inclusion?seq=99999`)).statusCode).toBe(404);
  });

  it('an archivist, who may not list people, still finds a person or unit to verify', async () => {
    const archivist = await signInAs(ctx.app, { roles: ['archivist'], unit: '档案室', name: '马杰' });
    expect((await archivist.get('/api/users')).statusCode).toBe(403);
    const people = (
      await archivist.get(`/api/ledger/subjects?type=user&q=${encodeURIComponent('马')}`)
    ).json<{
      items: { id: string; label: string }[];
    }>();
    expect(people.items).toEqual([
      { id: archivist.id, label: expect.stringMatching(/^马杰（.+）· 档案室$/) as string },
    ]);
    const units = (
      await archivist.get(`/api/ledger/subjects?type=unit&q=${encodeURIComponent('社保%')}`)
    ).json<{
      items: unknown[];
    }>();
    expect(units.items).toEqual([]);
    const all = (await archivist.get('/api/ledger/subjects?type=unit')).json<{
      items: { label: string }[];
    }>();
    expect(all.items.map((u) => u.label)).toContain('社会保险经办机构');
  });

  it('exporting a proof bundle is itself recorded on the ledger', async () => {
    await ctx.app.services.ledger.signHead();
    expect((await legal.get(`/api/ledger/subjects/unit/${unitId}/bundle`)).statusCode).toBe(200);
    const last = await ctx.app.deps.db
      .selectFrom('ledger_entries')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect([last.action, last.actor_id, last.subject_id]).toEqual([
      'ledger.bundle_exported',
      legal.id,
      unitId,
    ]);
  });

  it('people without the verify permission cannot reach the ledger', async () => {
    const officer = await signInAs(ctx.app, { roles: ['officer'] });
    expect((await officer.get('/api/ledger/status')).statusCode).toBe(403);
    expect((await officer.get(`/api/ledger/subjects/unit/${unitId}/verify`)).statusCode).toBe(403);
  });
});
