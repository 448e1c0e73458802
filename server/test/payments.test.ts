import type { CaseDto, PaymentList } from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shanghaiDay } from '../src/time';
import { buildPerson, signInAs } from './factories';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import type { Session } from './http-client';
import { approveChain, issueDocument, newParty, registerCase } from './fixtures/cases';

type Person = Session & { id: string; unitId: string };
type Reply = { statusCode: number; body: string; json<T>(): T };
type Refusal = {
  code: string;
  message: string;
  field?: string;
  missing?: { ruleId?: string; message: { 'zh-CN': string } }[];
};

const DAY = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n% 冀非税收入一般缴款书\n').toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]).toString('base64');

/**
 * Fines after the decision (RULES A11.2, A11.3) through the HTTP API: finance records payments
 * with their bills; the account (due date or approved plan, paid, balance, 3 %-a-day surcharge
 * capped at the fine) is the server's; paying in full moves the case to `executed`; an overdue
 * fine is handed over to compulsion with the unit head's and the agency head's approval.
 * The test clock only runs forward: each test works from the day it starts on.
 */
describeEachDialect('fines (A11.2, A11.3): payments, account, plans, hand-over', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let officer: Person;
  let partner: { id: string };
  let head: Person;
  let agency: Person;
  let finance: Person;
  let legal: Person;
  let receipt = 1000;

  beforeAll(async () => {
    // The clock runs weeks ahead here: sessions must outlive it.
    c = await startTestApp(dialect, { session: { idleMinutes: 525_600, absoluteHours: 8_760 } });
    officer = await signInAs(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '冯执法' });
    partner = await buildPerson(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '陈执法' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '劳动保障监察大队', name: '褚队长' });
    agency = await signInAs(c.app, { roles: ['agency_head'], unit: '局领导', name: '卫局长' });
    finance = await signInAs(c.app, { roles: ['finance'], unit: '财务科', name: '韩财务' });
    legal = await signInAs(c.app, { roles: ['legal'], unit: '法制科', name: '蒋法制' });
  });
  afterAll(async () => c.stop());

  const today = () => shanghaiDay(c.clock.now());
  const runDays = (n: number) => c.clock.advance(n * DAY);
  const get = async (id: string) => {
    const res = await officer.get(`/api/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDto>();
  };
  const account = async (id: string, who: Session = finance) => {
    const res = await who.get(`/api/cases/${id}/payments`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PaymentList>();
  };
  const pay = (id: string, body: Record<string, unknown>, who: Session = finance) =>
    who.post(`/api/cases/${id}/payments`, { receiptNumber: `冀非税 No.${++receipt}`, ...body });
  const refusal = (res: Reply, status = 409) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<Refusal>();
  };

  const approve = (caseId: string, t: string, inputs?: Record<string, unknown>) =>
    approveChain(officer, { unit_head: head, legal, agency_head: agency }, caseId, t, inputs);

  /** A penalty decided with a fine of `yuan`, its decision served today unless `serve` is false. */
  async function fined(yuan: number, serve = true): Promise<string> {
    const k = await registerCase(officer, [officer.id, partner.id], { partyId: await newParty(officer) });
    await approve(k.id, 'open_case');
    await issueDocument(officer, k.id, 'investigation_report');
    await approve(k.id, 'end_investigation');
    await issueDocument(officer, k.id, 'prior_notice');
    const notified = await officer.post(`/api/cases/${k.id}/transitions/notify_prior`, {
      inputs: { penaltyType: '罚款', fineAmount: yuan },
    });
    expect(notified.statusCode, notified.body).toBe(200);
    const decision = await issueDocument(officer, k.id, 'penalty_decision');
    await approve(k.id, 'decide_penalty');
    if (serve) {
      const served = await officer.post(`/api/documents/${decision.id}/deliveries`, {
        method: 'mail',
        servedOn: today(),
        trackingNumber: `EMS${k.id.slice(0, 8)}`,
      });
      expect(served.statusCode, served.body).toBe(201);
    }
    expect((await get(k.id)).step).toBe('decided');
    return k.id;
  }

  it('A11.3 finance records a payment with its receipt; the case moves to executed when the fine is paid in full', async () => {
    const unserved = await fined(2000, false);
    expect(refusal(await pay(unserved, { paidOn: today(), amountFen: 1000 })).code).toBe(
      'payment.not_served',
    );

    const id = await fined(2000);
    const servedOn = today();
    const before = await account(id);
    expect(before.account).toMatchObject({
      fineFen: 200_000,
      servedOn,
      basis: 'due',
      paidFen: 0,
      balanceFen: 200_000,
      surchargeFen: 0,
      overdue: false,
      paidInFull: false,
    });
    // 15 days from service, rolled off a rest day (行政处罚法 art. 67).
    const due = (await get(id)).deadlines.find((d) => d.periodId === 'fine_payment');
    expect(before.account?.schedule.map((s) => s.dueOn)).toEqual([due?.dueOn]);
    expect(before.abilities.record).toBe(true);
    // Officers and the legal office read the account; only finance records.
    expect((await account(id, officer)).abilities.record).toBe(false);
    expect((await account(id, legal)).account?.fineFen).toBe(200_000);
    expect(refusal(await legal.get(`/api/cases/${crypto.randomUUID()}/payments`), 404).code).toBe(
      'not_found',
    );
    expect(refusal(await pay(id, { paidOn: servedOn, amountFen: 1000 }, officer), 403).code).toBe(
      'forbidden',
    );

    const first = await pay(id, {
      paidOn: servedOn,
      amountFen: 50_000,
      receiptNumber: '冀非税 No.0012345',
      receiptScan: { fileName: '缴款书.pdf', contentType: 'application/pdf', dataBase64: PDF },
    });
    expect(first.statusCode, first.body).toBe(201);
    const afterFirst = first.json<PaymentList>();
    expect(afterFirst.items).toMatchObject([
      {
        amountFen: 50_000,
        paidOn: servedOn,
        receiptNumber: '冀非税NO.0012345',
        recordedByName: '韩财务',
        receiptScan: { name: '缴款书.pdf', mime: 'application/pdf' },
      },
    ]);
    expect(afterFirst.account).toMatchObject({ paidFen: 50_000, balanceFen: 150_000, paidInFull: false });
    // The bill's scan is kept as sent and read back with an access leaf (A28.1).
    const scanUrl = `/api/cases/${id}/payments/${afterFirst.items[0]?.id}/receipt`;
    const scan = await legal.get(scanUrl);
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toBe('application/pdf');
    expect(scan.rawPayload.equals(Buffer.from(PDF, 'base64'))).toBe(true);
    expect(scan.headers['x-content-sha256']).toBe(afterFirst.items[0]?.receiptScan?.sha256);
    const viewed = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select(['action', 'actor_id'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(viewed).toEqual({ action: 'payment.receipt_viewed', actor_id: legal.id });
    expect((await get(id)).step).toBe('decided');

    // Refusals, each with its reason; nothing is written.
    const over = refusal(await pay(id, { paidOn: servedOn, amountFen: 150_001 }));
    expect(over.code).toBe('payment.over_balance');
    expect(over.message).toBe('本次缴款 1500.01 元超过尚欠金额 1500.00 元（罚款及加处罚款）');
    const dup = refusal(
      await pay(id, { paidOn: servedOn, amountFen: 100, receiptNumber: '冀非税No.0012345' }),
    );
    expect(dup.code).toBe('payment.receipt_taken');
    const early = refusal(await pay(id, { paidOn: addDays(servedOn, -1), amountFen: 100 }), 400);
    expect(early).toMatchObject({ field: 'paidOn' });
    expect(early.message).toBe(`缴款日期：不能早于行政处罚决定书送达之日（${servedOn}）`);
    expect(refusal(await pay(id, { paidOn: addDays(servedOn, 1), amountFen: 100 }), 400).field).toBe(
      'paidOn',
    );
    expect(refusal(await pay(id, { paidOn: servedOn, amountFen: 1.5 }), 400).field).toBe('amountFen');
    const png = refusal(
      await pay(id, {
        paidOn: servedOn,
        amountFen: 100,
        receiptScan: { fileName: 'a.pdf', contentType: 'application/pdf', dataBase64: PNG },
      }),
      415,
    );
    expect(png.message).toBe('票据扫描件实际是PNG 文件，与声明的类型（PDF）不符；未保存任何内容');
    const text = { fileName: 'a.txt', contentType: 'text/plain', dataBase64: PDF };
    expect(refusal(await pay(id, { paidOn: servedOn, amountFen: 100, receiptScan: text }), 400).code).toBe(
      'validation.invalid',
    );
    expect(refusal(await pay(id, { paidOn: '2026-02-30', amountFen: 100 }), 400).field).toBe('paidOn');
    expect(refusal(await pay(id, { paidOn: servedOn, amountFen: 100, receiptNumber: ' ' }), 400).field).toBe(
      'receiptNumber',
    );
    const english = await c.app.http.inject({
      method: 'POST',
      url: `/api/cases/${id}/payments`,
      headers: { cookie: finance.cookie, 'x-csrf-token': finance.csrf, 'accept-language': 'en' },
      payload: { paidOn: servedOn, amountFen: 150_001, receiptNumber: 'EN-1' },
    });
    expect(english.json<Refusal>().message).toBe(
      'The payment of 1500.01 yuan exceeds the 1500.00 yuan still owed (fine and surcharge)',
    );
    expect((await account(id)).items).toHaveLength(1);

    const last = await pay(id, { paidOn: servedOn, amountFen: 150_000 });
    expect(last.statusCode, last.body).toBe(201);
    expect(last.json<PaymentList>().account).toMatchObject({ balanceFen: 0, paidInFull: true });
    expect(last.json<PaymentList>().abilities.record).toBe(false);
    const executed = await get(id);
    expect(executed.step).toBe('executed');
    expect(executed.deadlines.find((d) => d.periodId === 'fine_payment')?.status).toBe('met');
    // The timeline, newest first: the last payment, then the transition it caused.
    expect(executed.timeline.slice(0, 3).map((e) => [e.action, e.detail?.transition ?? null])).toEqual([
      ['case.transitioned', 'settle_fine'],
      ['payment.recorded', null],
      ['payment.recorded', null],
    ]);
    expect(refusal(await pay(id, { paidOn: servedOn, amountFen: 100 })).code).toBe('payment.not_payable');
    const noScan = (await account(id)).items.find((p) => p.receiptScan === null);
    expect((await officer.get(`/api/cases/${id}/payments/${noScan?.id}/receipt`)).statusCode).toBe(404);

    // Each payment is its own leaf, the scan's hash in it; verify finds the rows as written.
    const ids = (await account(id)).items.map((p) => p.id);
    const leaves = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select(['action', 'blob_sha256'])
      .where('subject_type', '=', 'payment')
      .where('subject_id', 'in', ids)
      .orderBy('seq')
      .execute();
    const scanHash = afterFirst.items[0]?.receiptScan?.sha256;
    expect(leaves).toEqual([
      { action: 'payment.recorded', blob_sha256: scanHash },
      { action: 'payment.receipt_viewed', blob_sha256: scanHash },
      { action: 'payment.recorded', blob_sha256: null },
    ]);
    expect((await c.app.services.ledger.verifyAll({ blobSample: 0 })).findings).toEqual([]);
  });

  it('A11.2 an instalment plan approved by the agency head replaces the 15-day due date', async () => {
    const id = await fined(2000);
    const start = today();
    const plan = (lines: string[]) => ({
      planAppliedOn: start,
      planReason: '订单减少，资金周转困难',
      instalments: lines,
    });
    await issueDocument(officer, id, 'payment_plan_notice');
    const propose = (inputs: Record<string, unknown>) =>
      officer.post(`/api/cases/${id}/transitions/approve_payment_plan/propose`, {
        opinion: '建议同意',
        inputs,
      });
    const wrongSum = refusal(
      await propose(plan([`${addDays(start, 20)} 1000`, `${addDays(start, 50)} 999.99`])),
    );
    expect(wrongSum.code).toBe('payment.plan_refused');
    expect(wrongSum.missing?.map((m) => [m.ruleId, m.message['zh-CN']])).toEqual([
      ['A11.2', '各期金额合计 1999.99 元，与罚款 2000.00 元不一致'],
    ]);
    expect(refusal(await propose({ planAppliedOn: start, planReason: '困难' })).code).toBe(
      'payment.plan_refused',
    );

    const lines = [`${addDays(start, 20)} 800`, `${addDays(start, 50)} 1200.00`];
    await approve(id, 'approve_payment_plan', plan(lines));
    const approved = await get(id);
    expect(approved.step).toBe('decided');
    expect(approved.data).toMatchObject({ paymentPlanApproved: true, instalments: lines });
    expect(approved.deadlines.find((d) => d.periodId === 'fine_payment')?.status).toBe('met');
    const planned = (await account(id)).account;
    expect(planned).toMatchObject({ basis: 'instalments', balanceFen: 200_000, overdue: false });
    expect(planned?.schedule.map((s) => [s.dueOn, s.amountFen])).toEqual([
      [addDays(start, 20), 80_000],
      [addDays(start, 50), 120_000],
    ]);
    // A plan is approved once.
    expect(refusal(await propose(plan(lines))).code).toBe('case.refused');

    // Past the original 15 days nothing is overdue: the plan's dates count.
    runDays(17);
    expect((await account(id)).account).toMatchObject({ surchargeFen: 0, overdue: false });
    const early = refusal(
      await officer.post(`/api/cases/${id}/transitions/hand_over_to_compulsion/propose`, {
        opinion: '移交',
      }),
    );
    expect(early.missing?.[0]?.message['zh-CN']).toBe('缴款期限（或分期缴纳的某一期）尚未届满，或罚款已缴清');

    // The first instalment is missed by two days: 3 % of 800 yuan a day on it alone.
    runDays(5);
    const late = (await account(id)).account;
    expect(late?.schedule.map((s) => [s.overdueDays, s.surchargeFen])).toEqual([
      [2, 4_800],
      [0, 0],
    ]);
    expect(late).toMatchObject({ overdue: true, surchargeFen: 4_800, balanceFen: 204_800 });
  });

  it('A11.3 the surcharge is 3 % a day capped at the fine', async () => {
    const id = await fined(2000);
    const capped = await fined(500);
    const dueOn = (await account(id)).account!.schedule[0]!.dueOn;
    // Two days after the due date: 2 × 3 % of 2,000 yuan.
    runDays(Math.round((Date.parse(dueOn) - Date.parse(today())) / DAY) + 2);
    expect((await account(id)).account).toMatchObject({
      surchargeFen: 12_000,
      balanceFen: 212_000,
      overdue: true,
    });
    // The fine itself is paid: the surcharge stops growing but is still owed; the case stays.
    expect((await pay(id, { paidOn: today(), amountFen: 200_000 })).statusCode).toBe(201);
    runDays(40);
    const owed = (await account(id)).account;
    expect(owed).toMatchObject({
      principalBalanceFen: 0,
      surchargeFen: 12_000,
      balanceFen: 12_000,
      overdue: false,
    });
    expect((await get(id)).step).toBe('decided');
    expect(refusal(await pay(id, { paidOn: today(), amountFen: 12_001 })).code).toBe('payment.over_balance');
    expect((await pay(id, { paidOn: today(), amountFen: 12_000 })).statusCode).toBe(201);
    expect((await get(id)).step).toBe('executed');

    // 42 days late would be 126 %: the surcharge stops at the fine (行政处罚法 art. 72).
    expect((await account(capped)).account).toMatchObject({
      fineFen: 50_000,
      surchargeFen: 50_000,
      balanceFen: 100_000,
    });
  });

  it('A11.3 an unpaid fine past its due date is handed over to compulsion', async () => {
    const id = await fined(3000);
    const propose = () =>
      officer.post(`/api/cases/${id}/transitions/hand_over_to_compulsion/propose`, {
        opinion: '逾期未缴，建议移交',
      });
    const early = refusal(await propose());
    expect(early.missing?.map((m) => m.ruleId)).toEqual(['A11.3']);

    const dueOn = (await account(id)).account!.schedule[0]!.dueOn;
    runDays(Math.round((Date.parse(dueOn) - Date.parse(today())) / DAY) + 3);
    expect((await account(id, officer)).account).toMatchObject({ overdue: true, surchargeFen: 27_000 });
    await approve(id, 'hand_over_to_compulsion');
    const handed = await get(id);
    expect(handed).toMatchObject({ step: 'compulsion_pending', status: 'open' });
    const handover = {
      on: today(),
      principalBalanceFen: 300_000,
      surchargeFen: 27_000,
      balanceFen: 327_000,
    };
    expect(handed.data.fineAccountAtHandover).toEqual(handover);
    expect((await account(id, officer)).handover).toEqual(handover);
    // The ledger's case leaf carries what was owed at the hand-over.
    const leaf = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select('event')
      .where('subject_type', '=', 'case')
      .where('subject_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect((JSON.parse(leaf.event) as { detail: unknown }).detail).toMatchObject({
      transition: 'hand_over_to_compulsion',
      to: 'compulsion_pending',
      inputs: { fineAccountAtHandover: handover },
    });
    // The case cannot be closed from here; a payment after the hand-over still settles it.
    expect(handed.transitions.map((t) => t.id)).not.toContain('close_case');
    expect((await pay(id, { paidOn: today(), amountFen: 327_000 })).statusCode).toBe(201);
    expect((await get(id)).step).toBe('executed');
  });
});
