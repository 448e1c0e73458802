import type { Condition, ProcedureInput } from './definition';
import { penaltyV1 } from './penalty.v1';
import { handOverToCompulsion, settleFine } from './penalty.v2';

/**
 * 行政处罚（简易程序）: the on-the-spot penalty (seed art. 10 = RULES A10.1; 行政处罚法 art. 51–52).
 * Facts found on site, recorded in the 检查(勘验)笔录 and 询问笔录, the party told of the right to
 * state and defend and the defence written down, the whole of it on AV, and a pre-printed numbered
 * 《当场处罚决定书》 handed over there and then. Only a warning, or a fine of at most 200 yuan for a
 * person or 3,000 yuan for an organisation; anything more goes to the general procedure.
 *
 * The number printed on the form is used on the case (`use_form_number`): it must belong to a pad
 * registered for the unit and held by one of the case's officers, and every earlier number of the
 * pad must be used or voided first — so no number of a pad goes missing unexplained.
 *
 * Chosen at registration (`procedure: 'simplified'`); it has no 立案 and no case number.
 */

type Transition = ProcedureInput['transitions'][number];

const WARNING = '警告';
const FINE = '罚款';
const fineAmount = (op: 'gt' | 'lte' | 'absent', value?: number | string): Condition =>
  op === 'absent'
    ? { field: 'data.fineAmount', op }
    : typeof value === 'string'
      ? { field: 'data.fineAmount', op, param: value }
      : { field: 'data.fineAmount', op, value: value ?? 0 };
const partyIs = (kind: 'person' | 'organisation'): Condition => ({
  field: 'party.kind',
  op: 'eq',
  value: kind,
});
const unpaidFine: Condition = {
  all: [fineAmount('gt', 0), { not: { field: 'data.finePaidInFull', op: 'eq', value: true } }],
};

const decideOnSpot: Transition = {
  id: 'decide_on_spot',
  from: ['on_site'],
  to: 'decided_on_spot',
  title: { 'zh-CN': '当场作出处罚决定', en: 'Decide the penalty on the spot' },
  ruleIds: ['A10.1'],
  actors: ['officer'],
  inputs: [
    {
      key: 'penaltyType',
      label: { 'zh-CN': '处罚种类（警告或罚款）', en: 'Penalty (warning or fine)' },
      required: true,
    },
    {
      key: 'fineAmount',
      label: { 'zh-CN': '罚款金额（元）', en: 'Fine (yuan)' },
      required: false,
      type: 'number',
    },
    {
      key: 'defence',
      label: {
        'zh-CN': '当事人陈述、申辩（已告知权利；写明内容或放弃）',
        en: 'The party’s statement and defence (told of the right; what they said, or waived)',
      },
      required: true,
    },
    {
      key: 'formNumber',
      label: { 'zh-CN': '当场处罚决定书编号（预印）', en: 'Number printed on the decision form' },
      required: true,
    },
  ],
  guards: [
    {
      when: { field: 'party.present', op: 'eq', value: true },
      message: {
        'zh-CN': '当场处罚须明确当事人（身份或单位信息）',
        en: 'An on-the-spot penalty needs an identified party',
      },
      ruleId: 'A10.1',
    },
    {
      when: { field: 'data.penaltyType', op: 'in', value: [WARNING, FINE] },
      message: {
        'zh-CN': '简易程序只能当场作出警告或罚款',
        en: 'The simplified procedure imposes only a warning or a fine',
      },
      ruleId: 'A10.1',
    },
    {
      when: {
        any: [
          {
            all: [
              { field: 'data.penaltyType', op: 'eq', value: WARNING },
              { any: [fineAmount('absent'), fineAmount('lte', 0)] },
            ],
          },
          {
            all: [
              { field: 'data.penaltyType', op: 'eq', value: FINE },
              fineAmount('gt', 0),
              {
                any: [
                  { all: [partyIs('person'), fineAmount('lte', 'onSpotFinePerson')] },
                  { all: [partyIs('organisation'), fineAmount('lte', 'onSpotFineOrganisation')] },
                ],
              },
            ],
          },
        ],
      },
      message: {
        'zh-CN':
          '当场罚款限额：对公民200元以下、对法人或者其他组织3000元以下（警告不并处罚款）；超过限额的适用一般程序',
        en: 'On the spot: a fine of at most 200 yuan for a person or 3,000 yuan for an organisation (a warning carries no fine); above that, use the general procedure',
      },
      ruleId: 'A10.1',
    },
  ],
  documents: [
    { templateId: 'inspection_record', ruleId: 'A10.1' },
    { templateId: 'interview_record', ruleId: 'A10.1' },
  ],
  recordings: [
    {
      id: 'onspot_av',
      ruleId: 'A10.1',
      label: { 'zh-CN': '当场处罚全过程录音录像', en: 'AV record of the whole on-the-spot procedure' },
    },
  ],
  effects: ['use_form_number'],
  // Handed over on the spot: the 15 days to pay run from today (行政处罚法 art. 67).
  startsDeadlines: [{ period: 'fine_payment', when: fineAmount('gt', 0) }],
};

