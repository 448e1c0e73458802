import type { Condition, ProcedureInput } from './definition';

/**
 * 行政处罚 (penalty), version 1: the intake (受理立案, seed art. 6 = RULES A6.1–A6.4) exactly, and
 * the investigation step a case waits in once opened. Later steps (A7–A12) arrive with later
 * versions; a case keeps the version it was registered under.
 */

const complaintOrReport: Condition = { field: 'case.source', op: 'in', value: ['complaint', 'report'] };

export const penaltyV1: ProcedureInput = {
  id: 'penalty',
  version: 1,
  kind: 'penalty',
  title: { 'zh-CN': '行政处罚（一般程序）', en: 'Administrative penalty (general procedure)' },
  source: '临西县人社局行政执法全过程记录具体办法（2020）第六条；RULES.md A6.1–A6.4',
  params: {
    /** A8.3 较大数额罚款 for a person (yuan, inclusive: "以上"). Set to the provincial standard. */
    hearingFinePerson: 5000,
    /** A8.3 较大数额罚款 for an employer or other organisation (yuan, inclusive). */
    hearingFineOrganisation: 50000,
  },
  conditions: {
    /** A6.2, 劳动保障监察条例 art. 20, 行政处罚法 art. 36: ended more than 2 years before receipt. */
    beyondLimitation: {
      field: 'case.violationEndedOn',
      op: 'olderThan',
      period: { years: 2 },
      relativeTo: 'case.receivedOn',
    },
    /** A8.3: decisions the party may ask a hearing on (行政处罚法 art. 63). */
    hearingEligible: {
      any: [
        { field: 'data.penaltyType', op: 'in', value: ['责令停产停业', '吊销许可证'] },
        {
          all: [
            { field: 'party.kind', op: 'eq', value: 'person' },
            { field: 'data.fineAmount', op: 'gte', param: 'hearingFinePerson' },
          ],
        },
        {
          all: [
            { field: 'party.kind', op: 'eq', value: 'organisation' },
            { field: 'data.fineAmount', op: 'gte', param: 'hearingFineOrganisation' },
          ],
        },
        { field: 'data.hearingRequiredByLaw', op: 'eq', value: true },
      ],
    },
  },
  stages: [
    { id: 'initiation', title: { 'zh-CN': '程序启动', en: 'Initiation' } },
    { id: 'investigation', title: { 'zh-CN': '调查取证', en: 'Investigation' } },
    { id: 'review', title: { 'zh-CN': '审查决定', en: 'Review and decision' } },
    { id: 'service', title: { 'zh-CN': '送达执行', en: 'Service and execution' } },
    { id: 'hearing', title: { 'zh-CN': '行政听证', en: 'Hearing' } },
    { id: 'file', title: { 'zh-CN': '案卷制作', en: 'File making' } },
    { id: 'archive', title: { 'zh-CN': '归档管理', en: 'Archiving' } },
  ],
  initial: {
    step: 'registered',
    // 关于实施《劳动保障监察条例》若干规定 art. 18: accept or refuse a complaint within 5 working days.
    startsDeadlines: [{ period: 'complaint_acceptance', when: complaintOrReport }],
  },
  steps: [
    {
      id: 'registered',
      stage: 'initiation',
      title: { 'zh-CN': '登记', en: 'Registered' },
      documents: [
        'complaint_register',
        'filing_approval',
        'internal_approval',
        'non_acceptance_decision',
        'supplement_notice',
        'referral_advice',
        'transfer_letter',
      ],
    },
    {
      id: 'awaiting_supplement',
      stage: 'initiation',
      title: { 'zh-CN': '待补正', en: 'Awaiting supplementary material' },
    },
    {
      id: 'not_accepted',
      stage: 'initiation',
      title: { 'zh-CN': '不予受理', en: 'Not accepted' },
      terminal: true,
    },
    {
      id: 'referred_out',
      stage: 'initiation',
      title: { 'zh-CN': '已告知向有管辖权机构投诉', en: 'Referred to the competent authority' },
      terminal: true,
    },
    {
      id: 'investigation',
      stage: 'investigation',
      title: { 'zh-CN': '调查取证', en: 'Investigation' },
      documents: ['internal_approval', 'transfer_letter'],
    },
    {
      id: 'transferred',
      stage: 'investigation',
      title: { 'zh-CN': '已移送', en: 'Transferred' },
      terminal: true,
    },
  ],
  transitions: [
    {
      id: 'open_case',
      from: ['registered'],
      to: 'investigation',
      title: { 'zh-CN': '立案', en: 'Open the case' },
      ruleIds: ['A6.1'],
      actors: ['officer'],
      guards: [
        {
          when: { field: 'party.present', op: 'eq', value: true },
          message: { 'zh-CN': '当事人（用人单位）尚未明确', en: 'The party (employer) is not identified' },
          ruleId: 'A6.3',
        },
        {
          when: { field: 'data.evidenceProvided', op: 'eq', value: true },
          message: { 'zh-CN': '缺少基本事实证据材料', en: 'Basic evidence of the facts is missing' },
          ruleId: 'A6.3',
        },
        {
          when: { field: 'data.withinJurisdiction', op: 'eq', value: true },
          message: { 'zh-CN': '不属于本机构管辖', en: 'The matter is outside this bureau’s jurisdiction' },
          ruleId: 'A6.3',
        },
        {
          when: { not: { ref: 'beyondLimitation' } },
          message: {
            'zh-CN': '违法行为终了之日起已超过2年，不得立案',
            en: 'The violation ended more than 2 years before receipt; no case may be opened',
          },
          ruleId: 'A6.2',
        },
      ],
      approval: { chain: ['unit_head', 'agency_head'], form: 'filing_approval' },
      effects: ['assign_case_number'],
      meetsDeadlines: ['complaint_acceptance'],
      startsDeadlines: ['investigation', 'penalty_decision'],
    },
    {
      id: 'refuse_limitation',
      from: ['registered'],
      to: 'not_accepted',
      title: { 'zh-CN': '不予受理（超过2年）', en: 'Refuse (more than 2 years)' },
      ruleIds: ['A6.2'],
      actors: ['officer'],
      when: { all: [complaintOrReport, { ref: 'beyondLimitation' }] },
      whenMessage: {
        'zh-CN': '仅对违法行为终了之日起超过2年的投诉、举报不予受理',
        en: 'Only a complaint or report about a violation that ended more than 2 years before receipt is refused this way',
      },
      approval: { chain: ['agency_head'], form: 'internal_approval' },
      documents: [{ templateId: 'non_acceptance_decision', ruleId: 'A6.2' }],
      meetsDeadlines: ['complaint_acceptance'],
      effects: ['close_case'],
    },
    {
      id: 'request_supplement',
      from: ['registered'],
      to: 'awaiting_supplement',
      title: { 'zh-CN': '告知补正', en: 'Ask for supplementary material' },
      ruleIds: ['A6.3'],
      actors: ['officer'],
      when: {
        all: [
          complaintOrReport,
          {
            any: [
              { field: 'party.present', op: 'ne', value: true },
              { field: 'data.evidenceProvided', op: 'ne', value: true },
            ],
          },
        ],
      },
      whenMessage: {
        'zh-CN': '仅当投诉、举报未明确被投诉单位或缺少基本事实证据材料时，才告知补正',
        en: 'Supplementary material is asked for only when a complaint or report names no identifiable employer or lacks basic evidence',
      },
      documents: [{ templateId: 'supplement_notice', ruleId: 'A6.3' }],
      meetsDeadlines: ['complaint_acceptance'],
    },
    {
      id: 'supplement_received',
      from: ['awaiting_supplement'],
      to: 'registered',
      title: { 'zh-CN': '补正材料已收到', en: 'Supplementary material received' },
      ruleIds: ['A6.3'],
      actors: ['officer'],
      startsDeadlines: ['complaint_acceptance'],
    },
    {
      id: 'refer_out',
      from: ['registered'],
      to: 'referred_out',
      title: { 'zh-CN': '告知向有管辖权机构投诉', en: 'Refer the complainant to the competent authority' },
      ruleIds: ['A6.3'],
      actors: ['officer'],
      when: { all: [complaintOrReport, { field: 'data.withinJurisdiction', op: 'eq', value: false }] },
      whenMessage: {
        'zh-CN': '仅当投诉、举报事项不属于本机构管辖时，才告知向有管辖权的机构投诉',
        en: 'A complainant is referred elsewhere only when the matter is outside this bureau’s jurisdiction',
      },
      inputs: [
        {
          key: 'referralAuthority',
          label: { 'zh-CN': '有管辖权的机构', en: 'Competent authority' },
          required: true,
        },
      ],
      documents: [{ templateId: 'referral_advice', ruleId: 'A6.3' }],
      meetsDeadlines: ['complaint_acceptance'],
      effects: ['close_case'],
    },
    {
      id: 'transfer',
      // "经核查或者立案调查" (seed art. 6): on the pre-filing check and at any open investigation or
      // review step.
      from: ['registered', { stage: 'investigation' }, { stage: 'review' }],
      to: 'transferred',
      title: { 'zh-CN': '移送', en: 'Transfer' },
      ruleIds: ['A6.4'],
      actors: ['officer'],
      when: {
        any: [
          { field: 'data.suspectedCrime', op: 'eq', value: true },
          { field: 'data.withinJurisdiction', op: 'eq', value: false },
        ],
      },
      whenMessage: {
        'zh-CN': '仅当发现违法行为涉嫌犯罪或超出管辖范围时，才可移送',
        en: 'A case is transferred only when the violation suggests a crime or lies outside the jurisdiction',
      },
      approval: { chain: ['agency_head'], form: 'internal_approval' },
      inputs: [
        {
          key: 'transferRecipient',
          label: { 'zh-CN': '接收机关', en: 'Receiving authority' },
          required: true,
        },
        {
          key: 'transferReason',
          label: { 'zh-CN': '移送理由', en: 'Reason for the transfer' },
          required: true,
        },
        {
          key: 'materials',
          label: { 'zh-CN': '移送材料及涉案物品清单', en: 'Materials and list of items transferred' },
          required: true,
          type: 'list',
        },
      ],
      documents: [{ templateId: 'transfer_letter', ruleId: 'A6.4' }],
      // A transfer on the pre-filing check also answers the complaint.
      meetsDeadlines: ['complaint_acceptance'],
      effects: ['close_case'],
    },
  ],
  numbers: { registration: '临人社监登〔{year}〕第{n}号', case: '临人社监立〔{year}〕第{n}号' },
};
