import {
  type CaseDto,
  type CompletenessDto,
  type DeliveryList,
  type PaymentList,
} from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shanghaiDay } from '../src/time';
import { buildPerson, signInAs } from './factories';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import type { Session } from './http-client';
import { approveChain, issueDocument, newParty, officerActor, registerCase } from './fixtures/cases';
import { ingestBytes, wav } from './fixtures/recordings';

type Person = Session & { id: string; unitId: string };
type Reply = { statusCode: number; body: string; json<T>(): T };
type Refusal = { missing: { code: string; ruleId?: string; message: { 'zh-CN': string } }[] };

const DAY = 86_400_000;

/**
 * The whole general penalty procedure with a hearing, in one walk through the HTTP API (RULES
 * A6–A12, A18): complaint → case opened → on-site inspection with AV → summons and interview →
 * evidence preserved with AV and released → audit → end report → prior notice and the party's
 * statement → hearing notice (first try refused at six working days) → hearing with AV → report
 * on its fifth working day → collective discussion and legal review → decision → direct and lien
 * service with AV → instalments approved and paid → closure, the file complete and verified.
 */
describeEachDialect('the general procedure with a hearing, end to end (A6–A12, A18)', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let officer: Person;
  let partner: { id: string };
  let head: Person;
  let agency: Person;
  let legal: Person;
  let finance: Person;
  let seed = 7000;

  beforeAll(async () => {
    // The walk runs the clock a week ahead: sessions must outlive it.
    c = await startTestApp(dialect, { session: { idleMinutes: 525_600, absoluteHours: 8_760 } });
    officer = await signInAs(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '孔执法' });
    partner = await buildPerson(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '曹执法' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '劳动保障监察大队', name: '严队长' });
    agency = await signInAs(c.app, { roles: ['agency_head'], unit: '局领导', name: '华局长' });
    legal = await signInAs(c.app, { roles: ['legal'], unit: '法制科', name: '金法制' });
    finance = await signInAs(c.app, { roles: ['finance'], unit: '财务科', name: '魏财务' });
  });
  afterAll(async () => c.stop());

  const today = () => shanghaiDay(c.clock.now());
  const ok = (res: Reply, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };
  const get = async (id: string) => ok(await officer.get(`/api/cases/${id}`)).json<CaseDto>();
  const act = (who: Session, id: string, t: string, inputs?: Record<string, unknown>) =>
    who.post(`/api/cases/${id}/transitions/${t}`, inputs ? { inputs } : {});
  const refusal = (res: Reply) => {
    expect(res.statusCode, res.body).toBe(409);
    return res.json<Refusal>().missing;
  };
  /** An AV record made now by the officer's camera, linked to the case for a requirement. */
  async function av(id: string, step: string, who: Session = officer) {
    const end = c.clock.now();
    const made = await ingestBytes(c.app, officerActor(officer, '孔执法'), wav(seed++), {
      filename: `${step}.wav`,
      captureStart: new Date(end.getTime() - 20 * 60_000).toISOString(),
      captureEnd: end.toISOString(),
    });
    const id_ = made.recording?.id ?? '';
    ok(await who.post(`/api/recordings/${id_}/links`, { caseId: id, step }), 201);
    return id_;
  }
  const approve = (caseId: string, t: string, inputs?: Record<string, unknown>) =>
    approveChain(officer, { unit_head: head, legal, agency_head: agency }, caseId, t, inputs);

  it('A6.1–A12.1 complaint to closure with a hearing, service by hand and by lien on AV, and instalments', async () => {
    // A6.1 a complaint, registered and opened with the 立案审批表 approved by the unit and agency heads.
    const k = await registerCase(officer, [officer.id, partner.id], { partyId: await newParty(officer) });
    const id = k.id;
    await approve(id, 'open_case');
    const opened = await get(id);
    expect(opened).toMatchObject({
      step: 'investigation',
      number: expect.stringMatching(/^临人社监立〔2026〕第\d+号$/) as unknown,
    });
    expect(opened.deadlines.map((d) => d.periodId)).toEqual(
      expect.arrayContaining(['investigation', 'penalty_decision']),
    );

    // A7.1 the on-site inspection with its record and its AV.
    await issueDocument(officer, id, 'inspection_record');
    expect(refusal(await act(officer, id, 'record_inspection')).map((m) => m.code)).toEqual([
      'recording_missing',
    ]);
    await av(id, 'inspection_av');
    ok(await act(officer, id, 'record_inspection'));

    // A7.2 the summons, then the interview on its 询问笔录.
    await issueDocument(officer, id, 'inquiry_notice');
    await issueDocument(officer, id, 'interview_record');
    ok(await act(officer, id, 'record_interview'));

    // A7.3 evidence preserved with both approvals, the notice and AV; then released within 7 working days.
    await issueDocument(officer, id, 'preservation_notice');
    await av(id, 'preservation_av');
    await approve(id, 'preserve_evidence');
    expect((await get(id)).deadlines.find((d) => d.periodId === 'preservation_decision')?.status).toBe(
      'open',
    );
    await issueDocument(officer, id, 'preservation_release');
    ok(await act(officer, id, 'release_evidence'));
    expect((await get(id)).deadlines.find((d) => d.periodId === 'preservation_decision')?.status).toBe('met');

    // A7.4 the audit commissioned, the party told.
    await issueDocument(officer, id, 'audit_commission');
    await issueDocument(officer, id, 'audit_notice');
    ok(await act(officer, id, 'commission_audit'));

    // A7.5 the end report with the penalty proposal approved.
    await issueDocument(officer, id, 'investigation_report');
    await approve(id, 'end_investigation');
    expect((await get(id)).deadlines.find((d) => d.periodId === 'investigation')?.status).toBe('met');

    // A8.1–A8.2 prior notice of a 60,000-yuan fine (hearing-eligible for an employer), the statement heard.
    await issueDocument(officer, id, 'prior_notice');
    ok(await act(officer, id, 'notify_prior', { penaltyType: '罚款', fineAmount: 60000 }));
    await issueDocument(officer, id, 'statement_record');
    ok(await act(officer, id, 'record_statement'));

    // A8.3 told of the right to a hearing; the party asks for one.
    await issueDocument(officer, id, 'hearing_right_notice');
    ok(await act(officer, id, 'notify_hearing_right'));
    ok(await act(officer, id, 'request_hearing'));

    // A8.4 the legal office's notice: refused served 6 working days before the hearing, accepted at 7.
    await issueDocument(legal, id, 'hearing_notice');
    const hearing = { hearingDate: '2026-12-10', presidingOfficerId: legal.id };
    expect(
      refusal(
        await act(legal, id, 'schedule_hearing', { ...hearing, hearingNoticeServedOn: '2026-12-01' }),
      ).map((m) => m.ruleId),
    ).toEqual(['A8.4']);
    ok(await act(legal, id, 'schedule_hearing', { ...hearing, hearingNoticeServedOn: '2026-11-30' }));

    // A8.5 the hearing on its record and on AV of the whole of it.
    await issueDocument(legal, id, 'hearing_record');
    await av(id, 'hearing_av', legal);
    ok(await act(legal, id, 'hold_hearing'));
    const due = (await get(id)).deadlines.find((d) => d.periodId === 'hearing_report');
    expect(due).toMatchObject({ status: 'open' });

    // A8.6 the report on the fifth working day, by the presiding officer: on time.
    const days = Math.round(
      (Date.parse(`${due?.dueOn}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / DAY,
    );
    c.clock.advance(days * DAY);
    expect(today()).toBe(due?.dueOn);
    await issueDocument(legal, id, 'hearing_report');
    ok(await act(legal, id, 'report_hearing'));
    const report_ = (await get(id)).deadlines.find((d) => d.periodId === 'hearing_report');
    expect(report_?.status).toBe('met');
    expect(shanghaiDay(new Date(report_?.metAt ?? ''))).toBe(report_?.dueOn);

    // A9.2–A9.3 collective discussion and legal review; the legal office in the approval chain.
    await issueDocument(officer, id, 'collective_discussion');
    await issueDocument(legal, id, 'legal_review');
    const decision = await issueDocument(officer, id, 'penalty_decision');
    await approve(id, 'decide_penalty_major');
    const decided = await get(id);
    expect(decided.step).toBe('decided');
    expect(decided.deadlines.find((d) => d.periodId === 'decision_service')?.status).toBe('open');

    // A18: every notice and decision to the party served. The decision: the party refuses to sign,
    // so it is left at the premises before two witnesses, on AV (A18.2, A18.5); the rest by hand.
    const lien = {
      method: 'lien',
      servedOn: today(),
      witnesses: ['村委会主任刘某', '社区网格员张某'],
    };
    const refusedLien = await officer.post(`/api/documents/${decision.id}/deliveries`, {
      ...lien,
      witnesses: [],
    });
    expect(refusedLien.statusCode).toBe(409);
    const serviceAv = await av(id, 'service_av');
    ok(
      await officer.post(`/api/documents/${decision.id}/deliveries`, { ...lien, recordingId: serviceAv }),
      201,
    );
    let served = 1;
    for (const d of (await get(id)).documents.filter((x) => x.state === 'issued' && x.id !== decision.id)) {
      const list = ok(await officer.get(`/api/documents/${d.id}/deliveries`)).json<DeliveryList>();
      if (list.needsService && list.effectiveOn === null) {
        ok(
          await officer.post(`/api/documents/${d.id}/deliveries`, {
            method: 'direct',
            servedOn: today(),
            recipient: '王五（法定代表人）',
          }),
          201,
        );
        served++;
      }
    }
    // 调查询问通知书, 先行登记保存证据通知书 and 处理通知书, 审计通知书, 事先告知书, 听证告知书, 听证通知书, 决定书.
    expect(served).toBe(8);
    const afterService = await get(id);
    expect(afterService.deadlines.find((d) => d.periodId === 'decision_service')?.status).toBe('met');
    expect(afterService.deadlines.find((d) => d.periodId === 'fine_payment')?.status).toBe('open');

    // A11.2 the party applies in writing to pay in two instalments; the agency head approves.
    const start = today();
    const plus = (n: number) =>
      new Date(Date.parse(`${start}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    const instalments = [`${plus(30)} 30000`, `${plus(60)} 30000.00`];
    await issueDocument(officer, id, 'payment_plan_notice');
    await approve(id, 'approve_payment_plan', {
      planAppliedOn: start,
      planReason: '受订单下降影响，资金周转困难',
      instalments,
    });
    const plan = ok(await finance.get(`/api/cases/${id}/payments`)).json<PaymentList>().account;
    expect(plan).toMatchObject({ basis: 'instalments', balanceFen: 6_000_000, overdue: false });

    // A11.3 finance records each instalment with its bill; the second pays the fine off.
    const first = ok(
      await finance.post(`/api/cases/${id}/payments`, {
        paidOn: today(),
        amountFen: 3_000_000,
        receiptNumber: '冀非税 No.20261204001',
      }),
      201,
    ).json<PaymentList>();
    expect(first.account).toMatchObject({ balanceFen: 3_000_000, paidInFull: false });
    expect((await get(id)).step).toBe('decided');
    c.clock.advance(7 * DAY);
    const second = ok(
      await finance.post(`/api/cases/${id}/payments`, {
        paidOn: today(),
        amountFen: 3_000_000,
        receiptNumber: '冀非税 No.20261211002',
      }),
      201,
    ).json<PaymentList>();
    expect(second.account).toMatchObject({ balanceFen: 0, paidInFull: true });
    expect((await get(id)).step).toBe('executed');

    // A12.1 the 结案报告, approved by the unit head and the agency head: the file is complete.
    const plan_ = (await get(id)).documents.find((d) => d.templateId === 'payment_plan_notice');
    const planServed = ok(await officer.get(`/api/documents/${plan_?.id}/deliveries`)).json<DeliveryList>();
    if (planServed.needsService && planServed.effectiveOn === null) {
      ok(
        await officer.post(`/api/documents/${plan_?.id}/deliveries`, {
          method: 'direct',
          servedOn: start,
          recipient: '王五（法定代表人）',
        }),
        201,
      );
    }
    await issueDocument(officer, id, 'closing_report');
    await approve(id, 'close_case');
    const closed = await get(id);
    expect(closed).toMatchObject({ step: 'closed', stage: 'file', status: 'closed' });
    expect(closed.deadlines.filter((d) => d.status === 'open')).toEqual([]);
    const report = ok(await legal.get(`/api/cases/${id}/completeness`)).json<CompletenessDto>();
    expect(report).toMatchObject({ complete: true, missing: 0 });
    expect([...new Set(report.items.map((i) => i.ruleId))]).toEqual(
      expect.arrayContaining([
        'A6.1',
        'A7.1',
        'A7.2',
        'A7.3',
        'A7.4',
        'A7.5',
        'A8.1',
        'A8.2',
        'A8.3',
        'A8.4',
        'A8.5',
        'A8.6',
        'A9.2',
        'A11.2',
        'A18.1',
      ]),
    );
    // Every record of the walk is on the ledger as written, every blob intact.
    expect((await c.app.services.ledger.verifyAll({ blobSample: 0 })).findings).toEqual([]);
  }, 120_000);
});
