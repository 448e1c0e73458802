import type { ProcedureInput } from './definition';
import { penaltyV1 } from './penalty.v1';

/**
 * 行政处罚 (penalty), version 2: version 1's intake unchanged, plus the investigation (调查取证,
 * seed art. 7 = RULES A7.1–A7.5). Investigation acts — an on-site inspection, an interview, an
 * audit, preserving evidence and releasing it — are transitions from `investigation` back to
 * itself: each can happen any number of times, and each time needs its own record (a document or
 * recording made for an earlier one does not serve again). The investigation ends with the
 * 调查终结报告 and the internal approval of the penalty proposal (A7.5), within 60 working days of
 * opening, or 90 with the agency head's approval (劳动保障监察条例 art. 17).
 *
 * Cases registered under version 1 stay on it; new cases start here.
 */

type Transition = ProcedureInput['transitions'][number];

const preserved = { field: 'data.evidencePreserved', op: 'eq', value: true } as const;

const investigationActs: Transition[] = [
  {
    id: 'record_inspection',
    from: ['investigation'],
    to: 'investigation',
    title: { 'zh-CN': '现场检查（勘验）', en: 'On-site inspection' },
    ruleIds: ['A7.1'],
    actors: ['officer'],
    documents: [{ templateId: 'inspection_record', ruleId: 'A7.1' }],
    recordings: [
      {
        id: 'inspection_av',
        ruleId: 'A7.1',
        label: { 'zh-CN': '现场检查（勘验）全程录音录像', en: 'AV record of the on-site inspection' },
      },
    ],
  },
  {
    id: 'record_interview',
    from: ['investigation'],
    to: 'investigation',
    title: { 'zh-CN': '调查询问', en: 'Interview' },
    ruleIds: ['A7.2'],
    actors: ['officer'],
    documents: [{ templateId: 'interview_record', ruleId: 'A7.2' }],
  },
  {
    id: 'preserve_evidence',
    from: ['investigation'],
    to: 'investigation',
    title: { 'zh-CN': '先行登记保存证据', en: 'Preserve evidence' },
    ruleIds: ['A7.3'],
    actors: ['officer'],
    when: { not: preserved },
    whenMessage: {
      'zh-CN': '已先行登记保存的证据尚未作出处理决定',
      en: 'Evidence already preserved has not been dealt with yet',
    },
    approval: { chain: ['unit_head', 'agency_head'], form: 'internal_approval' },
    documents: [{ templateId: 'preservation_notice', ruleId: 'A7.3' }],
    recordings: [
      {
        id: 'preservation_av',
        ruleId: 'A7.3',
        label: { 'zh-CN': '先行登记保存全程录音录像', en: 'AV record of the evidence preservation' },
      },
    ],
    sets: { evidencePreserved: true },
    startsDeadlines: ['preservation_decision'],
  },
  {
    id: 'release_evidence',
    from: ['investigation'],
    to: 'investigation',
    title: { 'zh-CN': '先行登记保存证据处理', en: 'Decide on preserved evidence' },
    ruleIds: ['A7.3'],
    actors: ['officer'],
    when: preserved,
    whenMessage: { 'zh-CN': '没有先行登记保存的证据', en: 'No evidence is preserved' },
    documents: [{ templateId: 'preservation_release', ruleId: 'A7.3' }],
    sets: { evidencePreserved: false },
    meetsDeadlines: ['preservation_decision'],
  },
  {
    id: 'commission_audit',
    from: ['investigation'],
    to: 'investigation',
    title: { 'zh-CN': '委托审计（鉴定）', en: 'Commission an audit or appraisal' },
    ruleIds: ['A7.4'],
    actors: ['officer'],
    documents: [
      { templateId: 'audit_commission', ruleId: 'A7.4' },
      { templateId: 'audit_notice', ruleId: 'A7.4' },
    ],
  },
  {
    id: 'extend_investigation',
    from: ['investigation'],
    to: 'investigation',
    title: { 'zh-CN': '延长调查期限（30个工作日）', en: 'Extend the investigation (30 working days)' },
    // The investigation that A7.5 ends runs 60 working days, 30 more with approval (劳动保障监察条例 art. 17).
    ruleIds: ['A7.5'],
    actors: ['officer'],
    when: { field: 'data.investigationExtended', op: 'ne', value: true },
    whenMessage: {
      'zh-CN': '调查期限只能延长一次',
      en: 'The investigation can be extended once only',
    },
    approval: { chain: ['agency_head'], form: 'internal_approval' },
    inputs: [
      {
        key: 'extensionReason',
        label: { 'zh-CN': '延长理由', en: 'Reason for the extension' },
        required: true,
      },
    ],
    sets: { investigationExtended: true },
    startsDeadlines: ['investigation_extension'],
  },
  {
    id: 'end_investigation',
    from: ['investigation'],
    to: 'investigation_ended',
    title: { 'zh-CN': '调查终结', en: 'End the investigation' },
    ruleIds: ['A7.5'],
    actors: ['officer'],
    guards: [
      {
        when: { not: preserved },
        message: {
          'zh-CN': '先行登记保存的证据尚未作出处理决定',
          en: 'Preserved evidence has not been dealt with yet',
        },
        ruleId: 'A7.3',
      },
    ],
    approval: { chain: ['unit_head', 'agency_head'], form: 'internal_approval' },
    documents: [{ templateId: 'investigation_report', ruleId: 'A7.5' }],
    meetsDeadlines: ['investigation', 'investigation_extension'],
  },
];

