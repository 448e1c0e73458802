import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  evaluateDecision,
  evaluateOverride,
  evaluateProposal,
  evaluateTransition,
} from './engine';
import { getProcedure, loadProcedure } from './registry';
import type { Missing, Verdict } from './snapshot';
import {
  actor,
  agencyHead,
  approval,
  demoProcedure,
  factsOf,
  issued,
  officer,
  snapshotOf,
  unitHead,
} from './test-fixtures';

const penalty = getProcedure('penalty', 1)!;
const demo = loadProcedure(demoProcedure);
const only = (v: Verdict): Missing => {
  expect(v.allowed).toBe(false);
  expect(v.missing).toHaveLength(1);
  return v.missing[0]!;
};
const pendingOpen = (decisions: Parameters<typeof approval>[2] = []) =>
  snapshotOf({ approvals: [approval('open_case', 'off-1', decisions)] });

describe('the engine refuses', () => {
  it('A6.1 a transition without its approval', () => {
    const m = only(evaluateTransition(penalty, snapshotOf(), 'open_case', officer));
    expect(m.code).toBe('approval_missing');
    expect(m.message).toEqual({
      'zh-CN': '缺少办案机构负责人、行政机关负责人审批（立案审批表），请先提交审批',
      en: 'Missing the approval of the head of the handling unit, then the agency head (case filing approval form (立案审批表)); propose it first',
    });
  });

  it('A6.1 an approval whose stored state says approved but whose decisions do not complete the chain', () => {
    const forged = snapshotOf({
      approvals: [approval('open_case', 'off-1', [['agency_head', 'ah-1']], 'approved')],
    });
    const m = only(evaluateTransition(penalty, forged, 'open_case', officer));
    expect(m.code).toBe('approval_pending');
    expect(m.message['zh-CN']).toBe('缺少办案机构负责人、行政机关负责人审批（立案审批表）');
  });

  it('A6.1 a rejected approval, until proposed again', () => {
    const s = pendingOpen([['unit_head', 'uh-1', 'reject']]);
    const m = only(evaluateTransition(penalty, s, 'open_case', officer));
    expect(m.code).toBe('approval_rejected');
    expect(m.message['zh-CN']).toBe('办案机构负责人未同意（立案审批表），可重新提交审批');
    expect(evaluateProposal(penalty, s, 'open_case', officer).allowed).toBe(true);
    expect(only(evaluateProposal(penalty, pendingOpen(), 'open_case', officer)).message['zh-CN']).toBe(
      '“立案”已提交审批，正在等待办案机构负责人审批',
    );
  });

  it('A6.1 a self-approval: nobody approves their own proposal', () => {
    const both = actor('boss', 'officer', 'unit_head');
    const s = snapshotOf({ officers: ['boss'], approvals: [approval('open_case', 'boss', [])] });
    const m = only(evaluateDecision(penalty, s, 'open_case', both));
    expect(m.code).toBe('self_approval');
    expect(m.message).toEqual({
      'zh-CN': '不能审批自己提出的申请',
      en: 'Nobody may approve their own proposal',
    });
    const forged = snapshotOf({
      approvals: [
        approval(
          'open_case',
          'boss',
          [
            ['unit_head', 'boss'],
            ['agency_head', 'ah-1'],
          ],
          'approved',
        ),
      ],
    });
    expect(only(evaluateTransition(penalty, forged, 'open_case', officer)).code).toBe('approval_pending');
  });

  it('A6.1 one person deciding twice in one chain', () => {
    const twoHats = actor('uh-1', 'unit_head', 'agency_head');
    const m = only(evaluateDecision(penalty, pendingOpen([['unit_head', 'uh-1']]), 'open_case', twoHats));
    expect(m.code).toBe('decided_twice');
    expect(m.message['zh-CN']).toBe('您已在本审批流程中签署过意见，同一人不能重复审批');
  });

  it('A6.1 an out-of-order decision: the agency head waits for the unit head', () => {
    const m = only(evaluateDecision(penalty, pendingOpen(), 'open_case', agencyHead));
    expect(m.code).toBe('out_of_order');
    expect(m.message).toEqual({
      'zh-CN': '等待办案机构负责人意见后，才能由行政机关负责人审批',
      en: 'The agency head decides only after the head of the handling unit has given an opinion',
    });
    expect(evaluateDecision(penalty, pendingOpen(), 'open_case', unitHead)).toEqual({
      allowed: true,
      missing: [],
      role: 'unit_head',
    });
    expect(
      evaluateDecision(penalty, pendingOpen([['unit_head', 'uh-1']]), 'open_case', agencyHead).role,
    ).toBe('agency_head');
  });

  it('A6.1 a decision by a role not in the chain', () => {
    const m = only(evaluateDecision(penalty, pendingOpen(), 'open_case', actor('lg-1', 'legal')));
    expect(m.code).toBe('not_actor');
    expect(m.message['zh-CN']).toBe('本审批须由办案机构负责人、行政机关负责人依次审批，您的角色不在其中');
    expect(only(evaluateDecision(penalty, snapshotOf(), 'open_case', unitHead)).message['zh-CN']).toBe(
      '“立案”没有待审批的申请',
    );
  });

  it('A6.2 a missing issued document', () => {
    const s = snapshotOf({
      facts: factsOf({ case: { violationEndedOn: '2020-01-01', receivedOn: '2024-01-01' } }),
      approvals: [approval('refuse_limitation', 'off-1', [['agency_head', 'ah-1']])],
    });
    const m = only(evaluateTransition(penalty, s, 'refuse_limitation', officer));
    expect(m).toMatchObject({ code: 'document_missing', ruleId: 'A6.2' });
    expect(m.message).toEqual({
      'zh-CN': '缺少已签发的《不予受理决定书》（A6.2）',
      en: 'Missing an issued decision not to accept (《不予受理决定书》) (A6.2)',
    });
    const titled = evaluateTransition(penalty, s, 'refuse_limitation', officer, {
      templateTitles: { non_acceptance_decision: { 'zh-CN': '不予受理决定书（投诉）', en: 'refusal' } },
    });
    expect(titled.missing[0]?.message['zh-CN']).toBe('缺少已签发的《不予受理决定书（投诉）》（A6.2）');
  });

  it('a missing required recording (demo procedure), unless the agency head grants the exception with a reason', () => {
    const s = snapshotOf({
      step: 'on_site',
      facts: factsOf({ data: { score: 100 } }),
      documents: issued('inspection_report'),
    });
    const m = only(evaluateTransition(demo, s, 'report', officer));
    expect(m).toMatchObject({
      code: 'recording_missing',
      ruleId: 'A16.4',
      params: { requirementId: 'on_site_av' },
    });
    expect(m.message).toEqual({
      'zh-CN': '缺少音像记录：现场检查全过程录像（A16.4）',
      en: 'Missing the audio-video record: on-site video (A16.4)',
    });
    expect(
      evaluateTransition(demo, { ...s, recordings: [{ requirementId: 'on_site_av' }] }, 'report', officer)
        .allowed,
    ).toBe(true);
    expect(evaluateOverride(demo, 'report', agencyHead, '设备故障，已报告')).toEqual({
      allowed: true,
      missing: [],
      covers: ['recordings'],
    });
    const waived = { ...s, overrides: [{ transition: 'report', covers: ['recordings' as const] }] };
    expect(evaluateTransition(demo, waived, 'report', officer).allowed).toBe(true);
    const wrongWaiver = {
      ...s,
      documents: [],
      overrides: [{ transition: 'report', covers: ['documents' as const] }],
    };
    expect(evaluateTransition(demo, wrongWaiver, 'report', officer).missing.map((x) => x.code)).toEqual([
      'document_missing',
      'recording_missing',
    ]);
  });

  it('an exception (demo procedure) without its role, without a reason, or where no rule allows one', () => {
    const v = evaluateOverride(demo, 'report', officer, ' ');
    expect(v.missing.map((x) => x.message['zh-CN'])).toEqual([
      '例外办理须由行政机关负责人决定',
      '例外办理须写明理由',
    ]);
    expect(only(evaluateOverride(penalty, 'refuse_limitation', agencyHead, '理由')).message['zh-CN']).toBe(
      '“不予受理（超过2年）”不允许例外办理',
    );
  });

  it('A6.4 a transition from another step, and anything on a closed case', () => {
    const m = only(
      evaluateTransition(penalty, snapshotOf({ step: 'awaiting_supplement' }), 'transfer', officer),
    );
    expect(m.code).toBe('wrong_step');
    expect(m.message).toEqual({
      'zh-CN': '当前环节为“待补正”，不能执行“移送”',
      en: 'The case is at “Awaiting supplementary material”; “Transfer” cannot be done there',
    });
    const closed = snapshotOf({ step: 'transferred', status: 'closed' });
    expect(only(evaluateTransition(penalty, closed, 'transfer', officer)).message['zh-CN']).toBe(
      '案件已终结（已移送），不能再执行“移送”',
    );
    expect(only(evaluateProposal(penalty, closed, 'transfer', officer)).code).toBe('case_closed');
    expect(only(evaluateDecision(penalty, closed, 'transfer', agencyHead)).code).toBe('case_closed');
    expect(() => applyTransition(penalty, closed, 'transfer')).toThrow(/cannot be applied/);
  });

  it('an officer who is not on the case', () => {
    const m = only(
      evaluateTransition(
        penalty,
        snapshotOf({
          approvals: [
            approval('open_case', 'off-9', [
              ['unit_head', 'uh-1'],
              ['agency_head', 'ah-1'],
            ]),
          ],
        }),
        'open_case',
        actor('off-9', 'officer'),
      ),
    );
    expect(m.message['zh-CN']).toBe('您不是本案承办人员，不能办理“立案”');
  });

  it('a three-role chain (demo procedure) is decided in order, by three different people', () => {
    const s = (decisions: Parameters<typeof approval>[2]) =>
      snapshotOf({ step: 'planned', approvals: [approval('start', 'off-1', decisions)] });
    expect(
      only(evaluateDecision(demo, s([['unit_head', 'uh-1']]), 'start', agencyHead)).message['zh-CN'],
    ).toBe('等待法制机构意见后，才能由行政机关负责人审批');
    expect(evaluateDecision(demo, s([['unit_head', 'uh-1']]), 'start', actor('lg', 'legal')).allowed).toBe(
      true,
    );
    expect(
      evaluateTransition(
        demo,
        s([
          ['unit_head', 'uh-1'],
          ['legal', 'lg'],
          ['agency_head', 'ah-1'],
        ]),
        'start',
        officer,
      ).allowed,
    ).toBe(true);
    expect(only(evaluateProposal(demo, snapshotOf({ step: 'on_site' }), 'report', officer)).code).toBe(
      'approval_not_needed',
    );
  });
});
