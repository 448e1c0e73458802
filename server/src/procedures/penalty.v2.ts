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

export const penaltyV2: ProcedureInput = {
  ...penaltyV1,
  version: 2,
  source: '临西县人社局行政执法全过程记录具体办法（2020）第六条、第七条；RULES.md A6.1–A7.5',
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
    {
      id: 'investigation_ended',
      stage: 'review',
      title: { 'zh-CN': '调查终结，待审查决定', en: 'Investigation ended, awaiting review' },
      documents: ['internal_approval', 'transfer_letter'],
    },
  ],
  transitions: [...penaltyV1.transitions, ...investigationActs],
};
