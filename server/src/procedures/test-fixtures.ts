import type { Role } from '@quancheng/contracts';
import type { ProcedureInput } from './definition';
import type { CaseFacts } from './facts';
import type { CaseSnapshot, EngineActor } from './snapshot';

/** Builders for the procedure tests (not used by the product). */

export function factsOf(
  over: {
    case?: Partial<CaseFacts['case']>;
    party?: Partial<CaseFacts['party']>;
    data?: CaseFacts['data'];
  } = {},
): CaseFacts {
  return {
    case: { source: 'complaint', receivedOn: '2025-03-10', violationEndedOn: '2025-01-31', ...over.case },
    party: { present: true, kind: 'organisation', ...over.party },
    data: { evidenceProvided: true, withinJurisdiction: true, ...over.data },
  };
}

export function snapshotOf(over: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    step: 'registered',
    status: 'open',
    facts: factsOf(),
    approvals: [],
    documents: [],
    recordings: [],
    officers: ['off-1', 'off-2'],
    overrides: [],
    ...over,
  };
}

export const actor = (id: string, ...roles: Role[]): EngineActor => ({ id, roles });
export const officer = actor('off-1', 'officer');
export const unitHead = actor('uh-1', 'unit_head');
export const agencyHead = actor('ah-1', 'agency_head');

/**
 * A small made-up procedure (not a bureau's) exercising what the penalty intake does not use: a
 * required recording, an exception, a three-role chain and a stage wildcard.
 */
export const demoProcedure: ProcedureInput = {
  id: 'demo',
  version: 1,
  kind: 'inspection',
  title: { 'zh-CN': '演示程序', en: 'Demo procedure' },
  params: { threshold: 100 },
  stages: [
    { id: 'initiation', title: { 'zh-CN': '程序启动', en: 'Initiation' } },
    { id: 'investigation', title: { 'zh-CN': '调查取证', en: 'Investigation' } },
  ],
  initial: { step: 'planned' },
  steps: [
    { id: 'planned', stage: 'initiation', title: { 'zh-CN': '已计划', en: 'Planned' } },
    { id: 'on_site', stage: 'investigation', title: { 'zh-CN': '现场检查', en: 'On-site inspection' } },
    { id: 'reported', stage: 'investigation', title: { 'zh-CN': '已报告', en: 'Reported' } },
    { id: 'done', stage: 'investigation', title: { 'zh-CN': '已办结', en: 'Done' }, terminal: true },
    { id: 'dropped', stage: 'initiation', title: { 'zh-CN': '已撤销', en: 'Dropped' }, terminal: true },
  ],
  transitions: [
    {
      id: 'start',
      from: ['planned'],
      to: 'on_site',
      title: { 'zh-CN': '开始检查', en: 'Start' },
      ruleIds: ['A16.1'],
      actors: ['officer'],
      approval: { chain: ['unit_head', 'legal', 'agency_head'], form: 'inspection_approval' },
    },
    {
      id: 'report',
      from: ['on_site'],
      to: 'reported',
      title: { 'zh-CN': '形成检查报告', en: 'Report' },
      ruleIds: ['A16.3'],
      actors: ['officer'],
      when: { field: 'data.score', op: 'gte', param: 'threshold' },
      whenMessage: { 'zh-CN': '分数不足', en: 'Score too low' },
      documents: [{ templateId: 'inspection_report', ruleId: 'A16.3' }],
      recordings: [
        { id: 'on_site_av', ruleId: 'A16.4', label: { 'zh-CN': '现场检查全过程录像', en: 'on-site video' } },
      ],
      override: { ruleId: 'A16.4', roles: ['agency_head'], covers: ['recordings'] },
    },
    {
      id: 'finish',
      from: ['reported'],
      to: 'done',
      title: { 'zh-CN': '办结', en: 'Finish' },
      ruleIds: ['A16.3'],
      actors: ['officer', 'unit_head'],
      inputs: [{ key: 'summary', label: { 'zh-CN': '结论', en: 'Summary' }, required: true }],
      effects: ['close_case'],
    },
    {
      id: 'drop',
      from: [{ stage: 'initiation' }, { stage: 'investigation' }],
      to: 'dropped',
      title: { 'zh-CN': '撤销', en: 'Drop' },
      ruleIds: ['A16.3'],
      actors: ['unit_head'],
      when: { field: 'data.score', op: 'lt', value: 20 },
      whenMessage: { 'zh-CN': '分数过高，不能撤销', en: 'Score too high to drop' },
      approval: { chain: ['agency_head'], form: 'internal_approval' },
      effects: ['close_case'],
    },
  ],
  numbers: { registration: 'D登〔{year}〕{n}', case: 'D〔{year}〕{n}' },
};

/** An approval record for `transition`, proposed by `proposedBy`, with `decisions` in order. */
export function approval(
  transition: string,
  proposedBy: string,
  decisions: [Role, string, ('approve' | 'reject')?][],
  state: 'pending' | 'approved' | 'rejected' = 'pending',
) {
  return {
    transition,
    state,
    proposedBy,
    decisions: decisions.map(([role, actorId, decision]) => ({
      role,
      actorId,
      decision: decision ?? 'approve',
    })),
  };
}

export const issued = (...templateIds: string[]) =>
  templateIds.map((templateId) => ({ templateId, state: 'issued' as const }));
