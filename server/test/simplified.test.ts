import {
  residentIdCheckChar,
  type CaseDto,
  type FormRangeDetail,
  type FormRangeDto,
  type PaymentList,
} from '@quancheng/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';
import { approveChain, issueDocument, newParty, officerActor, registerCase } from './fixtures/cases';
import { ingestBytes, wav } from './fixtures/recordings';

type Person = Session & { id: string; unitId: string };
type Refusal = {
  message: string;
  field?: string;
  missing?: { code: string; ruleId?: string; message: { 'zh-CN': string } }[];
};

let idSeq = 0;
/** A resident ID with a correct GB 11643 check character, different on every call. */
function residentId(): string {
  idSeq++;
  const body = `13053419${80 + (idSeq % 10)}0101${String(100 + idSeq).slice(-3)}`;
  return body + (residentIdCheckChar(body) ?? '');
}

/**
 * The simplified procedure (简易程序, RULES A10.1) through the HTTP API: pads of pre-printed
 * numbered 当场处罚决定书 registered and accounted for, the on-the-spot decision with its records,
 * AV and the ceiling of 行政处罚法 art. 51, and the file closed with the form's copy.
 */
describeEachDialect('simplified procedure (A10.1): numbered forms, on-the-spot decision', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let officer: Person;
  let partner: { id: string };
  let other: Person;
  let head: Person;
  let legal: Person;
  let finance: Person;
  let seed = 900;
  let series = 0;

  beforeAll(async () => {
    c = await startTestApp(dialect);
    officer = await signInAs(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '杨执法' });
    partner = await buildPerson(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '朱执法' });
    other = await signInAs(c.app, { roles: ['officer'], unit: '劳动保障监察大队', name: '秦执法' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '劳动保障监察大队', name: '尤队长' });
    legal = await signInAs(c.app, { roles: ['legal'], unit: '法制科', name: '许法制' });
    finance = await signInAs(c.app, { roles: ['finance'], unit: '财务科', name: '施财务' });
  });
  afterAll(async () => c.stop());

  const act = (who: Session, id: string, t: string, inputs?: Record<string, unknown>) =>
    who.post(`/api/cases/${id}/transitions/${t}`, inputs ? { inputs } : {});

  /** A pad of ten forms handed to the officer, in a series of its own. */
  async function pad(over: Record<string, unknown> = {}): Promise<FormRangeDetail> {
    const res = await head.post('/api/form-ranges', {
      series: `临人社当罚${String.fromCharCode(65 + series++)}`,
      first: 101,
      last: 110,
      digits: 6,
      holderId: officer.id,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<FormRangeDetail>();
  }

  /** A matter met on site, registered for the simplified procedure with both records and the AV. */
  async function onSite(party: 'person' | 'organisation' = 'organisation', withAv = true): Promise<string> {
    const partyId =
      party === 'organisation'
        ? await newParty(officer)
        : (
            await officer.post('/api/parties', { kind: 'person', name: '赵六', identifier: residentId() })
          ).json<{ id: string }>().id;
    const k = await registerCase(officer, [officer.id, partner.id], {
      procedure: 'simplified',
      source: 'inspection',
      complainant: null,
      partyId,
      cause: '未按规定建立职工名册',
      facts: '检查发现该单位未建立职工名册。',
    });
    expect(k).toMatchObject({ step: 'on_site', procedure: { id: 'penalty_simplified' }, number: null });
    await issueDocument(officer, k.id, 'inspection_record');
    await issueDocument(officer, k.id, 'interview_record');
    if (withAv) {
      const av = await ingestBytes(c.app, officerActor(officer, '杨执法'), wav(seed++), {
        filename: 'onspot.wav',
      });
      const link = await officer.post(`/api/recordings/${av.recording?.id}/links`, {
        caseId: k.id,
        step: 'onspot_av',
      });
      expect(link.statusCode, link.body).toBe(201);
    }
    return k.id;
  }

  const decide = (id: string, inputs: Record<string, unknown>) =>
    act(officer, id, 'decide_on_spot', { defence: '当事人表示无异议，放弃陈述申辩', ...inputs });

  it('A10.1 a pad is registered as a range; an overlapping range, a reversed one and a holder of another unit are refused', async () => {
    const p = await pad();
    expect([p.firstDisplay, p.lastDisplay]).toEqual([`${p.series}000101`, `${p.series}000110`]);
    expect(p).toMatchObject({
      used: 0,
      voided: 0,
      free: 10,
      next: 101,
      gaps: [],
      holderName: '杨执法',
    });
    const overlap = await head.post('/api/form-ranges', { series: p.series, first: 110, last: 120 });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json<Refusal>().message).toContain('重叠');
    const reversed = await head.post('/api/form-ranges', { series: 'X', first: 20, last: 10 });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<Refusal>().message).toContain('止号不能小于起号');
    const foreign = await head.post('/api/form-ranges', {
      series: 'Y',
      first: 1,
      last: 5,
      holderId: legal.id,
    });
    expect(foreign.statusCode).toBe(400);
    // An officer reads the unit's pads but does not register them.
    expect((await officer.post('/api/form-ranges', { series: 'Z', first: 1, last: 5 })).statusCode).toBe(403);
    const mine = (await officer.get('/api/form-ranges')).json<{
      items: FormRangeDto[];
      abilities: { register: boolean };
    }>();
    expect(mine.items.map((r) => r.id)).toContain(p.id);
    // What each may do comes with the data: the holder voids, a colleague does not, neither registers.
    expect(mine.abilities.register).toBe(false);
    expect(mine.items.find((r) => r.id === p.id)?.abilities.void).toBe(true);
    const colleague = (await other.get('/api/form-ranges')).json<{ items: FormRangeDto[] }>();
    expect(colleague.items.find((r) => r.id === p.id)?.abilities.void).toBe(false);
    expect(
      (await head.get('/api/form-ranges')).json<{ abilities: { register: boolean } }>().abilities.register,
    ).toBe(true);
    // Every registration is a ledger leaf.
    const leaves = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select('action')
      .where('subject_type', '=', 'form_range')
      .where('subject_id', '=', p.id)
      .execute();
    expect(leaves.map((l) => l.action)).toEqual(['form_range.registered']);
  });

  it('A10.1 refused above the on-the-spot ceiling: 200 yuan for a person, 3,000 for an organisation; a warning carries no fine', async () => {
    const p = await pad();
    const person = await onSite('person');
    const over = await decide(person, { penaltyType: '罚款', fineAmount: 201, formNumber: p.nextDisplay });
    expect(over.statusCode).toBe(409);
    expect(over.json<Refusal>().missing?.map((m) => m.ruleId)).toEqual(['A10.1']);
    expect(over.json<Refusal>().missing?.[0]?.message['zh-CN']).toContain('200元以下');
    const org = await onSite('organisation');
    expect(
      (await decide(org, { penaltyType: '罚款', fineAmount: 3001, formNumber: p.nextDisplay })).statusCode,
    ).toBe(409);
    expect((await decide(org, { penaltyType: '责令停产停业', formNumber: p.nextDisplay })).statusCode).toBe(
      409,
    );
    expect(
      (await decide(org, { penaltyType: '警告', fineAmount: 100, formNumber: p.nextDisplay })).statusCode,
    ).toBe(409);
    // Nothing was used by the refusals: the pad still starts at its first number.
    expect((await head.get(`/api/form-ranges/${p.id}`)).json<FormRangeDetail>()).toMatchObject({
      used: 0,
      next: 101,
    });
    const atCeiling = await decide(person, {
      penaltyType: '罚款',
      fineAmount: 200,
      formNumber: p.nextDisplay,
    });
    expect(atCeiling.statusCode, atCeiling.body).toBe(200);
    const orgOk = await decide(org, {
      penaltyType: '罚款',
      fineAmount: 3000,
      formNumber: p.series + '000102',
    });
    expect(orgOk.statusCode, orgOk.body).toBe(200);
  });

  it('A10.1 refused without the whole-procedure AV or the inspection and interview records', async () => {
    const p = await pad();
    const id = await onSite('organisation', false);
    const res = await decide(id, { penaltyType: '警告', formNumber: p.nextDisplay });
    expect(res.statusCode).toBe(409);
    expect(res.json<Refusal>().missing?.map((m) => [m.code, m.ruleId])).toEqual([
      ['recording_missing', 'A10.1'],
    ]);
    const bare = await registerCase(officer, [officer.id, partner.id], {
      procedure: 'simplified',
      source: 'inspection',
      partyId: await newParty(officer),
    });
    const none = await decide(bare.id, { penaltyType: '警告', formNumber: p.nextDisplay });
    expect(none.json<Refusal>().missing?.map((m) => m.code)).toEqual([
      'document_missing',
      'document_missing',
      'recording_missing',
    ]);
  });

  it('A10.1 the numbered form is used once, in order: a skipped number is voided with its reason first; an unregistered or another officer’s number is refused', async () => {
    const p = await pad();
    const first = await onSite();
    // 000103 while 000101 and 000102 are unaccounted for: refused, naming them.
    const skipped = await decide(first, { penaltyType: '警告', formNumber: `${p.series}000103` });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json<Refusal>()).toMatchObject({ field: 'formNumber' });
    expect(skipped.json<Refusal>().message).toContain(`${p.series}000101、${p.series}000102`);
    // A number in no registered pad.
    const unknown = await decide(first, { penaltyType: '警告', formNumber: `${p.series}000999` });
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json<Refusal>().message).toContain('不在已登记');
    // The case was not moved by any refusal.
    expect((await officer.get(`/api/cases/${first}`)).json<CaseDto>().step).toBe('on_site');

    // 000101 was spoiled while writing: voided with the reason, by the officer who holds the pad.
    expect(
      (await officer.post(`/api/form-ranges/${p.id}/voids`, { number: 101, reason: '' })).statusCode,
    ).toBe(400);
    expect(
      (await other.post(`/api/form-ranges/${p.id}/voids`, { number: 101, reason: '填写错误' })).statusCode,
    ).toBe(403);
    const voided = await officer.post(`/api/form-ranges/${p.id}/voids`, {
      number: 101,
      reason: '填写错误，已作废',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json<FormRangeDetail>()).toMatchObject({ voided: 1, next: 102 });

    const used = await decide(first, {
      penaltyType: '罚款',
      fineAmount: 500,
      formNumber: ` ${p.series}102 `,
    });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json<CaseDto>()).toMatchObject({
      step: 'decided_on_spot',
      data: { formNumber: `${p.series}000102`, penaltyType: '罚款', fineAmount: 500 },
    });
    const detail = (await legal.get(`/api/form-ranges/${p.id}`)).json<FormRangeDetail>();
    expect(detail).toMatchObject({ used: 1, voided: 1, free: 8, next: 103, gaps: [] });
    expect(detail.numbers.map((n) => [n.display.slice(-6), n.status, n.reason])).toEqual([
      ['000101', 'voided', '填写错误，已作废'],
      ['000102', 'used', null],
    ]);
    expect(detail.numbers[1]?.caseId).toBe(first);

    // Used once only.
    const again = await onSite();
    const twice = await decide(again, { penaltyType: '警告', formNumber: `${p.series}000102` });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Refusal>().message).toContain('已经使用');
    const voidUsed = await head.post(`/api/form-ranges/${p.id}/voids`, { number: 102, reason: '重复' });
    expect(voidUsed.statusCode).toBe(409);

    // A pad held by an officer who is not on the case.
    const othersPad = await pad({ holderId: other.id });
    const notHolder = await decide(again, { penaltyType: '警告', formNumber: othersPad.nextDisplay });
    expect(notHolder.statusCode).toBe(409);
    expect(notHolder.json<Refusal>().message).toContain('秦执法');

    const leaves = await c.app.deps.db
      .selectFrom('ledger_entries')
      .select(['action', 'subject_type'])
      .where('subject_type', '=', 'form_number')
      .orderBy('seq')
      .execute();
    expect(leaves.map((l) => l.action)).toEqual(
      expect.arrayContaining(['form_number.voided', 'form_number.used']),
    );
  });

  it('A10.1 the on-the-spot decision starts the 15 days to pay; the file copy of the form carries the printed number; closing needs payment, the copy and the unit head', async () => {
    const p = await pad();
    const id = await onSite();
    const decided = await decide(id, { penaltyType: '罚款', fineAmount: 1000, formNumber: p.nextDisplay });
    expect(decided.statusCode, decided.body).toBe(200);
    const k = decided.json<CaseDto>();
    expect(k.deadlines.find((d) => d.periodId === 'fine_payment')?.status).toBe('open');

    const doc = await issueDocument(officer, id, 'onspot_decision');
    expect(doc.number).toBe(p.nextDisplay);
    expect(doc.fields).toMatchObject({ penaltyType: '罚款', fineAmount: 1000 });

    const unpaid = await officer.post(`/api/cases/${id}/transitions/close_case/propose`, {
      opinion: '报备案',
    });
    expect(unpaid.statusCode).toBe(409);
    expect(unpaid.json<Refusal>().missing?.map((m) => m.ruleId)).toContain('A11.3');
    // A11.3 finance records the payment from its bill; paid in full, the case moves on.
    expect(
      (
        await officer.post(`/api/cases/${id}/payments`, {
          paidOn: '2026-11-28',
          amountFen: 100_000,
          receiptNumber: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const paid = await finance.post(`/api/cases/${id}/payments`, {
      paidOn: '2026-11-28',
      amountFen: 100_000,
      receiptNumber: '冀非税 No.0012345',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json<PaymentList>().account).toMatchObject({
      fineFen: 100_000,
      balanceFen: 0,
      paidInFull: true,
    });
    const executed = (await officer.get(`/api/cases/${id}`)).json<CaseDto>();
    expect(executed.step).toBe('executed');
    expect(executed.deadlines.find((d) => d.periodId === 'fine_payment')?.status).toBe('met');
    await approveChain(officer, { unit_head: head }, id, 'close_case');
    const closed = (await officer.get(`/api/cases/${id}`)).json<CaseDto>();
    expect(closed).toMatchObject({ step: 'closed', status: 'closed' });
  });

  it('A10.1 a form that cannot be issued without its printed number; a matter unfit for the spot moves to the general procedure', async () => {
    const id = await onSite();
    const drafted = await officer.post(`/api/cases/${id}/documents`, { templateId: 'onspot_decision' });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const docId = drafted.json<{ id: string }>().id;
    await officer.patch(`/api/documents/${docId}`, {
      fields: {
        ...drafted.json<{ fields: object }>().fields,
        decidedAt: '2026-11-28T10:00',
        place: '临西县工业园区1号',
        defence: '无',
        violatedProvision: '《劳动合同法》第七条',
        penaltyBasis: '《劳动保障监察条例》第三十条',
        penaltyType: '警告',
      },
    });
    const issued = await officer.post(`/api/documents/${docId}/issue`);
    expect(issued.statusCode).toBe(409);
    expect(issued.json<Refusal>().message).toContain('编号');
    const converted = await act(officer, id, 'convert_to_general', {
      conversionReason: '需进一步调查工资支付情况',
    });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json<CaseDto>()).toMatchObject({ step: 'converted', status: 'closed' });
  });
});

describe('A10.1 pad arithmetic', () => {
  it('A10.1 next is the lowest free number, gaps are the free numbers below the highest accounted one', async () => {
    const { summarizePad, locateNumber } = await import('../src/modules/forms/forms.numbers');
    const range = { first_no: 1, last_no: 6 };
    expect(summarizePad(range, [])).toEqual({ used: 0, voided: 0, free: 6, next: 1, gaps: [] });
    expect(
      summarizePad(range, [
        { number: 1, status: 'used' },
        { number: 4, status: 'voided' },
      ]),
    ).toEqual({ used: 1, voided: 1, free: 4, next: 2, gaps: [2, 3] });
    expect(
      summarizePad({ first_no: 1, last_no: 2 }, [
        { number: 1, status: 'used' },
        { number: 2, status: 'used' },
      ]).next,
    ).toBeNull();
    const pads = [
      { id: 'a', series: '', first_no: 1, last_no: 999, digits: 6 },
      { id: 'b', series: 'No.', first_no: 1, last_no: 999, digits: 6 },
    ] as never[];
    expect(locateNumber(pads, 'No.000012')).toMatchObject({ range: { id: 'b' }, number: 12 });
    expect(locateNumber(pads, '000012')).toMatchObject({ range: { id: 'a' }, number: 12 });
    expect(locateNumber(pads, 'No.0012a')).toBeNull();
    expect(locateNumber(pads, '1000')).toBeNull();
  });
});
