import type { Due, WorkingCalendar } from './calendar';
import { CalendarError, plusDays, plusMonths, plusYears } from './dates';

/**
 * RULES.md Appendix A as data: every statutory period the procedures use, with its length, how it
 * is counted and where it comes from. A bureau changes a length through `lengths` (configuration),
 * never by editing code. The counting rules are in docs/CALENDAR.md.
 */

type Text = { readonly 'zh-CN': string; readonly en: string };

export type PeriodUnit = 'working_days' | 'days' | 'months' | 'years' | 'hours';

export interface StatutoryPeriod {
  readonly id: string;
  readonly label: Text;
  /** The event the period is counted from (or, for `before`, back from). */
  readonly from: Text;
  readonly length: number;
  readonly unit: PeriodUnit;
  /** `after`: due = the last day of the period; `before`: due = the latest day to act. */
  readonly direction: 'after' | 'before';
  /**
   * For calendar units: `roll` — an act due on a rest day may be done on the next working day
   * (民事诉讼法 第八十五条); `exact` — no roll (a limitation, a deemed service, a minimum retention).
   */
  readonly end: 'roll' | 'exact';
  /**
   * `deadline`: something must be done by the due date (traffic lights apply); `not_before`: may
   * be done only after it; `takes_effect`: something happens on its own; `limitation`: a matter
   * older than the period is refused.
   */
  readonly meaning: 'deadline' | 'not_before' | 'takes_effect' | 'limitation';
  /** The citation exactly as in RULES.md Appendix A. */
  readonly source: string;
  /** The same citation in the form used in documents (zh-CN). */
  readonly citation: string;
  /** The rule of the seed text that names the period, when it does. */
  readonly ruleId?: string;
  /**
   * An extension of another period: it runs from that period's due date, which it replaces (the
   * extended deadline is closed as `extended`).
   */
  readonly extends?: string;
}

const LCL = '《劳动保障监察条例》';
const APL = '《中华人民共和国行政处罚法》';
const ACL = '《中华人民共和国行政强制法》';