const transitions: Transition[] = [
  decideOnSpot,
  {
    id: 'convert_to_general',
    from: ['on_site'],
    to: 'converted',
    title: {
      'zh-CN': '不适用简易程序，转一般程序',
      en: 'Not for the simplified procedure: use the general one',
    },
    ruleIds: ['A10.1'],
    actors: ['officer'],
    inputs: [
      {
        key: 'conversionReason',
        label: {
          'zh-CN': '理由（事实需进一步调查、超过当场处罚限额等）',
          en: 'Why (facts need investigation, above the on-the-spot ceiling…)',
        },
        required: true,
      },
    ],
    effects: ['close_case'],
  },
  // A11.3: finance records the payments; the one that pays the fine off moves the case on, and
  // an overdue fine is handed over to compulsion — as in the general procedure.
  { ...settleFine, from: ['decided_on_spot', 'compulsion_pending'] },
  { ...handOverToCompulsion, from: ['decided_on_spot'] },
  {
    id: 'close_case',
    from: ['decided_on_spot', 'executed'],
    to: 'closed',
    title: { 'zh-CN': '报备案并结案', en: 'Report for the record and close' },
    // 行政处罚法 art. 52: an on-the-spot decision is reported to the agency for the record (备案).
    ruleIds: ['A10.1', 'A12.1'],
    actors: ['officer'],
    guards: [
      {
        when: { not: unpaidFine },
        message: {
          'zh-CN': '罚款尚未缴纳，不能结案',
          en: 'The fine has not been paid; the case cannot be closed',
        },
        ruleId: 'A11.3',
      },
    ],
    approval: { chain: ['unit_head'], form: 'internal_approval' },
    documents: [{ templateId: 'onspot_decision', ruleId: 'A10.1' }],
    requiresComplete: true,
    effects: ['close_case'],
  },
];

export const penaltySimplifiedV1: ProcedureInput = {
  id: 'penalty_simplified',
  version: 1,
  kind: 'penalty',
  title: { 'zh-CN': '行政处罚（简易程序）', en: 'Administrative penalty (simplified procedure)' },
  source:
    '临西县人社局行政执法全过程记录具体办法（2020）第十条；行政处罚法第五十一条、第五十二条；RULES.md A10.1',
  params: {
    /** 行政处罚法 art. 51: on the spot, a person is fined at most this (yuan, inclusive). */
    onSpotFinePerson: 200,
    /** 行政处罚法 art. 51: on the spot, an organisation is fined at most this (yuan, inclusive). */
    onSpotFineOrganisation: 3000,
    /** 行政处罚法 art. 72: 加处罚款 of 3 % of the fine a day overdue, at most the fine. */
    fineSurchargePercentPerDay: 3,
  },
  stages: penaltyV1.stages,
  initial: { step: 'on_site' },
  steps: [
    {
      id: 'on_site',
      stage: 'investigation',
      title: { 'zh-CN': '现场检查、询问（简易程序）', en: 'On site: inspection and interview (simplified)' },
      documents: ['inspection_record', 'interview_record'],
      recordings: decideOnSpot.recordings,
    },
    {
      id: 'decided_on_spot',
      stage: 'service',
      title: { 'zh-CN': '已当场处罚', en: 'Penalty decided on the spot' },
      documents: ['onspot_decision', 'internal_approval'],
    },
    {
      id: 'executed',
      stage: 'service',
      title: { 'zh-CN': '罚款已缴纳，待结案', en: 'Fine paid, to be closed' },
      documents: ['onspot_decision', 'internal_approval'],
    },
    {
      id: 'compulsion_pending',
      stage: 'service',
      title: { 'zh-CN': '逾期未缴罚款，已移交强制执行', en: 'Unpaid fine handed over to compulsion' },
    },
    {
      id: 'converted',
      stage: 'investigation',
      title: { 'zh-CN': '已转一般程序', en: 'Moved to the general procedure' },
      terminal: true,
    },
    { id: 'closed', stage: 'file', title: { 'zh-CN': '已结案', en: 'Closed' }, terminal: true },
  ],
  transitions,
  numbers: { registration: penaltyV1.numbers.registration, case: '临人社监简〔{year}〕第{n}号' },
};
