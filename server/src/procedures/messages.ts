import { getTemplate } from '../documents';
import type { Role } from '@quancheng/contracts';
import type { Localized } from './definition';

/**
 * What the engine says, in zh-CN and en. Step, transition and document titles come from the
 * definition and the template titles below (the cases module may pass the real template titles);
 * each message names exactly what is missing, so the "missing / next" panel needs no other text.
 */

/** Titles of the intake templates, by template id (RULES.md Appendix B). */
export const TEMPLATE_TITLES: Record<string, Localized> = {
  complaint_register: { 'zh-CN': '举报(投诉)登记表', en: 'complaint and report register' },
  filing_approval: { 'zh-CN': '立案审批表', en: 'case filing approval form' },
  internal_approval: {
    'zh-CN': '行政处罚案件处理内部审批表',
    en: 'internal approval form for penalty cases',
  },
  non_acceptance_decision: { 'zh-CN': '不予受理决定书', en: 'decision not to accept' },
  supplement_notice: { 'zh-CN': '补正材料通知书', en: 'notice to supplement materials' },
  referral_advice: { 'zh-CN': '告知书', en: 'advice naming the competent authority' },
  transfer_letter: { 'zh-CN': '行政违法案件移送函', en: 'case transfer letter' },
};

/** Role names as the seed uses them in approvals (办案机构负责人 for the unit head). */
export const ROLE_TITLES: Record<Role, Localized> = {
  officer: { 'zh-CN': '执法人员', en: 'an enforcement officer' },
  unit_head: { 'zh-CN': '办案机构负责人', en: 'the head of the handling unit' },
  agency_head: { 'zh-CN': '行政机关负责人', en: 'the agency head' },
  legal: { 'zh-CN': '法制机构', en: 'the legal-affairs office' },
  archivist: { 'zh-CN': '档案管理人员', en: 'an archivist' },
  finance: { 'zh-CN': '财务人员', en: 'finance staff' },
  it_admin: { 'zh-CN': '信息中心管理员', en: 'an IT administrator' },
};

/**
 * A template's title: the caller's first, then the intake map, then the built-in document
 * templates' own titles, then the id.
 */
export function templateTitle(templateId: string, titles?: Record<string, Localized>): Localized {
  const template = titles?.[templateId] || TEMPLATE_TITLES[templateId] ? undefined : getTemplate(templateId);
  return (
    titles?.[templateId] ??
    TEMPLATE_TITLES[templateId] ??
    (template ? { 'zh-CN': template.title, en: template.titleEn } : { 'zh-CN': templateId, en: templateId })
  );
}
export const documentTitle = templateTitle;

function roles(list: readonly Role[], zhSep: string, enSep: string): Localized {
  return {
    'zh-CN': list.map((r) => ROLE_TITLES[r]['zh-CN']).join(zhSep),
    en: list.map((r) => ROLE_TITLES[r].en).join(enSep),
  };
}
const chainText = (list: readonly Role[]) => roles(list, '、', ', then ');
const orText = (list: readonly Role[]) => roles(list, '或', ' or ');
const formText = (form: Localized) => ({ zh: form['zh-CN'], en: `${form.en} (${form['zh-CN']})` });
const rule = (ruleId: string | undefined) =>
  ruleId ? { zh: `（${ruleId}）`, en: ` (${ruleId})` } : { zh: '', en: '' };

type T = Localized;

