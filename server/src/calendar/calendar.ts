import { chineseDaysYears, type SpecialDay, type YearSchedule } from './chinese-days-data';
import { CalendarError, dayNumber, fromDayNumber, plusDays, plusMonths, plusYears, yearOf } from './dates';
import { readOverrideFile, stampOf, type FileStamp } from './override-file';

/** A count ran through a year whose holiday schedule is not known: the result is a guess. */
export interface CalendarWarning {
  code: 'calendar.unknown_year';
  year: number;
}

/** A computed due date, with a warning for every unknown year the count had to look at. */
export interface Due {
  due: string;
  warnings: CalendarWarning[];
}

export interface YearInfo {
  year: number;
  source: 'chinese-days' | 'override';
  /** Statutory rest days listed for the year (holiday blocks include the weekends inside them). */
  holidays: number;
  /** Make-up working days (调休上班). */
  workdays: number;
  /** The notice the override file names. */
  note?: string;
}

export interface YearDetail {
  year: number;
  known: boolean;
  source: YearInfo['source'] | null;
  note?: string;
  /** Every non-ordinary day of the year, in date order. */
  days: SpecialDay[];
}

export interface CalendarStatus {
  /** The override file watched, or null when none is configured. */
  file: string | null;
  present: boolean;
  /** Why the last change to the file was not applied; the previous contents stay in force. */
  error: string | null;
}

export interface WorkingCalendar {
  /** Weekends off, statutory holidays off, make-up working days (调休) on. */
  isWorkingDay(date: string): boolean;
  knownYear(year: number): boolean;
  years(): YearInfo[];
  year(year: number): YearDetail;
  /** The n-th working day after `start` (start not counted); negative n counts back. */
  addWorkingDays(start: string, n: number): Due;
  /** `start` + n calendar days; a last day that is a rest day moves to the next working day. */
  addDays(start: string, n: number): Due;
  /** The corresponding day n months on (or the month's last day), moved off rest days. */
  addMonths(start: string, n: number): Due;
  addYears(start: string, n: number): Due;
  /** `date` itself when it is a working day, else the next working day. */
  nextWorkingDay(date: string): Due;
  /** Working days in (from, to] — negative, those in (to, from], when `to` is earlier. */
  workingDaysBetween(from: string, to: string): number;
  status(): CalendarStatus;
}

export interface CalendarOptions {
  /** The IT centre's override file; missing file = no overrides. */
  overrideFile?: string | null;
  /** Look at the file's modification time at most this often (ms); 3 s by default. */
  checkIntervalMs?: number;
  /** A millisecond clock for the check interval (tests). */
  clock?: () => number;
}

/** Counts longer than this are a programming error, not a statutory period. */
const MAX_COUNT = 20_000;

interface Tables {
  schedules: Map<number, YearSchedule>;
  byDate: Map<string, SpecialDay['kind']>;
}

let libraryYears: Map<number, YearSchedule> | null = null;

function buildTables(overrides: Map<number, YearSchedule> | null): Tables {
  libraryYears ??= chineseDaysYears();
  const schedules = new Map(libraryYears);
  for (const [year, schedule] of overrides ?? []) {
    schedules.set(year, schedule);
  }
  const byDate = new Map<string, SpecialDay['kind']>();
  for (const schedule of schedules.values()) {
    for (const day of schedule.days) {
      byDate.set(day.date, day.kind);
    }
  }
  return { schedules, byDate };
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || Math.abs(n) > MAX_COUNT) {
    throw new CalendarError(`期限天数应为整数 / a period length must be a whole number: ${n}`);
  }
}

/**
 * The working-day calendar: chinese-days' data for the years it really covers, replaced year by
 * year by the override file. A missing file means no overrides; a broken one stops the start with
 * the problem named. Later edits are picked up without a restart — the file's mtime is looked at
 * no more than once per `checkIntervalMs`; a broken edit keeps the previous contents in force and
 * is reported by `status()`.
 */
