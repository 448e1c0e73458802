import { createRequire } from 'node:module';
import { z } from 'zod';
import { yearOf } from './dates';

/** A day that is not ordinary: a statutory rest day, or a make-up working day (调休上班). */
export interface SpecialDay {
  date: string;
  kind: 'holiday' | 'workday';
  /** The festival it belongs to, when the source names it. */
  name: { 'zh-CN': string; en: string } | null;
}

/** One year's schedule, as published by the State Council. */
export interface YearSchedule {
  year: number;
  source: 'chinese-days' | 'override';
  /** The notice the year comes from (override files name it). */
  note?: string;
  days: SpecialDay[];
}

// chinese-days keeps its table as `{ holidays: { "2026-01-01": "New Year's Day,元旦,1" }, workdays: … }`.
const dayMap = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string());
const libraryData = z.object({ holidays: dayMap, workdays: dayMap });

function nameOf(value: string): SpecialDay['name'] {
  const [en, zh] = value.split(',');
  return en && zh ? { 'zh-CN': zh, en } : null;
}

/**
 * The years chinese-days has real data for, read from the package's own table rather than its
 * functions: for a year it has no data for, `isWorkday` silently answers as if the year had no
 * holidays. A year counts as known when the table holds at least one holiday of it.
 */
export function chineseDaysYears(): Map<number, YearSchedule> {
  const require = createRequire(import.meta.url);
  const parsed = libraryData.safeParse(require('chinese-days/dist/chinese-days.json'));
  if (!parsed.success) {
    throw new Error(
      `chinese-days 数据格式已变化，无法读取节假日 / chinese-days data has an unexpected shape: ${parsed.error.message}`,
    );
  }
  const years = new Map<number, YearSchedule>();
  const add = (date: string, kind: SpecialDay['kind'], value: string) => {
    const year = yearOf(date);
    let schedule = years.get(year);
    if (!schedule) {
      schedule = { year, source: 'chinese-days', days: [] };
      years.set(year, schedule);
    }
    schedule.days.push({ date, kind, name: nameOf(value) });
  };
  for (const [date, value] of Object.entries(parsed.data.holidays)) {
    add(date, 'holiday', value);
  }
  for (const [date, value] of Object.entries(parsed.data.workdays)) {
    add(date, 'workday', value);
  }
  for (const [year, schedule] of years) {
    if (!schedule.days.some((d) => d.kind === 'holiday')) {
      years.delete(year);
    }
  }
  return years;
}