export const M = {
  wrongStep: (step: T, transition: T): T => ({
    'zh-CN': `当前环节为“${step['zh-CN']}”，不能执行“${transition['zh-CN']}”`,
    en: `The case is at “${step.en}”; “${transition.en}” cannot be done there`,
  }),
  caseClosed: (step: T, transition: T): T => ({
    'zh-CN': `案件已终结（${step['zh-CN']}），不能再执行“${transition['zh-CN']}”`,
    en: `The case is closed (${step.en}); “${transition.en}” can no longer be done`,
  }),
  notActor: (transition: T, actors: readonly Role[]): T => ({
    'zh-CN': `“${transition['zh-CN']}”须由${orText(actors)['zh-CN']}办理`,
    en: `“${transition.en}” is done by ${orText(actors).en}`,
  }),
  notCaseOfficer: (transition: T): T => ({
    'zh-CN': `您不是本案承办人员，不能办理“${transition['zh-CN']}”`,
    en: `You are not an officer of this case and cannot do “${transition.en}”`,
  }),
  approvalNone: (chain: readonly Role[], form: T): T => ({
    'zh-CN': `缺少${chainText(chain)['zh-CN']}审批（${formText(form).zh}），请先提交审批`,
    en: `Missing the approval of ${chainText(chain).en} (${formText(form).en}); propose it first`,
  }),
  approvalPending: (remaining: readonly Role[], form: T): T => ({
    'zh-CN': `缺少${chainText(remaining)['zh-CN']}审批（${formText(form).zh}）`,
    en: `Missing the approval of ${chainText(remaining).en} (${formText(form).en})`,
  }),
  approvalRejected: (by: Role | undefined, form: T): T => ({
    'zh-CN': `${by ? ROLE_TITLES[by]['zh-CN'] : '审批人'}未同意（${formText(form).zh}），可重新提交审批`,
    en: `${by ? ROLE_TITLES[by].en : 'An approver'} did not approve (${formText(form).en}); it may be proposed again`,
  }),
  documentMissing: (doc: T, ruleId: string): T => ({
    'zh-CN': `缺少已签发的《${doc['zh-CN']}》${rule(ruleId).zh}`,
    en: `Missing an issued ${doc.en} (《${doc['zh-CN']}》)${rule(ruleId).en}`,
  }),
  recordingMissing: (label: T, ruleId: string): T => ({
    'zh-CN': `缺少音像记录：${label['zh-CN']}${rule(ruleId).zh}`,
    en: `Missing the audio-video record: ${label.en}${rule(ruleId).en}`,
  }),
  inputMissing: (label: T, list: boolean): T => ({
    'zh-CN': list ? `缺少“${label['zh-CN']}”（至少一项）` : `缺少“${label['zh-CN']}”`,
    en: list ? `Missing “${label.en}” (at least one item)` : `Missing “${label.en}”`,
  }),
  inputInvalid: (label: T, type: string): T => ({
    'zh-CN': `“${label['zh-CN']}”应为${type === 'date' ? '日期（年-月-日）' : '数字'}`,
    en: `“${label.en}” must be ${type === 'date' ? 'a date (YYYY-MM-DD)' : 'a number'}`,
  }),
  approvalNotNeeded: (transition: T): T => ({
    'zh-CN': `“${transition['zh-CN']}”无需审批`,
    en: `“${transition.en}” needs no approval`,
  }),
  approvalAlreadyPending: (transition: T, next: Role | undefined): T => ({
    'zh-CN': `“${transition['zh-CN']}”已提交审批，正在等待${next ? ROLE_TITLES[next]['zh-CN'] : ''}审批`,
    en: `“${transition.en}” has been proposed and waits for ${next ? ROLE_TITLES[next].en : 'a decision'}`,
  }),
  approvalAlreadyGranted: (transition: T): T => ({
    'zh-CN': `“${transition['zh-CN']}”已审批同意，可直接办理`,
    en: `“${transition.en}” is already approved and can be done`,
  }),
  noPendingApproval: (transition: T): T => ({
    'zh-CN': `“${transition['zh-CN']}”没有待审批的申请`,
    en: `There is no pending approval for “${transition.en}”`,
  }),
  selfApproval: (): T => ({
    'zh-CN': '不能审批自己提出的申请',
    en: 'Nobody may approve their own proposal',
  }),
  decidedTwice: (): T => ({
    'zh-CN': '您已在本审批流程中签署过意见，同一人不能重复审批',
    en: 'You have already decided in this approval chain; one person decides once',
  }),
  outOfOrder: (next: Role, mine: Role): T => ({
    'zh-CN': `等待${ROLE_TITLES[next]['zh-CN']}意见后，才能由${ROLE_TITLES[mine]['zh-CN']}审批`,
    en: `${capital(ROLE_TITLES[mine].en)} decides only after ${ROLE_TITLES[next].en} has given an opinion`,
  }),
  notInChain: (chain: readonly Role[]): T => ({
    'zh-CN': `本审批须由${chainText(chain)['zh-CN']}依次审批，您的角色不在其中`,
    en: `This approval is decided by ${chainText(chain).en}; none of your roles is in that chain`,
  }),
  noOverride: (transition: T): T => ({
    'zh-CN': `“${transition['zh-CN']}”不允许例外办理`,
    en: `“${transition.en}” allows no exception`,
  }),
  overrideNotActor: (allowed: readonly Role[]): T => ({
    'zh-CN': `例外办理须由${orText(allowed)['zh-CN']}决定`,
    en: `Only ${orText(allowed).en} may allow an exception`,
  }),
  overrideReason: (): T => ({
    'zh-CN': '例外办理须写明理由',
    en: 'An exception needs a written reason',
  }),
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
