import {
  type CaseDto,
  type CompletenessDto,
  type CompletenessList,
  type RecordingDto,
} from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../src/security/actor';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';
import { approveChain, issueDocument, newParty, officerActor, registerCase } from './fixtures/cases';
import { ingestBytes, wav } from './fixtures/recordings';

type Person = Session & { id: string; unitId: string };
type Refusal = {
  message: string;
  missing: { code: string; ruleId?: string; message: { 'zh-CN': string } }[];
};

/**
 * The investigation of the penalty procedure (version 2, RULES A7.1–A7.5) through the HTTP API:
 * each investigation act with its records, the evidence-preservation approvals and deadline, the
 * 60 (+30) working-day investigation period, the end of the investigation, and the completeness
 * report with the A25.1 upload lateness of the AV records.
 */
describeEachDialect('investigation (A7): acts, records, preservation, extension, completeness', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let officer: Person;
  let partner: { id: string };
  let head: Person;
  let agency: Person;
  let legal: Person;
  let seed = 100;

  beforeAll(async () => {
    c = await startTestApp(dialect);
    officer = await signInAs(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '周执法' });
    partner = await buildPerson(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '吴执法' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '劳动保障监察大队', name: '郑队长' });
    agency = await signInAs(c.app, { roles: ['agency_head'], unit: '局领导', name: '王局长' });
    legal = await signInAs(c.app, { roles: ['legal'], unit: '法制科' });
  });
  afterAll(async () => c.stop());

  const get = async (id: string) => {
    const res = await officer.get(`/api/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDto>();
  };
  const act = (id: string, t: string, inputs?: Record<string, unknown>) =>
    officer.post(`/api/cases/${id}/transitions/${t}`, inputs ? { inputs } : {});
  const codes = (res: { json<T>(): T }) => res.json<Refusal>().missing.map((m) => m.code);

  /** The officer proposes; the chain's roles approve in order. */
  const approve = (caseId: string, t: string, inputs?: Record<string, unknown>) =>
    approveChain(officer, { unit_head: head, agency_head: agency }, caseId, t, inputs);

  async function openCase(): Promise<CaseDto> {
    const k = await registerCase(officer, [officer.id, partner.id], { partyId: await newParty(officer) });
    await approve(k.id, 'open_case');
    const opened = await get(k.id);
    expect(opened).toMatchObject({ step: 'investigation', procedure: { id: 'penalty', version: 2 } });
    return opened;
  }

  const actor = (): Actor => officerActor(officer, '周执法');

  /** A recording uploaded now that ended `hoursAgo` hours ago, linked to the case for `requirement`. */
  async function recordAv(caseId: string, requirement: string, hoursAgo = 1): Promise<string> {
    const end = new Date(c.clock.now().getTime() - hoursAgo * 3_600_000);
    const start = new Date(end.getTime() - 600_000);
    const ingested = await ingestBytes(c.app, actor(), wav(seed++), {
      filename: `DSJ_${seed}.wav`,
      captureStart: start.toISOString(),
      captureEnd: end.toISOString(),
      place: '某公司车间',
    });
    const id = ingested.recording?.id ?? '';
    const link = await officer.post(`/api/recordings/${id}/links`, { caseId, step: requirement });
    expect(link.statusCode, link.body).toBe(201);
    return id;
  }

  it('A7.1 an on-site inspection needs its 检查(勘验)笔录 and the AV of the inspection; a second one needs its own', async () => {
    const k = await openCase();
    const bare = await act(k.id, 'record_inspection');
    expect(bare.statusCode).toBe(409);
    expect(bare.json<Refusal>().missing.map((m) => [m.code, m.ruleId])).toEqual([
      ['document_missing', 'A7.1'],
      ['recording_missing', 'A7.1'],
    ]);
    expect(bare.json<Refusal>().message).toContain('录音录像');
    expect(bare.json<Refusal>().missing[0]?.message['zh-CN']).toBe('缺少已签发的《检查(勘验)笔录》（A7.1）');
    await issueDocument(officer, k.id, 'inspection_record');
    expect(codes(await act(k.id, 'record_inspection'))).toEqual(['recording_missing']);
    await recordAv(k.id, 'inspection_av');
    const done = await act(k.id, 'record_inspection');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<CaseDto>().step).toBe('investigation');
    expect(done.json<CaseDto>().timeline[0]).toMatchObject({ action: 'case.transitioned' });
    // The records of the first inspection do not serve a second one.
    expect(codes(await act(k.id, 'record_inspection'))).toEqual(['document_missing', 'recording_missing']);
  });

  it('A7.2 every interview has its 询问笔录', async () => {
    const k = await openCase();
    expect(codes(await act(k.id, 'record_interview'))).toEqual(['document_missing']);
    await issueDocument(officer, k.id, 'inquiry_notice');
    expect(codes(await act(k.id, 'record_interview'))).toEqual(['document_missing']);
    await issueDocument(officer, k.id, 'interview_record');
    expect((await act(k.id, 'record_interview')).statusCode).toBe(200);
    expect(codes(await act(k.id, 'record_interview'))).toEqual(['document_missing']);
    await issueDocument(officer, k.id, 'interview_record');
    expect((await act(k.id, 'record_interview')).statusCode).toBe(200);
  });

  it('A7.3 evidence preservation: unit head and agency head approve, the notice is issued with AV; the 7-working-day decision runs until the release notice', async () => {
    const k = await openCase();
    const unapproved = await act(k.id, 'preserve_evidence');
    expect(codes(unapproved)).toEqual(['approval_missing', 'document_missing', 'recording_missing']);
    await approve(k.id, 'preserve_evidence');
    // Approved, but the notice and the AV are still missing: the case waits.
    expect((await get(k.id)).data.evidencePreserved).toBeUndefined();
    await issueDocument(officer, k.id, 'preservation_notice');
    await recordAv(k.id, 'preservation_av');
    const preserved = await act(k.id, 'preserve_evidence');
    expect(preserved.statusCode, preserved.body).toBe(200);
    const after = preserved.json<CaseDto>();
    expect(after.data.evidencePreserved).toBe(true);
    // Saturday 2026-11-28 + 7 working days = Tuesday 2026-12-08.
    expect(after.deadlines.find((d) => d.periodId === 'preservation_decision')).toMatchObject({
      status: 'open',
      startedOn: '2026-11-28',
      dueOn: '2026-12-08',
    });
    const twice = await officer.post(`/api/cases/${k.id}/transitions/preserve_evidence/propose`, {
      opinion: '再次',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Refusal>().message).toContain('尚未作出处理决定');
    const end = await officer.post(`/api/cases/${k.id}/transitions/end_investigation/propose`, {
      opinion: '终结',
    });
    expect(end.statusCode).toBe(409);
    expect(end.json<Refusal>().missing.map((m) => [m.code, m.ruleId])).toContainEqual(['condition', 'A7.3']);

    expect(codes(await act(k.id, 'release_evidence'))).toEqual(['document_missing']);
    await issueDocument(officer, k.id, 'preservation_release');
    const released = await act(k.id, 'release_evidence');
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json<CaseDto>().data.evidencePreserved).toBe(false);
    expect(
      released.json<CaseDto>().deadlines.find((d) => d.periodId === 'preservation_decision'),
    ).toMatchObject({
      status: 'met',
    });
    const none = await act(k.id, 'release_evidence');
    expect(none.json<Refusal>().message).toContain('没有先行登记保存的证据');
  });

  it('A7.4 an audit or appraisal needs the 委托书 to the expert body and the 通知书 to the party', async () => {
    const k = await openCase();
    expect(codes(await act(k.id, 'commission_audit'))).toEqual(['document_missing', 'document_missing']);
    await issueDocument(officer, k.id, 'audit_commission');
    await issueDocument(officer, k.id, 'audit_notice');
    expect((await act(k.id, 'commission_audit')).statusCode).toBe(200);
  });

  it('A7.5 the investigation runs 60 working days from opening; the agency head may extend it once by 30 from its end', async () => {
    const k = await openCase();
    const original = k.deadlines.find((d) => d.periodId === 'investigation');
    expect(original).toMatchObject({ status: 'open', startedOn: '2026-11-28' });
    // Proposed with its reason: the agency head's approval extends it at once.
    await approve(k.id, 'extend_investigation', { extensionReason: '案情复杂，需调取银行流水' });
    const extended = await get(k.id);
    expect(extended.data.extensionReason).toBe('案情复杂，需调取银行流水');
    const byPeriod = Object.fromEntries(extended.deadlines.map((d) => [d.periodId, d]));
    expect(byPeriod.investigation?.status).toBe('extended');
    expect(byPeriod.investigation_extension).toMatchObject({ status: 'open', startedOn: original?.dueOn });
    expect(byPeriod.investigation_extension!.dueOn > original!.dueOn).toBe(true);
    const again = await officer.post(`/api/cases/${k.id}/transitions/extend_investigation/propose`, {
      opinion: '再延长',
      inputs: { extensionReason: '仍需调查' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<Refusal>().message).toContain('只能延长一次');
  });

  it('A7.5 the investigation ends with the 调查终结报告 and the approved 行政处罚建议, meeting the investigation deadline', async () => {
    const k = await openCase();
    expect(codes(await act(k.id, 'end_investigation'))).toEqual(['approval_missing', 'document_missing']);
    await issueDocument(officer, k.id, 'investigation_report');
    await approve(k.id, 'end_investigation');
    const ended = await get(k.id);
    expect(ended).toMatchObject({ step: 'investigation_ended', stage: 'review', status: 'open' });
    expect(ended.deadlines.find((d) => d.periodId === 'investigation')?.status).toBe('met');
    expect(ended.deadlines.find((d) => d.periodId === 'penalty_decision')?.status).toBe('open');
    expect(ended.transitions.map((t) => t.id)).toContain('transfer');
  });

  it('A25.1 the completeness report lists each completed step’s records with rule IDs, flags an upload more than 24 hours late, and shows an unlinked recording as missing', async () => {
    const k = await openCase();
    await issueDocument(officer, k.id, 'inspection_record');
    const late = await recordAv(k.id, 'inspection_av', 30);
    expect((await act(k.id, 'record_inspection')).statusCode).toBe(200);
    const res = await legal.get(`/api/cases/${k.id}/completeness`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<CompletenessDto>();
    expect(report).toMatchObject({ complete: true, missing: 0, lateUploads: 1 });
    expect(report.items.map((i) => [i.transition, i.kind, i.ruleId, i.status])).toEqual([
      ['open_case', 'approval', 'A6.1', 'present'],
      ['record_inspection', 'document', 'A7.1', 'present'],
      ['record_inspection', 'recording', 'A7.1', 'present'],
    ]);
    const av = report.items.find((i) => i.kind === 'recording')?.recordings[0];
    expect(av).toMatchObject({ recordingId: late, late: true, uploadHours: 30 });
    // Bureau-wide: the recording carries the 逾期上传 flag, and the list filters by it.
    const flagged = (await legal.get(`/api/recordings/${late}`)).json<RecordingDto>().flags;
    expect(flagged).toContainEqual(expect.objectContaining({ kind: 'late_upload', seconds: 30 * 3600 }));
    expect(flagged.find((f) => f.kind === 'late_upload')?.text.zh).toContain('30 小时');
    const lateList = (await legal.get('/api/recordings?flag=late_upload')).json<{
      items: { id: string }[];
    }>();
    expect(lateList.items.map((i) => i.id)).toContain(late);
    const onTime = await recordAv(k.id, 'inspection_av', 2);
    expect(
      (await legal.get('/api/recordings?flag=late_upload'))
        .json<{ items: { id: string }[] }>()
        .items.map((i) => i.id),
    ).not.toContain(onTime);
    // A corrected capture time recomputes the flag.
    const corrected = await head.patch(`/api/recordings/${late}`, {
      captureEnd: new Date(c.clock.now().getTime() - 3_600_000).toISOString(),
      reason: '记录仪时钟偏差，按现场笔录更正',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json<RecordingDto>().flags.map((f) => f.kind)).not.toContain('late_upload');

    // Both links are removed afterwards: the inspection's AV is now missing.
    const unlink = async (recordingId: string) => {
      const links = (await officer.get(`/api/recordings/${recordingId}/links`)).json<{
        items: { id: string }[];
      }>();
      const res = await c.app.http.inject({
        method: 'DELETE',
        url: `/api/recordings/${recordingId}/links/${links.items[0]?.id}?reason=${encodeURIComponent('关联错误')}`,
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
      });
      expect(res.statusCode).toBe(204);
    };
    await unlink(late);
    // The on-time recording, linked after the inspection was recorded, fills the gap (attached late).
    const filled = (await legal.get(`/api/cases/${k.id}/completeness`)).json<CompletenessDto>();
    expect(filled).toMatchObject({ complete: true, lateUploads: 0 });
    expect(filled.items.find((i) => i.kind === 'recording')?.recordings.map((r) => r.recordingId)).toEqual([
      onTime,
    ]);
    await unlink(onTime);
    const now = (await legal.get(`/api/cases/${k.id}/completeness`)).json<CompletenessDto>();
    expect(now).toMatchObject({ complete: false, missing: 1, lateUploads: 0 });
    expect(now.items.find((i) => i.kind === 'recording')).toMatchObject({
      status: 'missing',
      ruleId: 'A7.1',
    });
    // Across cases (A33.1): the legal office's list shows the case with what it lacks.
    const across = (await legal.get('/api/completeness?pageSize=100')).json<CompletenessList>();
    expect(across.items.find((i) => i.case.id === k.id)).toMatchObject({ complete: false, missing: 1 });
    expect(across.items.some((i) => i.complete)).toBe(true);
    const outsider = await signInAs(c.app, { roles: ['officer'], unit: '社会保险科' });
    expect((await outsider.get(`/api/cases/${k.id}/completeness`)).statusCode).toBe(404);
    const theirs = (await outsider.get('/api/completeness')).json<CompletenessList>();
    expect(theirs.items.some((i) => i.case.id === k.id)).toBe(false);
  });
});
