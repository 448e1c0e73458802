import { describe, expect, it } from 'vitest';
import { loadCalendar } from './calendar';
import { CalendarError } from './dates';
import { computeDue, isPeriodId, periodById, PERIODS, type PeriodId } from './periods';
import { STATUTORY_RATES } from './rates';

const calendar = loadCalendar();
const due = (id: PeriodId, start: string) => computeDue(calendar, id, start).due;

describe('the statutory period table (RULES.md Appendix A)', () => {
  it('every period has a stable id, both labels, a start event and a source', () => {
    const ids = PERIODS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PERIODS) {
      expect(p.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(p.label['zh-CN'] && p.label.en && p.from['zh-CN'] && p.from.en, p.id).toBeTruthy();
      expect(p.source.trim(), p.id).not.toBe('');
      expect(p.citation, p.id).toMatch(/^《.+》第/);
      expect(Number.isInteger(p.length) && p.length > 0, p.id).toBe(true);
    }
    for (const r of STATUTORY_RATES) {
      expect(r.source, r.id).toMatch(/art\. \d+$/);
    }
  });

  it('A8.4 A8.6 A13.2 "N 日" periods of 2, 3, 5, 7 (and ≤ 10 in compulsion) are working days (行政处罚法 第八十五条, 行政强制法 第六十九条)', () => {
    for (const p of PERIODS) {
      if (p.unit === 'days') {
        expect(p.length, p.id).toBeGreaterThan(10);
      }
    }
    const short = PERIODS.filter((p) => p.length <= 10 && p.unit !== 'years' && p.unit !== 'months');
    expect(short.filter((p) => p.unit !== 'working_days').map((p) => p.id)).toEqual([]);
    for (const id of [
      'complaint_acceptance',
      'preservation_decision',
      'hearing_request',
      'hearing_notice',
      'hearing_report',
      'decision_service',
      'arrears_notice',
      'arrears_payment',
      'enforcement_demand_wait',
    ] as const) {
      expect(periodById(id)?.unit, id).toBe('working_days');
    }
  });

  it('the seed names its own periods: A6.2 2 years, A8.4 7 days, A8.6 5 working days, A25.1 24 hours, A23.1 30 days, A25.2 2 years', () => {
    const byRule = (ruleId: string) => PERIODS.filter((p) => 'ruleId' in p && p.ruleId === ruleId);
    expect(byRule('A6.2').map((p) => [p.id, p.length, p.unit])).toEqual([['limitation', 2, 'years']]);
    expect(byRule('A8.4').map((p) => [p.id, p.length, p.unit])).toEqual([
      ['hearing_notice', 7, 'working_days'],
    ]);
    expect(byRule('A8.6').map((p) => [p.id, p.length, p.unit])).toEqual([
      ['hearing_report', 5, 'working_days'],
    ]);
    expect(byRule('A25.1').map((p) => [p.id, p.length, p.unit])).toEqual([['av_upload', 24, 'hours']]);
    expect(byRule('A23.1').map((p) => [p.id, p.length, p.unit])).toEqual([['archive', 30, 'days']]);
    expect(byRule('A25.2').map((p) => [p.id, p.length, p.unit])).toEqual([['av_retention', 2, 'years']]);
    expect(byRule('A13.2').map((p) => p.id)).toEqual(['arrears_notice', 'arrears_payment']);
  });

  it('A8.6 the hearing report is due 5 working days after the hearing, across 国庆', () => {
    expect(computeDue(calendar, 'hearing_report', '2026-09-30')).toEqual({ due: '2026-10-13', warnings: [] });
  });

  it('A8.4 the hearing notice is served with 7 whole working days before the hearing', () => {
    // Hearing Tue 2026-10-13: 10-12, 10-10 (调休), 10-09, 10-08, 09-30, 09-29, 09-28 lie between.
    expect(due('hearing_notice', '2026-10-13')).toBe('2026-09-27');
    expect(calendar.workingDaysBetween('2026-09-27', '2026-10-12')).toBe(7);
    // Hearing Mon 2026-11-30: 11-27 … 11-19 are the seven working days, so serve by 11-18.
    expect(due('hearing_notice', '2026-11-30')).toBe('2026-11-18');
  });

  it('A13.2 the arrears notice and the payment each take 5 working days', () => {
    expect(due('arrears_notice', '2026-02-13')).toBe('2026-02-27');
    expect(due('arrears_payment', '2026-02-27')).toBe('2026-03-05'); // 02-28 is a 调休 Saturday
  });

  it('calendar-day deadlines roll off rest days; limitations and deemed service do not', () => {
    expect(due('fine_payment', '2026-09-16')).toBe('2026-10-08'); // 10-01 国庆 → first working day
    expect(due('penalty_decision', '2026-07-03')).toBe('2026-10-08'); // 90 days → 10-01
    expect(due('archive', '2026-09-01')).toBe('2026-10-08');
    expect(due('public_notice_effect', '2026-09-01')).toBe('2026-10-01');
    expect(due('limitation', '2024-02-29')).toBe('2026-02-28');
    expect(due('court_enforcement_application', '2026-07-31')).toBe('2026-11-02'); // 10-31 is a Saturday
    expect(due('investigation', '2026-11-02')).toBe('2027-01-25'); // 20 + 23 + 17 working days
  });

  it('A25.1 AV is due in the system 24 clock hours after the matter ends', () => {
    expect(computeDue(calendar, 'av_upload', '2026-11-28T10:00:00+08:00')).toEqual({
      due: '2026-11-29T02:00:00.000Z',
      warnings: [],
    });
    expect(() => computeDue(calendar, 'av_upload', '2026-11-28')).toThrow(CalendarError);
  });

  it('passes on the unknown-year warning', () => {
    expect(computeDue(calendar, 'complaint_acceptance', '2026-12-28').warnings).toEqual([
      { code: 'calendar.unknown_year', year: 2027 },
    ]);
    expect(computeDue(calendar, 'investigation', '2026-11-02').warnings).toEqual([
      { code: 'calendar.unknown_year', year: 2027 },
    ]);
  });

  it('a bureau may change a length by configuration, never to nonsense', () => {
    expect(computeDue(calendar, 'hearing_report', '2026-09-30', { lengths: { hearing_report: 3 } }).due).toBe(
      '2026-10-10',
    );
    expect(computeDue(calendar, 'hearing_report', '2026-09-30', { lengths: { archive: 3 } }).due).toBe(
      '2026-10-13',
    );
    expect(() => computeDue(calendar, 'archive', '2026-09-01', { lengths: { archive: 0 } })).toThrow(
      CalendarError,
    );
    expect(() => computeDue(calendar, 'archive', '2026-09-01', { lengths: { archive: 1.5 } })).toThrow(
      /positive whole number/,
    );
  });

  it('an unknown period is refused by name', () => {
    expect(isPeriodId('archive')).toBe(true);
    expect(isPeriodId('nap_time')).toBe(false);
    expect(periodById('nap_time')).toBeUndefined();
    expect(() => computeDue(calendar, 'nap_time', '2026-09-01')).toThrow(
      /unknown statutory period: nap_time/,
    );
  });
});
