import { permissionsOf, type CaseDto, type CompletenessDto } from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';
import { issueDocument, newParty, registerCase, transition } from './fixtures/cases';
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
  let seed = 500;

  beforeAll(async () => {
    c = await startTestApp(dialect);
    officer = await signInAs(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '冯执法' });
    partner = await buildPerson(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '陈执法' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '劳动保障监察大队', name: '褚队长' });
    agency = await signInAs(c.app, { roles: ['agency_head'], unit: '局领导', name: '卫局长' });
    legal = await signInAs(c.app, { roles: ['legal'], unit: '法制科', name: '蒋法制' });
  });
  afterAll(async () => c.stop());

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

  async function approve(caseId: string, t: string, inputs?: Record<string, unknown>) {
    const proposed = await officer.post(`/api/cases/${caseId}/transitions/${t}/propose`, {
      opinion: '建议办理',
      ...(inputs ? { inputs } : {}),
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    for (const role of transition(proposed.json<CaseDto>(), t).approval?.chain ?? []) {
      const who = role === 'unit_head' ? head : role === 'legal' ? legal : agency;
      const inbox = (await who.get('/api/approvals?box=inbox')).json<{
        items: { id: string; caseId: string }[];
      }>();
      const pending = inbox.items.find((a) => a.caseId === caseId);
      expect(pending, `${role} has the ${t} approval`).toBeDefined();
      const decided = await who.post(`/api/approvals/${pending?.id}/decide`, {
        decision: 'approve',
        opinion: '同意',
      });
      expect(decided.statusCode, decided.body).toBe(200);
    }
  }

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
    const av = await ingestBytes(
      c.app,
      {
        id: officer.id,
        username: 'officer',
        name: '冯执法',
        unitId: officer.unitId,
        roles: ['officer'],
        permissions: new Set(permissionsOf(['officer'])),
      },
      wav(seed++),
      { filename: 'hearing.wav', captureStart: '2026-11-28T01:00:00Z', captureEnd: '2026-11-28T01:50:00Z' },
    );
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
    expect(report.complete).toBe(true);
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
    ]);
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

  it('A9.1 a correction order needs the agency head’s approval and the issued 责令限期改正通知书', async () => {
    const id = await priorNotified(2000);
    expect(codes(await act(officer, id, 'decide_correction'))).toEqual([
      'approval_missing',
      'document_missing',
    ]);
    await issueDocument(officer, id, 'correction_order');
    await approve(id, 'decide_correction');
    expect((await get(id)).step).toBe('correction_ordered');
  });
});
