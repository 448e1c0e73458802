import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  LIGHTS,
  type CaseKind,
  type CaseSource,
  type Light,
} from '@quancheng/contracts';
import { useT, type MessageId } from '../../../i18n';

/** The stages of the whole process (A2.2), as procedures name them. */
export const STAGES = [
  'initiation',
  'investigation',
  'review',
  'service',
  'hearing',
  'file',
  'archive',
] as const;

const LIGHT_LABELS: Record<Light, MessageId> = {
  red: 'light.red',
  yellow: 'light.yellow',
  green: 'light.green',
};

/** Timeline actions the UI names; anything else shows as the server wrote it. */
const ACTION_LABELS: Record<string, MessageId> = {
  'case.registered': 'action.case.registered',
  'case.updated': 'action.case.updated',
  'case.transitioned': 'action.case.transitioned',
  'case.opened': 'action.case.opened',
  'case.closed': 'action.case.closed',
  'case.overridden': 'action.case.overridden',
  'approval.proposed': 'action.approval.proposed',
  'approval.approved': 'action.approval.approved',
  'approval.rejected': 'action.approval.rejected',
  'approval.withdrawn': 'action.approval.withdrawn',
  'approval.consumed': 'action.approval.consumed',
  'document.drafted': 'action.document.drafted',
  'document.edited': 'action.document.edited',
  'document.issued': 'action.document.issued',
  'document.superseded': 'action.document.superseded',
  'document.scan_attached': 'action.document.scanAttached',
  'document.served': 'action.document.served',
  'document.service_failed': 'action.document.serviceFailed',
  'payment.recorded': 'action.payment.recorded',
};

export type Localized = { 'zh-CN': string; en: string };

/** The contracts' label tables and the case pages' own, in the UI language, with option lists. */
export function useCaseLabels() {
  const { lang, t } = useT();
  const kind = (k: CaseKind) => CASE_KIND_LABELS[k][lang];
  const source = (s: CaseSource) => CASE_SOURCE_LABELS[s][lang];
  const light = (l: Light) => t(LIGHT_LABELS[l]);
  const stage = (s: string) => ((STAGES as readonly string[]).includes(s) ? t(`stage.${s}` as MessageId) : s);
  const action = (a: string) => {
    const id = ACTION_LABELS[a];
    return id ? t(id) : a;
  };
  /** Texts the server sends in both languages. */
  const loc = (text: Localized) => text[lang] || text['zh-CN'];
  return {
    kind,
    source,
    light,
    stage,
    action,
    loc,
    kindOptions: CASE_KINDS.map((value) => ({ value, label: kind(value) })),
    sourceOptions: CASE_SOURCES.map((value) => ({ value, label: source(value) })),
    lightOptions: LIGHTS.map((value) => ({ value, label: light(value) })),
    stageOptions: STAGES.map((value) => ({ value, label: stage(value) })),
  };
}
