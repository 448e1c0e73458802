import {
  type CaseDto,
  type CompletenessDto,
  type DeliveryList,
  type PaymentList,
} from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';
import {
  approveChain,
  issueDocument,
  newParty,
  officerActor,
  registerCase,
  transition,
} from './fixtures/cases';
import { ingestBytes, wav } from './fixtures/recordings';

type Person = Session & { id: string; unitId: string };
type Refusal = {
  message: string;
  missing: { code: string; ruleId?: string; message: { 'zh-CN': string } }[];
};

/**
 * Review and decision of the penalty procedure (version 2, RULES A8.1–A9.3) through the HTTP API:
 * prior notice, statement, hearing eligibility, the hearing notice's 7-working-day lead (A8.4), the
 * hearing with its AV, the report by a presiding officer who did not investigate, and the three
 * decisions with their approvals, collective discussion and legal review.
 */
describeEachDialect('review and decision (A8–A9): prior notice, hearing, decision', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let officer: Person;
  let partner: { id: string };
  let head: Person;
  let agency: Person;
  let legal: Person;
  let finance: Person;
  let seed = 500;

  beforeAll(async () => {
    c = await startTestApp(dialect);
    officer = await signInAs(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '冯执法' });
    partner = await buildPerson(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '陈执法' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '劳动保障监察大队', name: '褚队长' });
    agency = await signInAs(c.app, { roles: ['agency_head'], unit: '局领导', name: '卫局长' });
    legal = await signInAs(c.app, { roles: ['legal'], unit: '法制科', name: '蒋法制' });
    finance = await signInAs(c.app, { roles: ['finance'], unit: '财务科', name: '韩财务' });
  });
  afterAll(async () => c.stop());

  /** The officer as the ingest service sees a signed-in person (recordings are uploaded by them). */
  const uploader = () => officerActor(officer, '冯执法');

  const get = async (id: string) => {
    const res = await officer.get(`/api/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDto>();
  };
  const act = (who: Session, id: string, t: string, inputs?: Record<string, unknown>) =>
    who.post(`/api/cases/${id}/transitions/${t}`, inputs ? { inputs } : {});
  const refusal = (res: { statusCode: number; json<T>(): T }) => {
    expect(res.statusCode).toBe(409);
    return res.json<Refusal>().missing;
  };
  const codes = (res: { statusCode: number; json<T>(): T }) => refusal(res).map((m) => m.code);

  const approve = (caseId: string, t: string, inputs?: Record<string, unknown>) =>
    approveChain(officer, { unit_head: head, legal, agency_head: agency }, caseId, t, inputs);

  /** A case through its investigation (A6.1, A7.5), waiting for review. */
  async function investigated(): Promise<string> {
    const k = await registerCase(officer, [officer.id, partner.id], { partyId: await newParty(officer) });
    await approve(k.id, 'open_case');
    await issueDocument(officer, k.id, 'investigation_report');
    await approve(k.id, 'end_investigation');
    expect((await get(k.id)).step).toBe('investigation_ended');
    return k.id;
  }

  async function priorNotified(fineAmount: number): Promise<string> {
    const id = await investigated();
    await issueDocument(officer, id, 'prior_notice');
    const res = await act(officer, id, 'notify_prior', { penaltyType: '罚款', fineAmount });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  }

  it('A8.1 the prior notice, with the proposed penalty, moves the case on; a fine must be a number', async () => {
    const id = await investigated();
    expect(codes(await act(officer, id, 'notify_prior'))).toEqual(['document_missing', 'input_missing']);
    await issueDocument(officer, id, 'prior_notice');
    const wrong = await act(officer, id, 'notify_prior', { penaltyType: '罚款', fineAmount: '两千' });
    expect(refusal(wrong)[0]?.message['zh-CN']).toBe('“拟罚款金额（元）”应为数字');
    const done = await act(officer, id, 'notify_prior', { penaltyType: '罚款', fineAmount: 2000 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<CaseDto>()).toMatchObject({
      step: 'prior_notified',
      stage: 'review',
      data: { penaltyType: '罚款', fineAmount: 2000 },
    });
  });

  it('A8.2 each statement and defence has its 陈述、申辩笔录', async () => {
    const id = await priorNotified(2000);
    expect(codes(await act(officer, id, 'record_statement'))).toEqual(['document_missing']);
    await issueDocument(officer, id, 'statement_record');
    expect((await act(officer, id, 'record_statement')).statusCode).toBe(200);
  });

  it('A8.3 a fine below the threshold is not hearing-eligible; A9.3 the decision needs the unit head, the agency head and the issued 决定书', async () => {
    const id = await priorNotified(2000);
    expect(refusal(await act(officer, id, 'notify_hearing_right'))[0]?.ruleId).toBe('A8.3');
    expect(codes(await act(officer, id, 'decide_penalty'))).toEqual(['approval_missing', 'document_missing']);
    await issueDocument(officer, id, 'penalty_decision');
    await approve(id, 'decide_penalty');
    const decided = await get(id);
    expect(decided).toMatchObject({ step: 'decided', stage: 'service', status: 'open' });
    expect(decided.deadlines.find((d) => d.periodId === 'penalty_decision')?.status).toBe('met');
  });

  it('A8.3–A8.6 the hearing: right told, requested, notice served 7 working days ahead by the legal office, heard on AV, reported by a presiding officer who did not investigate; A9.2 then collective discussion and legal review', async () => {
    const id = await priorNotified(60000);
    // A fine of 60,000 yuan on an employer (≥ 50,000) is hearing-eligible: no decision before the hearing.
    const early = refusal(await act(officer, id, 'decide_penalty_major'));
    expect(early.map((m) => [m.code, m.ruleId])).toContainEqual(['condition', 'A8.3']);
    expect(refusal(await act(officer, id, 'decide_penalty')).map((m) => m.message['zh-CN'])).toContainEqual(
      expect.stringContaining('集体讨论'),
    );

    expect(codes(await act(officer, id, 'notify_hearing_right'))).toEqual(['document_missing']);
    await issueDocument(officer, id, 'hearing_right_notice');
    const told = await act(officer, id, 'notify_hearing_right');
    expect(told.statusCode, told.body).toBe(200);
    // Saturday 2026-11-28 + 5 working days = Friday 2026-12-04 (A8.3, 行政处罚法 art. 64).
    expect(told.json<CaseDto>().deadlines.find((d) => d.periodId === 'hearing_request')).toMatchObject({
      status: 'open',
      dueOn: '2026-12-04',
    });
    expect((await act(officer, id, 'request_hearing')).statusCode).toBe(200);

    // A8.4: the legal office schedules. Hearing Thursday 2026-12-10: seven whole working days must lie
    // between service and hearing (12-01 … 12-09), so the notice is due by Monday 2026-11-30;
    // served on 12-01 leaves six.
    expect(codes(await act(officer, id, 'schedule_hearing'))).toContain('not_actor');
    await issueDocument(legal, id, 'hearing_notice');
    // Only the inputs are missing: the legal office is offered the form that asks for them.
    const view = (await legal.get(`/api/cases/${id}`)).json<CaseDto>();
    expect(transition(view, 'schedule_hearing').abilities.perform).toBe(true);
    expect(transition(await get(id), 'schedule_hearing').abilities.perform).toBe(false);
    const at = { hearingDate: '2026-12-10', presidingOfficerId: legal.id };
    const late = refusal(
      await act(legal, id, 'schedule_hearing', { ...at, hearingNoticeServedOn: '2026-12-01' }),
    );
    expect(late.map((m) => [m.code, m.ruleId])).toEqual([['condition', 'A8.4']]);
    expect(late[0]?.message['zh-CN']).toBe('听证通知书须在举行听证的7个工作日前送达当事人');
    const investigator = refusal(
      await act(legal, id, 'schedule_hearing', {
        ...at,
        presidingOfficerId: officer.id,
        hearingNoticeServedOn: '2026-11-30',
      }),
    );
    expect(investigator.map((m) => m.ruleId)).toEqual(['A8.6']);
    const scheduled = await act(legal, id, 'schedule_hearing', {
      ...at,
      hearingNoticeServedOn: '2026-11-30',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json<CaseDto>().step).toBe('hearing_scheduled');

    // A8.5: the whole hearing on AV.
    await issueDocument(legal, id, 'hearing_record');
    expect(codes(await act(legal, id, 'hold_hearing'))).toEqual(['recording_missing']);
    const av = await ingestBytes(c.app, uploader(), wav(seed++), {
      filename: 'hearing.wav',
      captureStart: '2026-11-28T01:00:00Z',
      captureEnd: '2026-11-28T01:50:00Z',
    });
    const link = await legal.post(`/api/recordings/${av.recording?.id}/links`, {
      caseId: id,
      step: 'hearing_av',
    });
    expect(link.statusCode, link.body).toBe(201);
    const held = await act(legal, id, 'hold_hearing');
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json<CaseDto>().deadlines.find((d) => d.periodId === 'hearing_report')).toMatchObject({
      status: 'open',
      dueOn: '2026-12-04',
    });

    // A8.6: the report, within 5 working days.
    await issueDocument(legal, id, 'hearing_report');
    // Only the presiding officer signs and submits the report.
    const colleague = await signInAs(c.app, { roles: ['legal'], unit: '法制科', name: '沈法制' });
    expect(refusal(await act(colleague, id, 'report_hearing')).map((m) => [m.code, m.ruleId])).toEqual([
      ['condition', 'A8.6'],
    ]);
    const reported = await act(legal, id, 'report_hearing');
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json<CaseDto>().deadlines.find((d) => d.periodId === 'hearing_report')?.status).toBe(
      'met',
    );

    // A9.2: major case — collective discussion and legal review, the legal office in the chain.
    expect(codes(await act(officer, id, 'decide_penalty_major'))).toEqual([
      'approval_missing',
      'document_missing',
      'document_missing',
      'document_missing',
    ]);
    await issueDocument(officer, id, 'collective_discussion');
    await issueDocument(legal, id, 'legal_review');
    await issueDocument(officer, id, 'penalty_decision');
    await approve(id, 'decide_penalty_major');
    expect((await get(id)).step).toBe('decided');

    const report = (await legal.get(`/api/cases/${id}/completeness`)).json<CompletenessDto>();
    // Every record is there; what remains is serving the notices and the decision (A18).
    expect(report.complete).toBe(false);
    expect(new Set(report.items.filter((i) => i.status === 'missing').map((i) => i.kind))).toEqual(
      new Set(['delivery']),
    );
    expect(
      report.items.filter((i) => i.transition === 'hold_hearing').map((i) => [i.kind, i.ruleId]),
    ).toEqual([
      ['document', 'A8.5'],
      ['recording', 'A8.5'],
    ]);
    expect(
      report.items.filter((i) => i.transition === 'decide_penalty_major').map((i) => [i.kind, i.ruleId]),
    ).toEqual([
      ['approval', 'A9.2'],
      ['document', 'A9.2'],
      ['document', 'A9.2'],
      ['document', 'A9.1'],
      ['delivery', 'A18.1'],
    ]);
  });

  it('A18.1–A18.5 service: each way with what it needs, AV where A18.5 requires it, public notice only after a failure; the decision’s service starts the 15-day payment period', async () => {
    const id = await priorNotified(2000);
    await issueDocument(officer, id, 'penalty_decision');
    await approve(id, 'decide_penalty');
    const decided = await get(id);
    expect(decided.step).toBe('decided');
    expect(decided.deadlines.find((d) => d.periodId === 'decision_service')).toMatchObject({
      status: 'open',
      dueOn: '2026-12-08',
    });
    const docOf = (templateId: string) => decided.documents.find((d) => d.templateId === templateId)!.id;
    const decision = docOf('penalty_decision');
    const serve = (doc: string, body: Record<string, unknown>) =>
      officer.post(`/api/documents/${doc}/deliveries`, body);
    const today = '2026-11-28';

    const internal = await serve(docOf('investigation_report'), {
      method: 'direct',
      servedOn: today,
      recipient: '某',
    });
    expect(internal.statusCode).toBe(409);
    expect(internal.json<{ code: string }>().code).toBe('delivery.not_served_document');
    expect(
      refusal(await serve(decision, { method: 'direct', servedOn: today })).map((m) => m.ruleId),
    ).toEqual(['A18.1']);
    const home = refusal(
      await serve(decision, { method: 'direct', atHome: true, servedOn: today, recipient: '王五' }),
    );
    expect(home.map((m) => [m.code, m.ruleId])).toEqual([['recording_missing', 'A18.5']]);
    const notice = refusal(await serve(decision, { method: 'public_notice', servedOn: today }));
    expect(notice[0]?.message['zh-CN']).toContain('公告送达只能在其他方式无法送达后采用');
    expect(notice.map((m) => m.ruleId)).toEqual(['A18.4', 'A18.4', 'A18.4', 'A18.5']);
    expect(refusal(await serve(decision, { method: 'mail', servedOn: today })).map((m) => m.ruleId)).toEqual([
      'A18.3',
    ]);
    expect(
      refusal(await serve(decision, { method: 'direct', servedOn: '2026-11-29', recipient: '王五' }))[0]
        ?.message['zh-CN'],
    ).toBe('送达日期不能晚于今天');

    // Mail came back: a failed attempt, no effect on deadlines.
    const failed = await serve(decision, {
      method: 'mail',
      outcome: 'failed',
      trackingNumber: 'EMS1130534001',
      reason: '查无此人，邮件退回',
    });
    expect(failed.statusCode, failed.body).toBe(201);
    expect(failed.json<DeliveryList>()).toMatchObject({ needsService: true, effectiveOn: null });

    // 留置: witnesses, and AV linked to the case (A18.2, A18.5).
    const lienWithoutAv = refusal(
      await serve(decision, { method: 'lien', servedOn: today, witnesses: ['李村委'] }),
    );
    expect(lienWithoutAv.map((m) => m.ruleId)).toEqual(['A18.5']);
    const av = await ingestBytes(c.app, uploader(), wav(seed++), {
      filename: 'lien.wav',
      captureStart: '2026-11-28T01:00:00Z',
      captureEnd: '2026-11-28T01:10:00Z',
    });
    const notLinked = refusal(
      await serve(decision, {
        method: 'lien',
        servedOn: today,
        witnesses: ['李村委'],
        recordingId: av.recording?.id,
      }),
    );
    expect(notLinked[0]?.message['zh-CN']).toBe('所选音像记录未关联到本案');
    await officer.post(`/api/recordings/${av.recording?.id}/links`, { caseId: id, step: 'service_av' });
    const lien = await serve(decision, {
      method: 'lien',
      servedOn: today,
      recipient: '王五（拒绝签收）',
      witnesses: ['李村委'],
      recordingId: av.recording?.id,
    });
    expect(lien.statusCode, lien.body).toBe(201);
    expect(lien.json<DeliveryList>()).toMatchObject({ effectiveOn: today });
    expect(lien.json<DeliveryList>().items.map((d) => [d.method, d.outcome])).toEqual([
      ['mail', 'failed'],
      ['lien', 'served'],
    ]);
    const served = await get(id);
    expect(served.deadlines.find((d) => d.periodId === 'decision_service')?.status).toBe('met');
    // 15 days from 2026-11-28 end on Sunday 12-13: the act may be done on Monday 12-14.
    expect(served.deadlines.find((d) => d.periodId === 'fine_payment')).toMatchObject({
      status: 'open',
      startedOn: today,
      dueOn: '2026-12-14',
    });
    expect(served.timeline[0]?.action).toBe('case.service_effective');

    // The prior notice could not be served by mail: a public notice, effective 30 days after publication.
    const prior = docOf('prior_notice');
    await serve(prior, {
      method: 'mail',
      outcome: 'failed',
      trackingNumber: 'EMS1',
      reason: '地址不详，无法投递',
    });
    const published = await serve(prior, {
      method: 'public_notice',
      servedOn: today,
      reason: '当事人下落不明，直接送达和邮寄送达均未能送达',
      publication: '临西县人民政府网站',
      recordingId: av.recording?.id,
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json<DeliveryList>().effectiveOn).toBe('2026-12-28');

    const report = (await legal.get(`/api/cases/${id}/completeness`)).json<CompletenessDto>();
    const deliveries = report.items.filter((i) => i.kind === 'delivery');
    expect(deliveries.map((i) => [i.label['zh-CN'], i.status])).toEqual([
      ['送达：行政处罚(处理)事先告知书', 'present'],
      ['送达：行政处罚(处理)决定书', 'present'],
    ]);
    expect(report.complete).toBe(true);
    const leaves = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select('action')
      .where('subject_type', '=', 'delivery')
      .execute();
    expect(leaves.map((l) => l.action).sort()).toEqual([
      'delivery.failed',
      'delivery.failed',
      'delivery.served',
      'delivery.served',
    ]);
    expect((await c.app.services.ledger.verifyAll({ blobSample: 0 })).findings).toEqual([]);
  });

  it('A12.1 closure is refused while a required record is missing and allowed once the recording is attached, its late upload flagged; A11.3 the fine is paid first', async () => {
    const k = await registerCase(officer, [officer.id, partner.id], { partyId: await newParty(officer) });
    const id = k.id;
    await approve(id, 'open_case');
    // An inspection recorded with its AV, uploaded 30 hours after it ended; the link is later removed.
    await issueDocument(officer, id, 'inspection_record');
    const end = new Date(c.clock.now().getTime() - 30 * 3_600_000);
    const av = await ingestBytes(c.app, uploader(), wav(seed++), {
      filename: 'inspection.wav',
      captureStart: new Date(end.getTime() - 900_000).toISOString(),
      captureEnd: end.toISOString(),
    });
    const recordingId = av.recording?.id ?? '';
    const link = await officer.post(`/api/recordings/${recordingId}/links`, {
      caseId: id,
      step: 'inspection_av',
    });
    expect((await act(officer, id, 'record_inspection')).statusCode).toBe(200);
    await c.app.http.inject({
      method: 'DELETE',
      url: `/api/recordings/${recordingId}/links/${link.json<{ id: string }>().id}?reason=${encodeURIComponent('误关联')}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
    });

    await issueDocument(officer, id, 'investigation_report');
    await approve(id, 'end_investigation');
    await issueDocument(officer, id, 'prior_notice');
    expect(
      (await act(officer, id, 'notify_prior', { penaltyType: '罚款', fineAmount: 2000 })).statusCode,
    ).toBe(200);
    await issueDocument(officer, id, 'penalty_decision');
    await approve(id, 'decide_penalty');
    const decided = await get(id);
    for (const d of decided.documents.filter((x) =>
      ['prior_notice', 'penalty_decision'].includes(x.templateId),
    )) {
      const served = await officer.post(`/api/documents/${d.id}/deliveries`, {
        method: 'mail',
        servedOn: '2026-11-28',
        trackingNumber: `EMS${d.templateId}`,
      });
      expect(served.statusCode, served.body).toBe(201);
    }
    await issueDocument(officer, id, 'closing_report');

    const propose = () =>
      officer.post(`/api/cases/${id}/transitions/close_case/propose`, { opinion: '建议结案' });
    const unpaid = refusal(await propose());
    expect(unpaid.map((m) => [m.code, m.ruleId])).toEqual([
      ['condition', 'A11.3'],
      ['record_missing', 'A7.1'],
    ]);
    // Finance records the payment with its bill (A11.3); paying the fine in full moves the case on.
    const paid = await finance.post(`/api/cases/${id}/payments`, {
      paidOn: '2026-11-28',
      amountFen: 200_000,
      receiptNumber: '冀非税 No.0012345',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json<PaymentList>().account).toMatchObject({ balanceFen: 0, paidInFull: true });
    const executed = await get(id);
    expect(executed.step).toBe('executed');
    expect(executed.deadlines.find((d) => d.periodId === 'fine_payment')?.status).toBe('met');

    const missing = refusal(await propose());
    expect(missing.map((m) => m.message['zh-CN'])).toEqual([
      '缺少现场检查（勘验）全程录音录像（现场检查（勘验），A7.1）',
    ]);
    // The recording is attached again: the file is complete, the upload marked late.
    await officer.post(`/api/recordings/${recordingId}/links`, { caseId: id, step: 'inspection_av' });
    const report = (await legal.get(`/api/cases/${id}/completeness`)).json<CompletenessDto>();
    expect(report).toMatchObject({ complete: true, lateUploads: 1 });
    expect(report.items.find((i) => i.kind === 'recording')?.recordings[0]).toMatchObject({
      recordingId,
      late: true,
      uploadHours: 30,
    });
    await approve(id, 'close_case');
    expect(await get(id)).toMatchObject({ step: 'closed', stage: 'file', status: 'closed' });
  });

  it('A8.3 a hearing-eligible party who waives the hearing is decided without one', async () => {
    const id = await priorNotified(80000);
    expect(refusal(await act(officer, id, 'waive_hearing', { hearingWaiver: '书面放弃' }))[0]?.code).toBe(
      'condition',
    );
    await issueDocument(officer, id, 'hearing_right_notice');
    expect((await act(officer, id, 'notify_hearing_right')).statusCode).toBe(200);
    const waived = await act(officer, id, 'waive_hearing', { hearingWaiver: '当事人书面放弃听证' });
    expect(waived.statusCode, waived.body).toBe(200);
    expect(waived.json<CaseDto>().deadlines.find((d) => d.periodId === 'hearing_request')?.status).toBe(
      'met',
    );
    expect(refusal(await act(officer, id, 'request_hearing'))[0]?.code).toBe('condition');
    const guards = refusal(await act(officer, id, 'decide_penalty_major')).map((m) => m.code);
    expect(guards).not.toContain('condition');
  });

  it('A9.1 withdrawal closes the case with the unit head’s and the agency head’s approval and a reason', async () => {
    const id = await priorNotified(2000);
    await approve(id, 'decide_withdraw', { withdrawalReason: '违法事实不成立' });
    const closed = await get(id);
    expect(closed).toMatchObject({
      step: 'withdrawn',
      status: 'closed',
      data: { withdrawalReason: '违法事实不成立' },
    });
    expect(closed.deadlines.every((d) => d.status !== 'open')).toBe(true);
  });

  it('A11.1 a correction order (A9.1: the agency head’s approval, the issued 责令限期改正通知书 and its date) is re-checked by the date it set, before the case closes', async () => {
    const id = await priorNotified(2000);
    expect(codes(await act(officer, id, 'decide_correction'))).toEqual([
      'approval_missing',
      'document_missing',
      'input_missing',
    ]);
    await issueDocument(officer, id, 'correction_order');
    await approve(id, 'decide_correction', { correctBy: '2026-12-18' });
    const ordered = await get(id);
    expect(ordered.step).toBe('correction_ordered');
    // A11.1: the re-check is a deadline of its own, due on the date the order set.
    expect(ordered.deadlines.find((d) => d.periodId === 'correction_recheck')).toMatchObject({
      status: 'open',
      dueOn: '2026-12-18',
      label: { 'zh-CN': '整改期限届满复查' },
      source: '《临西县人社局行政执法全过程记录具体办法》第十一条',
    });
    for (const d of ordered.documents.filter((x) =>
      ['prior_notice', 'correction_order'].includes(x.templateId),
    )) {
      const served = await officer.post(`/api/documents/${d.id}/deliveries`, {
        method: 'direct',
        servedOn: '2026-11-28',
        recipient: '王五',
      });
      expect(served.statusCode, served.body).toBe(201);
    }
    await issueDocument(officer, id, 'closing_report');
    const early = refusal(
      await officer.post(`/api/cases/${id}/transitions/close_case/propose`, { opinion: '建议结案' }),
    );
    expect(early.map((m) => [m.code, m.ruleId])).toEqual([['condition', 'A11.1']]);
    expect(codes(await act(officer, id, 'recheck_correction', { recheckResult: '已按期改正' }))).toEqual([
      'document_missing',
    ]);
    await issueDocument(officer, id, 'inspection_record');
    const checked = await act(officer, id, 'recheck_correction', {
      recheckResult: '已按期补发工资并提供凭证',
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json<CaseDto>().deadlines.find((d) => d.periodId === 'correction_recheck')?.status).toBe(
      'met',
    );
    expect(refusal(await act(officer, id, 'recheck_correction', { recheckResult: '再查' }))[0]?.code).toBe(
      'condition',
    );
    await approve(id, 'close_case');
    expect(await get(id)).toMatchObject({ step: 'closed', status: 'closed' });
  });
});
