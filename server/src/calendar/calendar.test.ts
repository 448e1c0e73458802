import { mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCalendar } from './calendar';
import { CalendarError, dayNumber, fromDayNumber, isOlderThan, plusDays, plusYears } from './dates';
import { calendarWarningsFromJson, formatCalendarWarning, formatCalendarWarnings } from './warnings';

const dir = mkdtempSync(path.join(os.tmpdir(), 'qc-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function overrideFile(content: unknown): string {
  const file = path.join(dir, `calendar-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const calendar = loadCalendar();

/** Every date from `from` to `to` inclusive. */
function* days(from: string, to: string): Generator<string> {
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    yield fromDayNumber(d);
  }
}
function range(from: string, to: string): string[] {
  return [...days(from, to)];
}

/** Checks a whole year against the State Council notice, day by day. */
function expectYear(year: number, holidays: string[], makeUpDays: string[]) {
  const off = new Set(holidays);
  const on = new Set(makeUpDays);
  const wrong: string[] = [];
  for (const d of days(`${year}-01-01`, `${year}-12-31`)) {
    const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const expected = on.has(d) || (!off.has(d) && !weekend);
    if (calendar.isWorkingDay(d) !== expected) {
      wrong.push(`${d}: expected ${expected ? 'working' : 'rest'}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(calendar.knownYear(year)).toBe(true);
}

describe('the working-day calendar', () => {
  it('2025 matches 国办发明电〔2024〕12号 day by day, 调休 included', () => {
    expectYear(
      2025,
      [
        '2025-01-01',
        ...range('2025-01-28', '2025-02-04'),
        ...range('2025-04-04', '2025-04-06'),
        ...range('2025-05-01', '2025-05-05'),
        ...range('2025-05-31', '2025-06-02'),
        ...range('2025-10-01', '2025-10-08'),
      ],
      ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    );
  });

  it('2026 matches 国办发明电〔2025〕7号 day by day, 调休 included', () => {
    expectYear(
      2026,
      [
        ...range('2026-01-01', '2026-01-03'),
        ...range('2026-02-15', '2026-02-23'),
        ...range('2026-04-04', '2026-04-06'),
        ...range('2026-05-01', '2026-05-05'),
        ...range('2026-06-19', '2026-06-21'),
        ...range('2026-09-25', '2026-09-27'),
        ...range('2026-10-01', '2026-10-07'),
      ],
      ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    );
  });

  it('reads chinese-days correctly: its own isWorkday agrees on every day of every year it knows', () => {
    const known = calendar.years().map((y) => y.year);
    expect(known[0]).toBe(2004);
    expect(known).toEqual(Array.from({ length: known.length }, (_, i) => 2004 + i));
    const disagree = [...days(`${known[0]}-01-01`, `${known.at(-1)}-12-31`)].filter(
      (d) => calendar.isWorkingDay(d) !== chineseDays.isWorkday(d),
    );
    expect(disagree).toEqual([]);
    expect(calendar.years().find((y) => y.year === 2025)).toEqual({
      year: 2025,
      source: 'chinese-days',
      holidays: 28,
      workdays: 5,
    });
  });

  it('A8.6 counts working days from the day after the start: 2026-09-30 + 5 working days = 2026-10-13', () => {
    expect(calendar.addWorkingDays('2026-09-30', 5)).toEqual({ due: '2026-10-13', warnings: [] });
  });

  it('A13.2 across the Spring Festival: 2026-02-13 + 5 working days = 2026-02-27', () => {
    expect(calendar.addWorkingDays('2026-02-13', 5)).toEqual({ due: '2026-02-27', warnings: [] });
  });

  it('a 调休 Saturday or Sunday is a working day and counts', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true); // Sunday
    expect(calendar.isWorkingDay('2026-02-21')).toBe(false); // Saturday inside 春节
    expect(calendar.addWorkingDays('2026-02-13', 1).due).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2025-01-24', 1).due).toBe('2025-01-26');
    expect(calendar.workingDaysBetween('2026-10-09', '2026-10-12')).toBe(2); // 10-10 Sat, 10-12 Mon
  });

  it('the first day is not counted, even when it is a working day or a holiday', () => {
    expect(calendar.addWorkingDays('2026-11-23', 1).due).toBe('2026-11-24');
    expect(calendar.addWorkingDays('2026-11-23', 0).due).toBe('2026-11-23');
    expect(calendar.addWorkingDays('2026-10-01', 1).due).toBe('2026-10-08');
    expect(calendar.addDays('2026-11-23', 1).due).toBe('2026-11-24');
  });

  it('counts back with a negative n', () => {
    expect(calendar.addWorkingDays('2026-10-08', -1).due).toBe('2026-09-30');
    expect(calendar.addWorkingDays('2026-10-13', -5).due).toBe('2026-09-30');
  });

  it('a calendar-day period ending on a holiday or rest day rolls to the next working day (民事诉讼法 第八十五条)', () => {
    expect(calendar.addDays('2026-09-20', 11)).toEqual({ due: '2026-10-08', warnings: [] }); // 10-01 国庆
    expect(calendar.addDays('2026-11-13', 15).due).toBe('2026-11-30'); // Saturday → Monday
    expect(calendar.addDays('2026-09-25', 15).due).toBe('2026-10-10'); // a 调休 Saturday stays
    expect(calendar.addDays('2026-11-13', 18).due).toBe('2026-12-01'); // a working day stays
  });

  it('months and years end on the corresponding day or the month end (民法典 第二百零二条), then roll', () => {
    expect(calendar.addMonths('2021-01-31', 1).due).toBe('2021-03-01'); // 02-28 is a Sunday
    expect(calendar.addMonths('2025-08-31', 6).due).toBe('2026-02-28'); // a 调休 Saturday
    expect(calendar.addMonths('2026-03-31', 2).due).toBe('2026-06-01'); // 05-31 is a Sunday
    expect(calendar.addMonths('2026-07-15', 3).due).toBe('2026-10-15');
    expect(calendar.addYears('2024-02-29', 1).due).toBe('2025-02-28'); // a Friday
    expect(plusYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(plusYears('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('A6.2 isOlderThan: a violation ended 2025-03-10 is within 2 years up to 2027-03-10', () => {
    expect(isOlderThan('2025-03-10', '2027-03-10', { years: 2 })).toBe(false);
    expect(isOlderThan('2025-03-10', '2027-03-11', { years: 2 })).toBe(true);
    expect(isOlderThan('2024-02-29', '2026-02-28', { years: 2 })).toBe(false);
    expect(isOlderThan('2024-02-29', '2026-03-01', { years: 2 })).toBe(true);
    expect(isOlderThan('2026-01-31', '2026-03-01', { months: 1 })).toBe(true);
    expect(isOlderThan('2026-11-01', '2026-11-10', { days: 9 })).toBe(false);
  });

  it('workingDaysBetween is signed and counts (from, to]', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-13')).toBe(5);
    expect(calendar.workingDaysBetween('2026-10-13', '2026-09-30')).toBe(-5);
    expect(calendar.workingDaysBetween('2026-10-13', '2026-10-13')).toBe(0);
  });

  it('a count that touches a year with no holiday data warns, and says so in zh-CN and en', () => {
    expect(calendar.knownYear(2027)).toBe(false);
    const due = calendar.addWorkingDays('2026-12-30', 5);
    // Counted with ordinary weekends only: 12-31, 01-01, 01-04, 01-05, 01-06.
    expect(due).toEqual({ due: '2027-01-06', warnings: [{ code: 'calendar.unknown_year', year: 2027 }] });
    expect(calendar.addDays('2026-12-20', 12).warnings).toEqual([
      { code: 'calendar.unknown_year', year: 2027 },
    ]);
    expect(calendar.addDays('2026-11-20', 12).warnings).toEqual([]);
    expect(calendar.addWorkingDays('2003-12-30', 2).warnings).toEqual([
      { code: 'calendar.unknown_year', year: 2003 },
    ]);
    const [warning] = due.warnings;
    expect(warning && formatCalendarWarning(warning, 'zh-CN')).toBe(
      '2027 年的法定节假日和调休安排尚未录入，期限按普通周末推算，请信息中心更新工作日历',
    );
    expect(formatCalendarWarnings(due.warnings)?.en).toMatch(
      /^The public holidays .* of 2027 are not yet entered/,
    );
    expect(formatCalendarWarnings([])).toBeNull();
    expect(calendarWarningsFromJson(JSON.stringify(due.warnings))).toEqual(due.warnings);
    expect(calendarWarningsFromJson(null)).toEqual([]);
    expect(calendarWarningsFromJson('[{"code":"other","year":1}]')).toEqual([]);
  });

  it('rejects dates that do not exist', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(CalendarError);
    expect(() => calendar.addWorkingDays('20261001', 1)).toThrow(/YYYY-MM-DD/);
    expect(() => calendar.addWorkingDays('2026-10-01', 1.5)).toThrow(CalendarError);
  });

  it('does not depend on the server time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai']) {
        process.env.TZ = tz;
        expect(calendar.addWorkingDays('2026-09-30', 5).due).toBe('2026-10-13');
        expect(calendar.addMonths('2021-01-31', 1).due).toBe('2021-03-01');
        expect(plusDays('2026-03-08', 1)).toBe('2026-03-09');
      }
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('the override file', () => {
  const year2027 = {
    years: {
      '2027': {
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
        workdays: ['2027-01-09'],
        source: '国办发明电〔2026〕1号',
      },
    },
  };

  it('makes a year known: its holidays and make-up days apply and the warning goes away', () => {
    const cal = loadCalendar({ overrideFile: overrideFile(year2027) });
    expect(cal.knownYear(2027)).toBe(true);
    // 12-31, then 01-01..03 off, 01-04..07, so the fifth is 01-07.
    expect(cal.addWorkingDays('2026-12-30', 5)).toEqual({ due: '2027-01-07', warnings: [] });
    expect(cal.isWorkingDay('2027-01-09')).toBe(true); // a Saturday made a working day
    expect(cal.years().find((y) => y.year === 2027)).toEqual({
      year: 2027,
      source: 'override',
      holidays: 3,
      workdays: 1,
      note: '国办发明电〔2026〕1号',
    });
  });

  it('replaces a year chinese-days knows, entirely', () => {
    const cal = loadCalendar({
      overrideFile: overrideFile({ years: { '2026': { holidays: ['2026-01-01'], source: '测试' } } }),
    });
    expect(cal.isWorkingDay('2026-10-01')).toBe(true);
    expect(cal.isWorkingDay('2026-02-14')).toBe(false); // no longer a make-up day
    expect(cal.year(2026)).toMatchObject({ known: true, source: 'override', days: [{ date: '2026-01-01' }] });
  });

  it('a missing file means no overrides', () => {
    const cal = loadCalendar({ overrideFile: path.join(dir, 'absent.json') });
    expect(cal.knownYear(2027)).toBe(false);
    expect(cal.status()).toEqual({ file: path.join(dir, 'absent.json'), present: false, error: null });
  });

  it.each([
    ['not JSON', '{ "years": ', /不是有效的 JSON \/ not valid JSON/],
    ['a misspelt key', { years: { '2027': { holiday: ['2027-01-01'], source: 'x' } } }, /years\.2027/],
    [
      'a date that does not exist',
      { years: { '2027': { holidays: ['2027-02-30'], source: 'x' } } },
      /2027\.holidays\.0: 不是有效日期/,
    ],
    [
      'a date of another year',
      { years: { '2027': { holidays: ['2028-01-01'], source: 'x' } } },
      /2028-01-01 is not in 2027/,
    ],
    [
      'a make-up day on a weekday',
      { years: { '2027': { holidays: ['2027-01-01'], workdays: ['2027-01-04'], source: 'x' } } },
      /workdays\.0: .*not a Saturday or Sunday/,
    ],
    [
      'a day both off and on',
      { years: { '2027': { holidays: ['2027-01-09'], workdays: ['2027-01-09'], source: 'x' } } },
      /both holiday and workday/,
    ],
    ['no notice named', { years: { '2027': { holidays: ['2027-01-01'] } } }, /years\.2027\.source/],
    [
      'a year that is not a year',
      { years: { '27': { holidays: ['2027-01-01'], source: 'x' } } },
      /a year is 4 digits/,
    ],
  ])('a broken file (%s) stops the start with the problem named', (_name, content, problem) => {
    const file = overrideFile(content);
    expect(() => loadCalendar({ overrideFile: file })).toThrow(CalendarError);
    expect(() => loadCalendar({ overrideFile: file })).toThrow(problem);
    expect(() => loadCalendar({ overrideFile: file })).toThrow(
      `工作日历文件 ${file} 有误 / invalid calendar file ${file}`,
    );
  });

  it('an edit is picked up without a restart; a broken edit keeps the last good contents and is reported', () => {
    const file = overrideFile(year2027);
    let now = 0;
    const cal = loadCalendar({ overrideFile: file, checkIntervalMs: 3000, clock: () => now });
    const touch = (content: unknown, at: number) => {
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      utimesSync(file, at, at);
    };
    expect(cal.isWorkingDay('2027-01-04')).toBe(true);

    touch({ years: { '2027': { ...year2027.years['2027'], holidays: ['2027-01-04'] } } }, 2_000_000_000);
    now = 1000;
    expect(cal.isWorkingDay('2027-01-04')).toBe(true); // not looked at yet: at most once per 3 s
    now = 4000;
    expect(cal.isWorkingDay('2027-01-04')).toBe(false);

    touch('{ broken', 2_000_000_100);
    now = 8000;
    expect(cal.isWorkingDay('2027-01-04')).toBe(false);
    expect(cal.status().error).toMatch(/not valid JSON/);

    touch(year2027, 2_000_000_200);
    now = 12000;
    expect(cal.isWorkingDay('2027-01-04')).toBe(true);
    expect(cal.status()).toEqual({ file, present: true, error: null });

    unlinkSync(file);
    now = 16000;
    expect(cal.knownYear(2027)).toBe(false);
    expect(cal.status().present).toBe(false);
  });
});

describe('properties', () => {
  const knownDay = fc
    .integer({ min: dayNumber('2004-01-01'), max: dayNumber('2026-09-30') })
    .map((n) => fromDayNumber(n));
  const anyDay = fc
    .integer({ min: dayNumber('2000-01-01'), max: dayNumber('2035-12-31') })
    .map((n) => fromDayNumber(n));

  it('addWorkingDays(d, n ≥ 1) is a working day after d, strictly increasing in n', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 80 }), (d, n) => {
        const a = calendar.addWorkingDays(d, n).due;
        const b = calendar.addWorkingDays(d, n + 1).due;
        return calendar.isWorkingDay(a) && a > d && b > a;
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n; counting back from a working day inverts it', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 80 }), (d, n) => {
        return calendar.workingDaysBetween(d, calendar.addWorkingDays(d, n).due) === n;
      }),
    );
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 80 }), (d, n) => {
        fc.pre(calendar.isWorkingDay(d));
        const back = calendar.addWorkingDays(d, -n).due;
        return calendar.workingDaysBetween(d, back) === -n && calendar.addWorkingDays(back, n).due === d;
      }),
    );
  });

  it('in known years nothing warns; the due date of addDays is a working day no earlier than d + n', () => {
    fc.assert(
      fc.property(knownDay, fc.integer({ min: 0, max: 60 }), (d, n) => {
        const w = calendar.addWorkingDays(d, n);
        const c = calendar.addDays(d, n);
        return (
          w.warnings.length === 0 &&
          c.warnings.length === 0 &&
          calendar.isWorkingDay(c.due) &&
          c.due >= plusDays(d, n) &&
          // It rolled only over rest days.
          range(plusDays(d, n), plusDays(c.due, -1)).every((x) => !calendar.isWorkingDay(x))
        );
      }),
    );
  });

  it('a count warns exactly when it reaches a year that is not known', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 80 }), (d, n) => {
        const { due, warnings } = calendar.addWorkingDays(d, n);
        const expected = range(plusDays(d, 1), due)
          .map((x) => Number(x.slice(0, 4)))
          .filter((y, i, all) => all.indexOf(y) === i && !calendar.knownYear(y));
        return JSON.stringify(warnings.map((w) => w.year)) === JSON.stringify(expected);
      }),
    );
  });
});