export const PERIODS = [
  {
    id: 'complaint_acceptance',
    label: { 'zh-CN': '投诉受理或不予受理', en: 'Accept or refuse a complaint' },
    from: { 'zh-CN': '接到投诉之日', en: 'the day the complaint is received' },
    length: 5,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '关于实施《劳动保障监察条例》若干规定 art. 18',
    citation: '《关于实施〈劳动保障监察条例〉若干规定》第十八条',
  },
  {
    id: 'limitation',
    label: { 'zh-CN': '违法行为追究时效', en: 'Limitation: violation ended' },
    from: { 'zh-CN': '违法行为终了之日', en: 'the day the violation ended' },
    length: 2,
    unit: 'years',
    direction: 'after',
    end: 'exact',
    meaning: 'limitation',
    source: '劳动保障监察条例 art. 20; 行政处罚法 art. 36',
    citation: `${LCL}第二十条；${APL}第三十六条`,
    ruleId: 'A6.2',
  },
  {
    id: 'investigation',
    label: { 'zh-CN': '立案调查期限', en: 'Investigation after the case is opened' },
    from: { 'zh-CN': '立案之日', en: 'the day the case is opened' },
    length: 60,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '劳动保障监察条例 art. 17',
    citation: `${LCL}第十七条`,
  },
  {
    id: 'investigation_extension',
    extends: 'investigation',
    label: { 'zh-CN': '调查期限延长（经负责人批准）', en: 'Investigation extension (approved)' },
    from: { 'zh-CN': '原调查期限届满之日', en: 'the last day of the original investigation period' },
    length: 30,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '劳动保障监察条例 art. 17',
    citation: `${LCL}第十七条`,
  },
  {
    id: 'penalty_decision',
    label: { 'zh-CN': '作出行政处罚决定', en: 'Penalty decision after the case is opened' },
    from: { 'zh-CN': '立案之日', en: 'the day the case is opened' },
    length: 90,
    unit: 'days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '行政处罚法 art. 60',
    citation: `${APL}第六十条`,
  },
  {
    id: 'preservation_decision',
    label: { 'zh-CN': '先行登记保存证据处理决定', en: 'Decide on preserved evidence' },
    from: { 'zh-CN': '先行登记保存之日', en: 'the day the evidence is preserved' },
    length: 7,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '行政处罚法 art. 56, 85',
    citation: `${APL}第五十六条、第八十五条`,
    ruleId: 'A7.3',
  },
  {
    id: 'hearing_request',
    label: { 'zh-CN': '当事人申请听证', en: 'Party asks for a hearing' },
    from: { 'zh-CN': '听证告知之日', en: 'the day the party is told of the right to a hearing' },
    length: 5,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '行政处罚法 art. 64, 85',
    citation: `${APL}第六十四条、第八十五条`,
    ruleId: 'A8.3',
  },
  {
    id: 'hearing_notice',
    label: { 'zh-CN': '听证通知送达（听证七日前）', en: 'Serve the hearing notice (7 days before)' },
    from: { 'zh-CN': '举行听证之日', en: 'the day of the hearing' },
    length: 7,
    unit: 'working_days',
    direction: 'before',
    end: 'roll',
    meaning: 'deadline',
    source: '行政处罚法 art. 64, 85',
    citation: `${APL}第六十四条、第八十五条`,
    ruleId: 'A8.4',
  },
  {
    id: 'hearing_report',
    label: { 'zh-CN': '听证报告', en: 'Hearing report' },
    from: { 'zh-CN': '听证结束之日', en: 'the day the hearing ends' },
    length: 5,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: 'seed A8.6',
    citation: '《临西县人力资源和社会保障局行政执法全过程记录具体办法》第八条',
    ruleId: 'A8.6',
  },
  {
    id: 'decision_service',
    label: { 'zh-CN': '送达行政处罚决定书', en: 'Serve the penalty decision' },
    from: { 'zh-CN': '作出决定之日（当事人不在场）', en: 'the day of the decision (party absent)' },
    length: 7,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '行政处罚法 art. 61, 85',
    citation: `${APL}第六十一条、第八十五条`,
  },
  {
    id: 'fine_payment',
    label: { 'zh-CN': '缴纳罚款', en: 'Pay the fine' },
    from: { 'zh-CN': '收到行政处罚决定书之日', en: 'the day the decision is received' },
    length: 15,
    unit: 'days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '行政处罚法 art. 67',
    citation: `${APL}第六十七条`,
  },
  {
    id: 'arrears_notice',
    label: { 'zh-CN': '发出社会保险费限期补缴通知', en: 'Send the social-insurance arrears notice' },
    from: { 'zh-CN': '查明欠缴事实之日', en: 'the day the arrears are established' },
    length: 5,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: 'seed A13.2',
    citation: '《临西县人力资源和社会保障局行政执法全过程记录具体办法》第十三条',
    ruleId: 'A13.2',
  },
  {
    id: 'arrears_payment',
    label: { 'zh-CN': '用人单位补缴社会保险费', en: 'Employer pays the arrears' },
    from: { 'zh-CN': '用人单位收到补缴通知之日', en: 'the day the employer receives the notice' },
    length: 5,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: 'seed A13.2',
    citation: '《临西县人力资源和社会保障局行政执法全过程记录具体办法》第十三条',
    ruleId: 'A13.2',
  },
  {
    id: 'enforcement_demand_wait',
    label: { 'zh-CN': '催告后方可申请法院强制执行', en: 'Wait after the demand before applying to court' },
    from: { 'zh-CN': '催告书送达之日', en: 'the day the demand is served' },
    length: 10,
    unit: 'working_days',
    direction: 'after',
    end: 'roll',
    meaning: 'not_before',
    source: '行政强制法 art. 53, 54',
    citation: `${ACL}第五十四条、第六十九条`,
    ruleId: 'A13.4',
  },
  {
    id: 'court_enforcement_application',
    label: { 'zh-CN': '申请人民法院强制执行', en: 'Apply to the court for enforcement' },
    from: {
      'zh-CN': '申请复议或提起诉讼的法定期限届满之日',
      en: 'the day the time to seek review or sue runs out',
    },
    length: 3,
    unit: 'months',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: '行政强制法 art. 53, 54',
    citation: `${ACL}第五十三条`,
    ruleId: 'A13.4',
  },
  {
    id: 'public_notice_effect',
    label: { 'zh-CN': '公告送达生效', en: 'Public-notice service takes effect' },
    from: { 'zh-CN': '发出公告之日', en: 'the day the notice is published' },
    length: 30,
    unit: 'days',
    direction: 'after',
    end: 'exact',
    meaning: 'takes_effect',
    source: '民事诉讼法 art. 95',
    citation: '《中华人民共和国民事诉讼法》第九十五条',
    ruleId: 'A18.4',
  },
  {
    id: 'av_upload',
    label: { 'zh-CN': '音像记录存储到系统', en: 'Store AV records in the system' },
    from: { 'zh-CN': '执法事项结束时', en: 'the moment the enforcement matter ends' },
    length: 24,
    unit: 'hours',
    direction: 'after',
    end: 'exact',
    meaning: 'deadline',
    source: 'seed A25.1',
    citation: '《临西县人力资源和社会保障局行政执法全过程记录具体办法》第二十五条',
    ruleId: 'A25.1',
  },
  {
    id: 'archive',
    label: { 'zh-CN': '归档', en: 'Archive the case file' },
    from: { 'zh-CN': '执法事项办理完毕之日', en: 'the day the matter is completed' },
    length: 30,
    unit: 'days',
    direction: 'after',
    end: 'roll',
    meaning: 'deadline',
    source: 'seed A23.1',
    citation: '《临西县人力资源和社会保障局行政执法全过程记录具体办法》第二十三条',
    ruleId: 'A23.1',
  },
  {
    id: 'av_retention',
    label: { 'zh-CN': '音像记录最短保存期限', en: 'Minimum AV retention' },
    from: { 'zh-CN': '音像记录形成之日', en: 'the day the AV record is made' },
    length: 2,
    unit: 'years',
    direction: 'after',
    end: 'exact',
    meaning: 'not_before',
    source: 'seed A25.2',
    citation: '《临西县人力资源和社会保障局行政执法全过程记录具体办法》第二十五条',
    ruleId: 'A25.2',
  },
] as const satisfies readonly StatutoryPeriod[];