const hearingEligible = { ref: 'hearingEligible' } as const;
const flag = (key: string) => ({ field: `data.${key}`, op: 'eq', value: true }) as const;
const DECISION_FROM = ['prior_notified', 'hearing_reported'];
const hasFine = { field: 'data.fineAmount', op: 'gt', value: 0 } as const;
/** A8.3: a hearing-eligible case is decided only after the party waived a hearing or it was reported. */
const heardOrWaived: NonNullable<Transition['guards']>[number] = {
  when: { any: [{ not: hearingEligible }, flag('hearingWaived'), flag('hearingReported')] },
  message: {
    'zh-CN': '该案件当事人有权要求听证：须先告知听证权利，当事人放弃听证或听证报告完成后，才能作出决定',
    en: 'The party may ask for a hearing: tell them, and decide only after they waive it or the hearing is reported',
  },
  ruleId: 'A8.3',
};
const penaltyInputs: NonNullable<Transition['inputs']> = [
  { key: 'penaltyType', label: { 'zh-CN': '拟处罚种类', en: 'Proposed penalty' }, required: true },
  {
    key: 'fineAmount',
    label: { 'zh-CN': '拟罚款金额（元）', en: 'Proposed fine (yuan)' },
    required: false,
    type: 'number',
  },
];

/** Review and decision (seed art. 8–9 = RULES A8.1–A9.3). */
const reviewActs: Transition[] = [
  {
    id: 'notify_prior',
    from: ['investigation_ended'],
    to: 'prior_notified',
    title: { 'zh-CN': '事先告知', en: 'Prior notice of the proposed penalty' },
    ruleIds: ['A8.1'],
    actors: ['officer'],
    inputs: penaltyInputs,
    documents: [{ templateId: 'prior_notice', ruleId: 'A8.1' }],
  },
  {
    id: 'record_statement',
    from: ['prior_notified'],
    to: 'prior_notified',
    title: { 'zh-CN': '听取陈述、申辩', en: 'Hear the party’s statement and defence' },
    ruleIds: ['A8.2'],
    actors: ['officer'],
    documents: [{ templateId: 'statement_record', ruleId: 'A8.2' }],
  },
  {
    id: 'notify_hearing_right',
    from: ['prior_notified'],
    to: 'prior_notified',
    title: { 'zh-CN': '告知听证权利', en: 'Tell the party of the right to a hearing' },
    ruleIds: ['A8.3'],
    actors: ['officer'],
    when: { all: [hearingEligible, { not: flag('hearingRightNotified') }] },
    whenMessage: {
      'zh-CN': '仅对责令停产停业、吊销许可证、较大数额罚款等可以听证的案件告知听证权利，且只告知一次',
      en: 'Only a hearing-eligible case (stop production, licence revocation, a large fine…) gets the hearing notice, once',
    },
    documents: [{ templateId: 'hearing_right_notice', ruleId: 'A8.3' }],
    sets: { hearingRightNotified: true },
    startsDeadlines: ['hearing_request'],
  },
  {
    id: 'waive_hearing',
    from: ['prior_notified'],
    to: 'prior_notified',
    title: { 'zh-CN': '当事人放弃听证', en: 'The party waives the hearing' },
    ruleIds: ['A8.3'],
    actors: ['officer'],
    when: { all: [flag('hearingRightNotified'), { not: flag('hearingWaived') }] },
    whenMessage: { 'zh-CN': '尚未告知听证权利', en: 'The party has not been told of the right to a hearing' },
    inputs: [
      {
        key: 'hearingWaiver',
        label: {
          'zh-CN': '放弃听证的情形（书面放弃或逾期未申请）',
          en: 'How it was waived (in writing, or not asked in time)',
        },
        required: true,
      },
    ],
    sets: { hearingWaived: true },
    meetsDeadlines: ['hearing_request'],
  },
  {
    id: 'request_hearing',
    from: ['prior_notified'],
    to: 'hearing_requested',
    title: { 'zh-CN': '当事人申请听证', en: 'The party asks for a hearing' },
    ruleIds: ['A8.3'],
    actors: ['officer'],
    when: { all: [flag('hearingRightNotified'), { not: flag('hearingWaived') }] },
    whenMessage: {
      'zh-CN': '须先告知听证权利，且当事人未放弃听证',
      en: 'The party must have been told of the right and not have waived it',
    },
    meetsDeadlines: ['hearing_request'],
  },
  {
    id: 'schedule_hearing',
    from: ['hearing_requested'],
    to: 'hearing_scheduled',
    title: { 'zh-CN': '安排听证并送达听证通知书', en: 'Schedule the hearing and serve the notice' },
    ruleIds: ['A8.4'],
    actors: ['legal'],
    inputs: [
      {
        key: 'hearingDate',
        label: { 'zh-CN': '听证日期', en: 'Hearing date' },
        required: true,
        type: 'date',
      },
      {
        key: 'hearingNoticeServedOn',
        label: { 'zh-CN': '听证通知书送达日期', en: 'Hearing notice served on' },
        required: true,
        type: 'date',
      },
      {
        key: 'presidingOfficerId',
        label: { 'zh-CN': '听证主持人', en: 'Presiding officer' },
        required: true,
        type: 'person',
        role: 'legal',
      },
    ],
    guards: [
      {
        when: {
          field: 'data.hearingNoticeServedOn',
          op: 'leadTime',
          periodId: 'hearing_notice',
          relativeTo: 'data.hearingDate',
        },
        message: {
          'zh-CN': '听证通知书须在举行听证的7个工作日前送达当事人',
          en: 'The hearing notice must be served at least 7 working days before the hearing',
        },
        ruleId: 'A8.4',
      },
      {
        when: { field: 'data.presidingOfficerId', op: 'notOfficer' },
        message: {
          'zh-CN': '听证主持人不得由本案调查人员担任',
          en: 'The presiding officer may not be one of the case’s investigators',
        },
        ruleId: 'A8.6',
      },
    ],
    documents: [{ templateId: 'hearing_notice', ruleId: 'A8.4' }],
  },
  {
    id: 'hold_hearing',
    from: ['hearing_scheduled'],
    to: 'hearing_held',
    title: { 'zh-CN': '举行听证', en: 'Hold the hearing' },
    ruleIds: ['A8.5'],
    actors: ['legal'],
    documents: [{ templateId: 'hearing_record', ruleId: 'A8.5' }],
    recordings: [
      {
        id: 'hearing_av',
        ruleId: 'A8.5',
        label: { 'zh-CN': '听证全过程录音录像', en: 'AV record of the whole hearing' },
      },
    ],
    startsDeadlines: ['hearing_report'],
  },
  {
    id: 'report_hearing',
    from: ['hearing_held'],
    to: 'hearing_reported',
    title: { 'zh-CN': '听证报告', en: 'Hearing report' },
    ruleIds: ['A8.6'],
    actors: ['legal'],
    guards: [
      {
        when: { field: 'data.presidingOfficerId', op: 'notOfficer' },
        message: {
          'zh-CN': '听证主持人不得由本案调查人员担任',
          en: 'The presiding officer may not be one of the case’s investigators',
        },
        ruleId: 'A8.6',
      },
      {
        when: { field: 'data.presidingOfficerId', op: 'isActor' },
        message: {
          'zh-CN': '听证报告由听证主持人签署提交',
          en: 'The hearing report is signed and submitted by the presiding officer',
        },
        ruleId: 'A8.6',
      },
    ],
    documents: [{ templateId: 'hearing_report', ruleId: 'A8.6' }],
    sets: { hearingReported: true },
    meetsDeadlines: ['hearing_report'],
  },
  {
    id: 'decide_withdraw',
    from: ['investigation_ended', ...DECISION_FROM],
    to: 'withdrawn',
    title: { 'zh-CN': '撤销立案', en: 'Withdraw the case' },
    ruleIds: ['A9.1'],
    actors: ['officer'],
    approval: { chain: ['unit_head', 'agency_head'], form: 'internal_approval' },
    inputs: [
      {
        key: 'withdrawalReason',
        label: {
          'zh-CN': '撤销理由（违法行为轻微并已改正，或违法事实不成立）',
          en: 'Reason (minor and corrected, or facts not established)',
        },
        required: true,
      },
    ],
    meetsDeadlines: ['penalty_decision'],
    effects: ['close_case'],
  },
  {
    id: 'decide_correction',
    from: DECISION_FROM,
    to: 'correction_ordered',
    title: { 'zh-CN': '责令限期改正', en: 'Order a correction' },
    ruleIds: ['A9.1'],
    actors: ['officer'],
    guards: [heardOrWaived],
    approval: { chain: ['agency_head'], form: 'internal_approval' },
    documents: [{ templateId: 'correction_order', ruleId: 'A9.1' }],
    inputs: [
      {
        key: 'correctBy',
        label: { 'zh-CN': '限期改正截止日期（与通知书一致）', en: 'Correct by (as the order says)' },
        required: true,
        type: 'date',
      },
    ],
    sets: { correctionOrdered: true },
    meetsDeadlines: ['penalty_decision'],
    startsDeadlines: ['decision_service', 'correction_recheck'],
  },
  {
    id: 'decide_penalty',
    from: DECISION_FROM,
    to: 'decided',
    title: { 'zh-CN': '作出行政处罚（处理）决定', en: 'Decide the penalty' },
    ruleIds: ['A9.1', 'A9.3'],
    actors: ['officer'],
    when: { not: { ref: 'majorCase' } },
    whenMessage: {
      'zh-CN': '重大、复杂案件须经集体讨论和法制审核后作出决定',
      en: 'A major or complex case is decided after collective discussion and legal review',
    },
    guards: [heardOrWaived],
    approval: { chain: ['unit_head', 'agency_head'], form: 'internal_approval' },
    documents: [{ templateId: 'penalty_decision', ruleId: 'A9.1' }],
    meetsDeadlines: ['penalty_decision'],
    startsDeadlines: ['decision_service'],
  },
  {
    id: 'decide_penalty_major',
    from: DECISION_FROM,
    to: 'decided',
    title: { 'zh-CN': '作出行政处罚（处理）决定（重大案件）', en: 'Decide the penalty (major case)' },
    ruleIds: ['A9.2', 'A9.3'],
    actors: ['officer'],
    when: { ref: 'majorCase' },
    whenMessage: {
      'zh-CN': '仅重大、复杂或可以听证的案件走集体讨论程序',
      en: 'Only a major, complex or hearing-eligible case goes through collective discussion',
    },
    guards: [heardOrWaived],
    approval: { chain: ['unit_head', 'legal', 'agency_head'], form: 'internal_approval' },
    documents: [
      { templateId: 'collective_discussion', ruleId: 'A9.2' },
      { templateId: 'legal_review', ruleId: 'A9.2' },
      { templateId: 'penalty_decision', ruleId: 'A9.1' },
    ],
    meetsDeadlines: ['penalty_decision'],
    startsDeadlines: ['decision_service'],
  },
];

