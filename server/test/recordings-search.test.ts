import { permissionsOf, type RecordingDto, type Role } from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../src/security/actor';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { signInAs } from './factories';
import type { Session } from './http-client';
import { ingestBytes, wav } from './fixtures/recordings';
import { registerCase } from './fixtures/cases';

type Person = Session & { id: string; unitId: string; roles: Role[] };
type Page = { items: RecordingDto[]; total: number };

const actorOf = (p: Person): Actor => ({
  id: p.id,
  username: p.id,
  name: p.id,
  unitId: p.unitId,
  roles: p.roles,
  permissions: new Set(permissionsOf(p.roles)),
});
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 20, 1, minute, second)).toISOString();

describeEachDialect('recordings: search, visibility, corrections, continuity, links', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  const p: Record<string, Person> = {};
  const r: Record<string, string> = {};

  const person = async (key: string, roles: Role[], unit: string) => {
    p[key] = Object.assign(await signInAs(c.app, { roles, unit }), { roles });
  };
  const names = (page: Page) =>
    page.items.map((i) => Object.entries(r).find(([, id]) => id === i.id)?.[0]).sort();
  const list = async (who: string, query = '') => {
    const res = await p[who]?.get(`/api/recordings${query}`);
    expect(res?.statusCode).toBe(200);
    return res?.json<Page>() as Page;
  };
  const flagsOf = async (key: string) =>
    ((await p.legal?.get(`/api/recordings/${r[key]}`))?.json<RecordingDto>().flags ?? [])
      // Continuity only: these segments were recorded days before the test clock (late uploads).
      .filter((f) => f.kind !== 'unknown_device' && f.kind !== 'late_upload')
      .map((f) => ({
        kind: f.kind,
        seconds: f.seconds,
        other: Object.entries(r).find(([, id]) => id === f.otherId)?.[0] ?? null,
      }));

  beforeAll(async () => {
    c = await startTestApp(dialect);
    await person('a1', ['officer'], '一大队');
    await person('a2', ['officer'], '一大队');
    await person('headA', ['unit_head'], '一大队');
    await person('b1', ['officer'], '二大队');
    await person('legal', ['legal'], '法制科');
    await person('archivist', ['archivist'], '档案室');
    await person('finance', ['finance'], '财务科');
    await person('it', ['it_admin'], '信息中心');
    const segment = async (key: string, seed: number, who: string, meta: Record<string, string>) => {
      const res = await ingestBytes(c.app, actorOf(p[who] as Person), wav(seed), {
        filename: `${key}.wav`,
        ...meta,
      });
      r[key] = res.recording?.id ?? '';
    };
    const scene = {
      deviceNumber: 'CAM001',
      place: '甲公司车间',
      party: '张三建筑公司',
      caseCause: '拖欠工资',
      category: 'inspection',
    };
    await segment('r1', 1, 'a1', { ...scene, captureStart: at(0), captureEnd: at(1) });
    await segment('r2', 2, 'a1', { ...scene, captureStart: at(1, 5), captureEnd: at(2, 5) });
    await segment('r3', 3, 'a1', { ...scene, captureStart: at(3), captureEnd: at(4) });
    await segment('r4', 4, 'a1', { ...scene, captureStart: at(3, 30), captureEnd: at(4, 30) });
    await segment('r5', 5, 'b1', {
      deviceNumber: 'CAM002',
      party: '李四',
      category: 'questioning',
      captureStart: at(10),
    });
    await segment('r6', 6, 'headA', {
      confidentiality: 'sensitive',
      captureStart: at(20),
      caseCause: '工伤',
    });
  });
  afterAll(async () => c.stop());

  it('A25.4 a person sees only what their role and unit allow', async () => {
    expect(names(await list('a2'))).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(names(await list('headA'))).toEqual(['r1', 'r2', 'r3', 'r4', 'r6']);
    expect(names(await list('b1'))).toEqual(['r5']);
    expect(names(await list('legal'))).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(names(await list('archivist'))).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect((await p.finance?.get('/api/recordings'))?.statusCode).toBe(403);
    expect((await p.it?.get('/api/recordings'))?.statusCode).toBe(403);
    expect((await p.b1?.get(`/api/recordings/${r.r1}`))?.statusCode).toBe(404);
    expect((await p.a2?.get(`/api/recordings/${r.r6}`))?.statusCode).toBe(404);
  });

  it('A30.1 filters by unit, device, officer, time, party, case cause, category, kind; paged and sorted with a total', async () => {
    expect(names(await list('legal', `?unitId=${p.b1?.unitId}`))).toEqual(['r5']);
    expect(names(await list('legal', '?deviceNumber=cam001'))).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(names(await list('legal', `?officerId=${p.b1?.id}`))).toEqual(['r5']);
    const range = `?from=${encodeURIComponent('2026-11-20T09:01:00+08:00')}&to=${encodeURIComponent(at(10))}`;
    expect(names(await list('legal', range))).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(names(await list('legal', `?party=${encodeURIComponent('张三')}`))).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
    ]);
    expect(names(await list('legal', `?caseCause=${encodeURIComponent('工伤')}`))).toEqual(['r6']);
    expect(names(await list('legal', '?category=questioning'))).toEqual(['r5']);
    expect((await list('legal', '?kind=audio')).total).toBe(6);
    expect((await list('legal', '?kind=photo')).total).toBe(0);
    const page = await list('legal', '?sort=captureStart&order=asc&pageSize=2&page=2');
    expect(page.total).toBe(6);
    expect(page.items.map((i) => i.id)).toEqual([r.r3, r.r4]);
    const bad = await p.legal?.get('/api/recordings?from=yesterday');
    expect(bad?.statusCode).toBe(400);
    expect(bad?.json()).toMatchObject({ field: 'from' });
  });

  it('A22.5 continuity: a gap beyond the tolerance and an overlap are flagged exactly, and listable', async () => {
    expect(await flagsOf('r1')).toEqual([]);
    expect(await flagsOf('r2')).toEqual([]); // 5 s pause: within the 10 s tolerance
    expect(await flagsOf('r3')).toEqual([{ kind: 'gap', seconds: 55, other: 'r2' }]);
    expect(await flagsOf('r4')).toEqual([{ kind: 'overlap', seconds: 30, other: 'r3' }]);
    const r3 = (await p.legal?.get(`/api/recordings/${r.r3}`))?.json<RecordingDto>();
    expect(r3?.flags[0]?.text.zh).toBe('断续录制：与上一段间隔 55秒');
    expect(names(await list('legal', '?flag=gap'))).toEqual(['r3']);
    expect(names(await list('legal', '?flag=insertion'))).toEqual(['r4']);
    // Unknown device numbers are flagged until the device is registered.
    expect(names(await list('legal', '?flag=unknown_device'))).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('corrections are ledgered with the values before and after; times corrected re-run the continuity check', async () => {
    const before = await c.app.deps.db.selectFrom('ledger_entries').select('seq').execute();
    const res = await p.a1?.patch(`/api/recordings/${r.r3}`, {
      captureStart: '2026-11-20T09:02:10+08:00',
      captureEnd: at(3, 10),
      party: '张三建筑有限公司',
      reason: '记录仪时钟慢了 50 秒',
    });
    expect(res?.statusCode).toBe(200);
    expect(res?.json<RecordingDto>()).toMatchObject({ captureStart: at(2, 10), party: '张三建筑有限公司' });
    expect(await flagsOf('r3')).toEqual([]);
    expect(await flagsOf('r4')).toEqual([{ kind: 'gap', seconds: 20, other: 'r3' }]);
    const history = (await p.a1?.get(`/api/recordings/${r.r3}/history`))?.json<{
      items: {
        action: string;
        initial: Record<string, unknown> | null;
        changes: Record<string, unknown> | null;
        reason: string | null;
      }[];
    }>();
    expect(history?.items.map((h) => h.action)).toEqual(['recording.ingested', 'recording.corrected']);
    expect(history?.items[0]?.initial).toMatchObject({ captureStart: at(3), party: '张三建筑公司' });
    expect(history?.items[1]).toMatchObject({
      reason: '记录仪时钟慢了 50 秒',
      changes: {
        captureStart: { from: at(3), to: at(2, 10) },
        captureEnd: { from: at(4), to: at(3, 10) },
        party: { from: '张三建筑公司', to: '张三建筑有限公司' },
      },
    });
    expect((await c.app.deps.db.selectFrom('ledger_entries').select('seq').execute()).length).toBe(
      before.length + 1,
    );
  });

  it('bad corrections are refused with a field message and change nothing', async () => {
    const leaves = async () =>
      (await c.app.deps.db.selectFrom('ledger_entries').select('seq').execute()).length;
    const before = await leaves();
    const order = await p.a1?.patch(`/api/recordings/${r.r1}`, {
      captureEnd: at(0, 0).replace('01:00', '00:59'),
      reason: '更正',
    });
    expect(order?.statusCode).toBe(400);
    expect(order?.json()).toMatchObject({
      field: 'captureEnd',
      message: '拍摄结束时间：拍摄结束时间不得早于开始时间',
    });
    const officer = await p.a1?.patch(`/api/recordings/${r.r1}`, {
      officerIds: [crypto.randomUUID()],
      reason: '更正',
    });
    expect(officer?.json()).toMatchObject({ field: 'officerIds' });
    const noReason = await p.a1?.patch(`/api/recordings/${r.r1}`, { party: '某' });
    expect(noReason?.json()).toMatchObject({ field: 'reason' });
    const same = await p.a1?.patch(`/api/recordings/${r.r1}`, { party: '张三建筑公司', reason: '无' });
    expect(same?.json()).toMatchObject({ code: 'recording.nothing_changed' });
    expect(
      (await p.a2?.patch(`/api/recordings/${r.r1}`, { party: '某某', reason: '更正' }))?.statusCode,
    ).toBe(403);
    expect(
      (await p.b1?.patch(`/api/recordings/${r.r1}`, { party: '某某', reason: '更正' }))?.statusCode,
    ).toBe(404);
    expect(await leaves()).toBe(before);
  });

  it('links attach a recording to a case’s AV requirement, ledgered; listing by case; unlinking keeps the record', async () => {
    const k = await registerCase(p.a1 as Person, [p.a1?.id ?? '', p.a2?.id ?? '']);
    const before = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const unknownCase = await p.a1?.post(`/api/recordings/${r.r1}/links`, {
      caseId: 'CASE-1',
      step: 'inspection_av',
    });
    expect(unknownCase?.statusCode).toBe(400);
    expect(unknownCase?.json()).toMatchObject({ code: 'recording.link_case_unknown', field: 'caseId' });
    const unknownStep = await p.a1?.post(`/api/recordings/${r.r1}/links`, {
      caseId: k.id,
      step: 'inspection',
    });
    expect(unknownStep?.statusCode).toBe(400);
    expect(unknownStep?.json<{ message: string }>().message).toContain('inspection_av');
    expect(
      (
        await c.app.deps.db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(before.n);
    const link = await p.a1?.post(`/api/recordings/${r.r1}/links`, { caseId: k.id, step: 'inspection_av' });
    expect(link?.statusCode).toBe(201);
    const linkId = link?.json<{ id: string }>().id ?? '';
    expect(
      (await p.a1?.post(`/api/recordings/${r.r1}/links`, { caseId: k.id, step: 'inspection_av' }))
        ?.statusCode,
    ).toBe(409);
    await p.a1?.post(`/api/recordings/${r.r2}/links`, { caseId: k.id, step: 'inspection_av' });
    expect(names(await list('legal', `?caseId=${k.id}`))).toEqual(['r1', 'r2']);
    expect(names(await list('legal', `?caseId=${k.id}&step=preservation_av`))).toEqual([]);
    const removed = await c.app.http.inject({
      method: 'DELETE',
      url: `/api/recordings/${r.r1}/links/${linkId}?reason=${encodeURIComponent('关联错误')}`,
      headers: { cookie: p.a1?.cookie ?? '', 'x-csrf-token': p.a1?.csrf ?? '' },
    });
    expect(removed.statusCode).toBe(204);
    expect(names(await list('legal', `?caseId=${k.id}`))).toEqual(['r2']);
    // r2 alone in its step: no flags; r3 now follows r1 in the unlinked group (gap 70 s).
    expect(await flagsOf('r2')).toEqual([]);
    expect(await flagsOf('r3')).toEqual([{ kind: 'gap', seconds: 70, other: 'r1' }]);
    const entries = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select('action')
      .where('subject_id', '=', linkId)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['recording_link.created', 'recording_link.removed']);
    const history = (await p.legal?.get(`/api/recordings/${r.r1}/history`))?.json<{
      items: { action: string }[];
    }>();
    expect(history?.items.map((h) => h.action)).toEqual([
      'recording.ingested',
      'recording_link.created',
      'recording_link.removed',
    ]);
  });

  it('registering the device clears the unknown-device flag; verify is clean after all of it', async () => {
    await p.it?.post('/api/devices', { deviceNumber: 'CAM001', unitId: p.a1?.unitId });
    expect(names(await list('legal', '?flag=unknown_device'))).toEqual(['r5']);
    const r1 = (await p.legal?.get(`/api/recordings/${r.r1}`))?.json<RecordingDto>();
    expect(r1?.device).toMatchObject({ status: 'active' });
    expect((await c.app.services.ledger.verifyAll({ workers: 0 })).findings).toEqual([]);
  });
});
