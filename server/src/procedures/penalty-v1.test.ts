import { describe, expect, it } from 'vitest';
import { applyTransition, availableTransitions, evaluateTransition, formatNumber, startCase } from './engine';
import { getProcedure } from './registry';
import type { CaseSnapshot } from './snapshot';
import { agencyHead, approval, factsOf, issued, officer, snapshotOf, unitHead } from './test-fixtures';

const def = getProcedure('penalty', 1)!;
const codes = (s: CaseSnapshot, t: string, inputs?: Record<string, unknown>) =>
  evaluateTransition(def, s, t, officer, { inputs }).missing.map((m) => m.code);
const zh = (s: CaseSnapshot, t: string, inputs?: Record<string, unknown>) =>
  evaluateTransition(def, s, t, officer, { inputs }).missing.map((m) => m.message['zh-CN']);
const openApproved = approval('open_case', 'off-1', [
  ['unit_head', 'uh-1'],
  ['agency_head', 'ah-1'],
]);
const beyondLimitation = factsOf({ case: { violationEndedOn: '2022-03-10', receivedOn: '2024-03-11' } });

describe('penalty v1 intake', () => {
  it('A6.1 registration starts at 登记; complaints and reports start the 5-working-day acceptance period', () => {
    expect(startCase(def, factsOf())).toEqual({
      step: 'registered',
      stage: 'initiation',
      status: 'open',
      startsDeadlines: ['complaint_acceptance'],
    });
    expect(startCase(def, factsOf({ case: { source: 'inspection' } })).startsDeadlines).toEqual([]);
    expect(startCase(def, factsOf({ case: { source: 'referral' } })).startsDeadlines).toEqual([]);
  });

  it('A6.1 opening a case needs the 立案审批表 approved by the unit head then the agency head', () => {
    expect(zh(snapshotOf(), 'open_case')).toEqual([
      '缺少办案机构负责人、行政机关负责人审批（立案审批表），请先提交审批',
    ]);
    const half = snapshotOf({ approvals: [approval('open_case', 'off-1', [['unit_head', 'uh-1']])] });
    expect(zh(half, 'open_case')).toEqual(['缺少行政机关负责人审批（立案审批表）']);
    expect(evaluateTransition(def, half, 'open_case', officer).missing[0]?.message.en).toBe(
      'Missing the approval of the agency head (case filing approval form (立案审批表))',
    );
    const done = snapshotOf({ approvals: [openApproved] });
    expect(codes(done, 'open_case')).toEqual([]);
    expect(applyTransition(def, done, 'open_case')).toMatchObject({
      to: 'investigation',
      stage: 'investigation',
      status: 'open',
      effects: ['assign_case_number'],
      meetsDeadlines: ['complaint_acceptance'],
      startsDeadlines: ['investigation', 'penalty_decision'],
      consumesApproval: true,
    });
    expect(formatNumber(def.numbers.case, 2025, 12)).toBe('临人社监立〔2025〕第12号');
  });

  it('A6.1 a case is not opened without an identified party, basic evidence, jurisdiction and within 2 years', () => {
    const s = snapshotOf({
      approvals: [openApproved],
      facts: factsOf({
        party: { present: false },
        data: { evidenceProvided: false, withinJurisdiction: false },
        case: { violationEndedOn: '2022-03-10', receivedOn: '2024-03-11' },
      }),
    });
    expect(zh(s, 'open_case')).toEqual([
      '当事人（用人单位）尚未明确',
      '缺少基本事实证据材料',
      '不属于本机构管辖',
      '违法行为终了之日起已超过2年，不得立案',
    ]);
    expect(evaluateTransition(def, s, 'open_case', officer).missing.map((m) => m.ruleId)).toEqual([
      'A6.3',
      'A6.3',
      'A6.3',
      'A6.2',
    ]);
  });

  it('A6.2 a complaint beyond 2 years is refused with the agency head’s approval and an issued 不予受理决定书', () => {
    const s = snapshotOf({ facts: beyondLimitation });
    expect(zh(s, 'refuse_limitation')).toEqual([
      '缺少行政机关负责人审批（行政处罚案件处理内部审批表），请先提交审批',
      '缺少已签发的《不予受理决定书》（A6.2）',
    ]);
    const approved = { ...s, approvals: [approval('refuse_limitation', 'off-1', [['agency_head', 'ah-1']])] };
    expect(zh(approved, 'refuse_limitation')).toEqual(['缺少已签发的《不予受理决定书》（A6.2）']);
    const draft = {
      ...approved,
      documents: [{ templateId: 'non_acceptance_decision', state: 'draft' as const }],
    };
    expect(codes(draft, 'refuse_limitation')).toEqual(['document_missing']);
    const ready = { ...approved, documents: issued('non_acceptance_decision') };
    expect(codes(ready, 'refuse_limitation')).toEqual([]);
    expect(applyTransition(def, ready, 'refuse_limitation')).toMatchObject({
      to: 'not_accepted',
      status: 'closed',
      terminal: true,
      effects: ['close_case'],
      meetsDeadlines: ['complaint_acceptance'],
      withdrawPending: ['open_case', 'request_supplement', 'refer_out', 'transfer'],
    });
  });

  it('A6.2 only a complaint or report beyond 2 years may be refused this way', () => {
    expect(zh(snapshotOf(), 'refuse_limitation')[0]).toBe(
      '仅对违法行为终了之日起超过2年的投诉、举报不予受理',
    );
    const inspection = factsOf({
      ...beyondLimitation,
      case: { ...beyondLimitation.case, source: 'inspection' },
    });
    expect(codes(snapshotOf({ facts: inspection }), 'refuse_limitation')).toContain('condition');
  });

  it('A6.3 a complaint without an identifiable employer or basic evidence: supplement notice, then acceptance restarts', () => {
    const ok = snapshotOf();
    expect(codes(ok, 'request_supplement')).toEqual(['condition', 'document_missing']);
    const noParty = snapshotOf({ facts: factsOf({ party: { present: false } }) });
    expect(zh(noParty, 'request_supplement')).toEqual(['缺少已签发的《补正材料通知书》（A6.3）']);
    const ready = { ...noParty, documents: issued('supplement_notice') };
    expect(applyTransition(def, ready, 'request_supplement')).toMatchObject({
      to: 'awaiting_supplement',
      meetsDeadlines: ['complaint_acceptance'],
    });
    const waiting = { ...ready, step: 'awaiting_supplement' };
    expect(codes(waiting, 'supplement_received')).toEqual([]);
    expect(applyTransition(def, waiting, 'supplement_received')).toMatchObject({
      to: 'registered',
      startsDeadlines: ['complaint_acceptance'],
    });
    const noEvidence = snapshotOf({ facts: factsOf({ data: { evidenceProvided: false } }) });
    expect(codes(noEvidence, 'request_supplement')).toEqual(['document_missing']);
  });

  it('A6.3 a second 补正 request needs a new notice: the one issued for the first does not serve again', () => {
    const noParty = snapshotOf({ facts: factsOf({ party: { present: false } }) });
    const first = {
      ...noParty,
      documents: [{ templateId: 'supplement_notice', state: 'issued' as const, seq: 10 }],
    };
    expect(codes(first, 'request_supplement')).toEqual([]);
    const again = { ...first, done: [{ transition: 'request_supplement', seq: 12 }] };
    expect(zh(again, 'request_supplement')).toEqual(['缺少已签发的《补正材料通知书》（A6.3）']);
    const renewed = {
      ...again,
      documents: [...again.documents, { templateId: 'supplement_notice', state: 'issued' as const, seq: 15 }],
    };
    expect(codes(renewed, 'request_supplement')).toEqual([]);
  });

  it('A6.3 outside jurisdiction: the complainant is told which authority to go to, recorded with the advice issued', () => {
    const outside = snapshotOf({
      facts: factsOf({ data: { evidenceProvided: true, withinJurisdiction: false } }),
    });
    expect(zh(outside, 'refer_out')).toEqual(['缺少已签发的《告知书》（A6.3）', '缺少“有管辖权的机构”']);
    const ready = { ...outside, documents: issued('referral_advice') };
    const inputs = { referralAuthority: '某市住房和城乡建设局' };
    expect(codes(ready, 'refer_out', inputs)).toEqual([]);
    expect(codes(ready, 'refer_out', { referralAuthority: '  ' })).toEqual(['input_missing']);
    expect(applyTransition(def, ready, 'refer_out', { ...inputs, stray: 1 })).toMatchObject({
      to: 'referred_out',
      status: 'closed',
      record: inputs,
    });
    expect(zh(snapshotOf(), 'refer_out')[0]).toBe(
      '仅当投诉、举报事项不属于本机构管辖时，才告知向有管辖权的机构投诉',
    );
  });

  it('A6.4 a suspected crime found in investigation is transferred with approval, letter, recipient, reason and materials', () => {
    const s = snapshotOf({ step: 'investigation', facts: factsOf({ data: { suspectedCrime: true } }) });
    expect(zh(s, 'transfer')).toEqual([
      '缺少行政机关负责人审批（行政处罚案件处理内部审批表），请先提交审批',
      '缺少已签发的《行政违法案件移送函》（A6.4）',
      '缺少“接收机关”',
      '缺少“移送理由”',
      '缺少“移送材料及涉案物品清单”（至少一项）',
    ]);
    const ready = {
      ...s,
      approvals: [approval('transfer', 'off-2', [['agency_head', 'ah-1']])],
      documents: issued('transfer_letter'),
    };
    const inputs = {
      transferRecipient: '临西县公安局',
      transferReason: '涉嫌拒不支付劳动报酬罪',
      materials: ['询问笔录'],
    };
    expect(codes(ready, 'transfer', { ...inputs, materials: [] })).toEqual(['input_missing']);
    expect(codes(ready, 'transfer', inputs)).toEqual([]);
    expect(applyTransition(def, ready, 'transfer', inputs)).toMatchObject({
      to: 'transferred',
      status: 'closed',
      record: inputs,
    });
  });

  it('A6.4 transfer is offered on the pre-filing check too, and only for a suspected crime or outside jurisdiction', () => {
    const ids = availableTransitions(def, snapshotOf(), officer).map((t) => t.id);
    expect(ids).toEqual(['open_case', 'refuse_limitation', 'request_supplement', 'refer_out', 'transfer']);
    expect(zh(snapshotOf({ step: 'investigation' }), 'transfer')[0]).toBe(
      '仅当发现违法行为涉嫌犯罪或超出管辖范围时，才可移送',
    );
    const inv = availableTransitions(def, snapshotOf({ step: 'investigation' }), officer).map((t) => t.id);
    expect(inv).toEqual(['transfer']);
  });

  it('A6.1 the complaint-acceptance panel for a fresh complaint shows what each way out still needs', () => {
    const panel = availableTransitions(def, snapshotOf({ officers: ['off-1'] }), unitHead);
    expect(panel.every((t) => !t.allowed)).toBe(true);
    expect(panel[0]?.missing.map((m) => m.code)).toEqual(['not_actor', 'approval_missing']);
    expect(panel[0]?.toTitle['zh-CN']).toBe('调查取证');
    expect(evaluateTransition(def, snapshotOf(), 'open_case', agencyHead).missing[0]?.message['zh-CN']).toBe(
      '“立案”须由执法人员办理',
    );
  });
});