/**
 * A11.3: the payment that pays the account off (fine and surcharge) moves the case on; finance
 * records payments through `/api/cases/:id/payments` and the server performs this in the same write.
 * Shared with the simplified procedure.
 */
export const settleFine: Transition = {
  id: 'settle_fine',
  from: ['decided', 'compulsion_pending'],
  to: 'executed',
  title: { 'zh-CN': '罚款缴清', en: 'Fine paid in full' },
  ruleIds: ['A11.3'],
  // Performed by the server when finance records the payment that pays the account off.
  actors: ['finance'],
  when: { all: [hasFine, flag('finePaidInFull')] },
  whenMessage: {
    'zh-CN': '罚款（及加处罚款）尚未缴清',
    en: 'The fine (with any surcharge) is not paid in full',
  },
  meetsDeadlines: ['fine_payment'],
};

/** A11.3: an overdue fine goes to the compulsion procedure (shared with the simplified procedure). */
export const handOverToCompulsion: Transition = {
  id: 'hand_over_to_compulsion',
  from: ['decided'],
  to: 'compulsion_pending',
  title: { 'zh-CN': '逾期未缴罚款，移交强制执行', en: 'Hand the unpaid fine over to compulsion' },
  ruleIds: ['A11.3'],
  actors: ['officer'],
  when: { all: [hasFine, flag('fineOverdue')] },
  whenMessage: {
    'zh-CN': '缴款期限（或分期缴纳的某一期）尚未届满，或罚款已缴清',
    en: 'The payment deadline (or an instalment) has not passed, or the fine is paid',
  },
  // A13.3: 行政强制执行审批表, the unit head's opinion and the agency head's approval.
  approval: { chain: ['unit_head', 'agency_head'], form: 'internal_approval' },
  sets: { compulsionPending: true },
  effects: ['record_fine_account'],
};