export type PeriodId = (typeof PERIODS)[number]['id'];
/**
 * A period the decision sets, not the law: its due date is a date the transition records
 * (`data.<setBy>`), e.g. the 限期 a 责令限期改正通知书 names, by which the correction is re-checked
 * (A11.1). Kept apart from the statutory table: nothing here is counted.
 */
export interface OrderedPeriod {
  readonly id: string;
  readonly label: Text;
  readonly from: Text;
  /** The case-data key holding the due date (YYYY-MM-DD). */
  readonly setBy: string;
  readonly source: string;
  readonly citation: string;
  readonly ruleId: string;
}

export const ORDERED_PERIODS: readonly OrderedPeriod[] = [
  {
    id: 'correction_recheck',
    label: { 'zh-CN': '整改期限届满复查', en: 'Re-check when the correction is due' },
    from: { 'zh-CN': '责令限期改正通知书确定的改正期限', en: 'the date the correction order sets' },
    setBy: 'correctBy',
    source: 'seed A11.1 (the date is set by the correction order)',
    citation: '《临西县人社局行政执法全过程记录具体办法》第十一条',
    ruleId: 'A11.1',
  },
];

const ORDERED_BY_ID = new Map<string, OrderedPeriod>(ORDERED_PERIODS.map((p) => [p.id, p]));

/** The period a decision sets with this id, if it is one. */
export function orderedPeriodById(id: string): OrderedPeriod | undefined {
  return ORDERED_BY_ID.get(id);
}

export type PeriodLengths = Partial<Record<PeriodId, number>>;

const BY_ID = new Map<string, StatutoryPeriod>(PERIODS.map((p) => [p.id, p]));

export function isPeriodId(id: string): id is PeriodId {
  return BY_ID.has(id);
}

/** The period with this id; undefined for an id the table does not have (e.g. a stale row). */
export function periodById(id: string): StatutoryPeriod | undefined {
  return BY_ID.get(id);
}

function instantPlusHours(start: string, hours: number): string {
  const at = /T\d{2}:\d{2}/.test(start) ? Date.parse(start) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new CalendarError(
      `按小时计算的期限须从具体时刻起算 / an hours period needs an ISO instant: ${start}`,
    );
  }
  return new Date(at + hours * 3_600_000).toISOString();
}

/**
 * When a statutory period that starts (or, for `before` periods, ends) on `start` is due.
 * Dates are `YYYY-MM-DD`; an `hours` period takes an ISO instant and returns the instant it ends
 * (UTC, `…Z`) — A25.1's 24 hours run by the clock, not by working days. A `before` period returns
 * the latest day to act with `length` whole working days left between that day and `start`.
 */
export function computeDue(
  calendar: WorkingCalendar,
  periodId: PeriodId | (string & {}),
  start: string,
  overrides: { lengths?: PeriodLengths } = {},
): Due {
  const period = periodById(periodId);
  if (!period) {
    throw new CalendarError(`未知的法定期限 / unknown statutory period: ${periodId}`);
  }
  const length = (isPeriodId(periodId) ? overrides.lengths?.[periodId] : undefined) ?? period.length;
  if (!Number.isInteger(length) || length < 1) {
    throw new CalendarError(
      `期限长度应为正整数 / a period length must be a positive whole number: ${periodId}=${length}`,
    );
  }
  if (period.direction === 'before') {
    if (period.unit !== 'working_days') {
      throw new CalendarError(`不支持的倒算期限 / unsupported backward period: ${periodId}`);
    }
    const w = calendar.addWorkingDays(start, -length);
    return { due: plusDays(w.due, -1), warnings: w.warnings };
  }
  const exact = period.end === 'exact';
  switch (period.unit) {
    case 'hours':
      return { due: instantPlusHours(start, length), warnings: [] };
    case 'working_days':
      return calendar.addWorkingDays(start, length);
    case 'days':
      return exact ? { due: plusDays(start, length), warnings: [] } : calendar.addDays(start, length);
    case 'months':
      return exact ? { due: plusMonths(start, length), warnings: [] } : calendar.addMonths(start, length);
    case 'years':
      return exact ? { due: plusYears(start, length), warnings: [] } : calendar.addYears(start, length);
  }
}
