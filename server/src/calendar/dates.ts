/**
 * Date-only arithmetic on `YYYY-MM-DD` strings. Every date is turned into a day number (days since
 * 1970-01-01) through `Date.UTC`, so nothing here depends on the server's time zone: a date is the
 * bureau's Asia/Shanghai calendar date, and the arithmetic never meets a clock.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CalendarError extends Error {
  override name = 'CalendarError';
}

/** True when `s` is a `YYYY-MM-DD` date that exists (no 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The day number of a date; a clear bilingual error for anything else. */
export function dayNumber(date: string): number {
  if (!isIsoDate(date)) {
    throw new CalendarError(
      `日期格式不正确（应为 YYYY-MM-DD）/ not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`,
    );
  }
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus `n` calendar days (negative goes back). */
export function plusDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/**
 * `date` plus `n` months: the corresponding day of the target month, or that month's last day when
 * it has none (民法典 第二百零二条) — 01-31 + 1 month is 02-28 (02-29 in a leap year), and
 * 2028-02-29 + 1 year is 2029-02-28.
 */
export function plusMonths(date: string, n: number): string {
  dayNumber(date);
  const total = yearOf(date) * 12 + (Number(date.slice(5, 7)) - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function plusYears(date: string, n: number): string {
  return plusMonths(date, n * 12);
}

export interface Span {
  years?: number;
  months?: number;
  days?: number;
}

/** The last day of a period of `span` that starts the day after `start` (first day not counted). */
export function spanEnd(start: string, span: Span): string {
  return plusDays(plusMonths(start, (span.years ?? 0) * 12 + (span.months ?? 0)), span.days ?? 0);
}

/**
 * Whether `later` lies beyond a period of `span` counted from `earlier` (limitation checks, A6.2):
 * the period's last day is the corresponding day (民法典 第二百零一、二百零二条), so a complaint on
 * 2027-03-10 about a violation that ended 2025-03-10 is still within 2 years, one on 2027-03-11 is
 * not. Pure arithmetic: the rest-day roll of 民事诉讼法 第八十五条 is for acts due by a deadline,
 * not for a limitation; see docs/CALENDAR.md.
 */
export function isOlderThan(earlier: string, later: string, span: Span): boolean {
  return dayNumber(later) > dayNumber(spanEnd(earlier, span));
}

/** The years from `from` to `to` inclusive, in order. */
export function yearsBetween(from: string, to: string): number[] {
  const [a, b] = [yearOf(from), yearOf(to)].sort((x, y) => x - y) as [number, number];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