/**
 * Execution and closure (seed art. 11–12 = RULES A11.1–A11.3, A12.1). Payments are recorded by
 * finance through `/api/cases/:id/payments` (not a transition); the payment that pays the account
 * off performs `settle_fine` in the same write.
 */
const closingActs: Transition[] = [
  {
    id: 'recheck_correction',
    from: ['correction_ordered'],
    to: 'correction_ordered',
    title: { 'zh-CN': '整改复查', en: 'Re-check the correction' },
    ruleIds: ['A11.1'],
    actors: ['officer'],
    when: { not: flag('correctionChecked') },
    whenMessage: { 'zh-CN': '已完成整改复查', en: 'The correction has been re-checked already' },
    // The re-check is an inspection: its 检查(勘验)笔录 states what was corrected (AV as needed).
    documents: [{ templateId: 'inspection_record', ruleId: 'A11.1' }],
    inputs: [
      {
        key: 'recheckResult',
        label: { 'zh-CN': '复查结果（是否已按期改正）', en: 'Result (corrected in time or not)' },
        required: true,
      },
    ],
    sets: { correctionChecked: true },
    meetsDeadlines: ['correction_recheck'],
  },
  {
    id: 'approve_payment_plan',
    from: ['decided'],
    to: 'decided',
    title: { 'zh-CN': '批准延期（分期）缴纳罚款', en: 'Approve deferred or instalment payment' },
    ruleIds: ['A11.2'],
    actors: ['officer'],
    when: { all: [hasFine, { not: flag('paymentPlanApproved') }] },
    whenMessage: {
      'zh-CN': '仅对尚未批准过延期（分期）缴纳的罚款决定办理',
      en: 'Only a fine with no deferral or instalment plan approved yet',
    },
    // 行政处罚法 art. 66: on the party's written application, approved by the agency head.
    approval: { chain: ['agency_head'], form: 'internal_approval' },
    documents: [{ templateId: 'payment_plan_notice', ruleId: 'A11.2' }],
    inputs: [
      {
        key: 'planAppliedOn',
        label: { 'zh-CN': '当事人书面申请日期', en: 'Written application received on' },
        required: true,
        type: 'date',
      },
      {
        key: 'planReason',
        label: { 'zh-CN': '申请理由（经济困难情况）', en: 'Reason given (financial hardship)' },
        required: true,
      },
      {
        key: 'deferredTo',
        label: { 'zh-CN': '延期缴纳至（延期时填写）', en: 'Deferred to (for a deferral)' },
        required: false,
        type: 'date',
      },
      {
        key: 'instalments',
        label: {
          'zh-CN': '分期计划（分期时填写，每行“日期 金额”，如“2026-12-31 1000.00”）',
          en: 'Instalments (one “date amount” a line, e.g. “2026-12-31 1000.00”)',
        },
        required: false,
        type: 'list',
      },
    ],
    sets: { paymentPlanApproved: true },
    // The plan replaces the 15-day due date: the application answered the payment period.
    meetsDeadlines: ['fine_payment'],
  },
  settleFine,
  handOverToCompulsion,
  {
    id: 'close_case',
    from: ['decided', 'executed', 'correction_ordered'],
    to: 'closed',
    title: { 'zh-CN': '结案', en: 'Close the case' },
    ruleIds: ['A12.1'],
    actors: ['officer'],
    guards: [
      {
        when: {
          any: [
            { field: 'data.fineAmount', op: 'absent' },
            { field: 'data.fineAmount', op: 'lte', value: 0 },
            flag('finePaidInFull'),
            flag('correctionOrdered'),
          ],
        },
        message: {
          'zh-CN': '罚款尚未缴纳，不能结案',
          en: 'The fine has not been paid; the case cannot be closed',
        },
        ruleId: 'A11.3',
      },
      {
        when: { any: [{ not: flag('correctionOrdered') }, flag('correctionChecked')] },
        message: {
          'zh-CN': '责令改正的案件须经整改复查后结案',
          en: 'A correction order is re-checked before the case is closed',
        },
        ruleId: 'A11.1',
      },
    ],
    approval: { chain: ['unit_head', 'agency_head'], form: 'closing_report' },
    documents: [{ templateId: 'closing_report', ruleId: 'A12.1' }],
    requiresComplete: true,
    effects: ['close_case'],
  },
];