export function loadCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const file = options.overrideFile ?? null;
  const interval = options.checkIntervalMs ?? 3000;
  const clock = options.clock ?? Date.now;
  let stamp: FileStamp | null = file ? stampOf(file) : null;
  let tables = buildTables(file ? readOverrideFile(file) : null);
  let error: string | null = null;
  let lastCheck = clock();

  function refresh(): void {
    if (!file || clock() - lastCheck < interval) {
      return;
    }
    lastCheck = clock();
    try {
      const next = stampOf(file);
      if (next?.mtimeMs === stamp?.mtimeMs && next?.size === stamp?.size) {
        return;
      }
      stamp = next;
      tables = buildTables(next ? readOverrideFile(file) : null);
      error = null;
    } catch (e) {
      error = (e as Error).message;
    }
  }

  const isWorking = (date: string): boolean => {
    const kind = tables.byDate.get(date);
    if (kind) {
      return kind === 'workday';
    }
    const wd = (((dayNumber(date) + 4) % 7) + 7) % 7;
    return wd !== 0 && wd !== 6;
  };

  const warningsFor = (years: Iterable<number>): CalendarWarning[] =>
    [...new Set(years)]
      .filter((y) => !tables.schedules.has(y))
      .sort((a, b) => a - b)
      .map((year) => ({ code: 'calendar.unknown_year', year }));

  /** Moves a last day off rest days; every day looked at counts as touched. */
  const roll = (date: string): Due => {
    const touched = [yearOf(date)];
    let d = date;
    while (!isWorking(d)) {
      d = plusDays(d, 1);
      touched.push(yearOf(d));
    }
    return { due: d, warnings: warningsFor(touched) };
  };

  return {
    isWorkingDay(date) {
      refresh();
      return isWorking(date);
    },
    knownYear(year) {
      refresh();
      return tables.schedules.has(year);
    },
    years() {
      refresh();
      return [...tables.schedules.values()]
        .sort((a, b) => a.year - b.year)
        .map((s) => ({
          year: s.year,
          source: s.source,
          holidays: s.days.filter((d) => d.kind === 'holiday').length,
          workdays: s.days.filter((d) => d.kind === 'workday').length,
          ...(s.note ? { note: s.note } : {}),
        }));
    },
    year(year) {
      refresh();
      const s = tables.schedules.get(year);
      return {
        year,
        known: s !== undefined,
        source: s?.source ?? null,
        ...(s?.note ? { note: s.note } : {}),
        days: s ? [...s.days].sort((a, b) => a.date.localeCompare(b.date)) : [],
      };
    },
    addWorkingDays(start, n) {
      refresh();
      checkCount(n);
      const step = n < 0 ? -1 : 1;
      let d = dayNumber(start);
      const touched: number[] = [];
      for (let left = Math.abs(n); left > 0;) {
        d += step;
        const date = fromDayNumber(d);
        touched.push(yearOf(date));
        if (isWorking(date)) {
          left--;
        }
      }
      return { due: fromDayNumber(d), warnings: warningsFor(touched) };
    },
    addDays(start, n) {
      refresh();
      checkCount(n);
      return roll(plusDays(start, n));
    },
    addMonths(start, n) {
      refresh();
      checkCount(n);
      return roll(plusMonths(start, n));
    },
    addYears(start, n) {
      refresh();
      checkCount(n);
      return roll(plusYears(start, n));
    },
    nextWorkingDay(date) {
      refresh();
      return roll(plusDays(date, 0));
    },
    workingDaysBetween(from, to) {
      refresh();
      const [a, b] = [dayNumber(from), dayNumber(to)];
      const sign = b >= a ? 1 : -1;
      let count = 0;
      for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) {
        if (isWorking(fromDayNumber(d))) {
          count++;
        }
      }
      return sign * count;
    },
    status() {
      refresh();
      return { file, present: stamp !== null, error };
    },
  };
}