const INVESTIGATION_DOCUMENTS = [
  'inspection_record',
  'inquiry_notice',
  'interview_record',
  'preservation_notice',
  'preservation_release',
  'audit_commission',
  'audit_notice',
  'investigation_report',
  'internal_approval',
  'transfer_letter',
];

const step = (
  id: string,
  stage: string,
  zh: string,
  en: string,
  documents?: string[],
  terminal?: boolean,
) => ({
  id,
  stage,
  title: { 'zh-CN': zh, en },
  ...(documents ? { documents } : {}),
  ...(terminal ? { terminal } : {}),
});

const CLOSING_STEPS = [
  step('executed', 'service', '罚款已缴纳，待结案', 'Fine paid, to be closed', ['closing_report']),
  // A11.3: picked up by the compulsion procedure (a later version); payments may still arrive.
  step(
    'compulsion_pending',
    'service',
    '逾期未缴罚款，已移交强制执行',
    'Unpaid fine handed over to compulsion',
  ),
  step('closed', 'file', '已结案', 'Closed', undefined, true),
];

const REVIEW_STEPS = [
  step('investigation_ended', 'review', '调查终结，待审查决定', 'Investigation ended, awaiting review', [
    'prior_notice',
    'internal_approval',
    'transfer_letter',
  ]),
  step('prior_notified', 'review', '已事先告知', 'Party notified of the proposed penalty', [
    'statement_record',
    'hearing_right_notice',
    'collective_discussion',
    'legal_review',
    'correction_order',
    'penalty_decision',
    'internal_approval',
  ]),
  step('hearing_requested', 'hearing', '已申请听证', 'Hearing requested', ['hearing_notice']),
  step('hearing_scheduled', 'hearing', '待举行听证', 'Hearing scheduled', ['hearing_record']),
  step('hearing_held', 'hearing', '已听证，待听证报告', 'Hearing held, report due', ['hearing_report']),
  step('hearing_reported', 'review', '听证报告已完成，待决定', 'Hearing reported, awaiting decision', [
    'collective_discussion',
    'legal_review',
    'correction_order',
    'penalty_decision',
    'internal_approval',
  ]),
  step('withdrawn', 'review', '已撤销立案', 'Case withdrawn', undefined, true),
  step('correction_ordered', 'service', '已责令限期改正，待送达', 'Correction ordered, to be served', [
    'closing_report',
  ]),
  {
    ...step('decided', 'service', '已作出处罚决定，待送达', 'Penalty decided, to be served', [
      'payment_plan_notice',
      'internal_approval',
      'closing_report',
    ]),
    // A18.5: service at a home, 留置 and 公告 are recorded on AV, linked for this requirement.
    recordings: [
      {
        id: 'service_av',
        ruleId: 'A18.5',
        label: { 'zh-CN': '送达全过程录音录像', en: 'AV record of the service' },
      },
    ],
  },
];

export const penaltyV2: ProcedureInput = {
  ...penaltyV1,
  version: 2,
  source: '临西县人社局行政执法全过程记录具体办法（2020）第六条、第七条；RULES.md A6.1–A7.5',
  conditions: {
    ...penaltyV1.conditions,
    /** A9.2: major or complex — hearing-eligible, or so marked by the officer. */
    majorCase: { any: [hearingEligible, flag('majorCase')] },
  },
  params: {
    ...penaltyV1.params,
    /** 行政处罚法 art. 72: 加处罚款 of 3 % of the fine a day overdue, at most the fine. */
    fineSurchargePercentPerDay: 3,
  },
  steps: [
    ...penaltyV1.steps.map((s) =>
      s.id === 'investigation'
        ? {
            ...s,
            documents: INVESTIGATION_DOCUMENTS,
            recordings: investigationActs.flatMap((t) => t.recordings ?? []),
          }
        : s,
    ),
    ...REVIEW_STEPS,
    ...CLOSING_STEPS,
  ],
  transitions: [...penaltyV1.transitions, ...investigationActs, ...reviewActs, ...closingActs],
  onService: [
    // 行政处罚法 art. 61: a decision not handed over on the spot is served within 7 working days;
    // art. 67: the fine is paid within 15 days of receiving it.
    {
      templateId: 'penalty_decision',
      meetsDeadlines: ['decision_service'],
      startsDeadlines: [{ period: 'fine_payment', when: { field: 'data.fineAmount', op: 'gt', value: 0 } }],
    },
    { templateId: 'correction_order', meetsDeadlines: ['decision_service'] },
  ],
};
