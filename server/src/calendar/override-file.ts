import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { CalendarError, isIsoDate, isWeekend, yearOf } from './dates';
import type { SpecialDay, YearSchedule } from './chinese-days-data';

/**
 * The local override file the IT centre edits when the State Council publishes a year's holiday
 * notice (see docs/CALENDAR.md). A year in the file replaces that year entirely.
 */
const date = z
  .string()
  .refine(isIsoDate, { message: '不是有效日期 YYYY-MM-DD / not a valid YYYY-MM-DD date' });

const yearEntry = z
  .object({
    holidays: z.array(date).min(1, { message: '至少列出一天假日 / list at least one holiday' }),
    workdays: z.array(date).default([]),
    source: z
      .string()
      .trim()
      .min(1, { message: '请写明通知文号 / name the notice, e.g. 国办发明电〔2026〕X号' }),
    note: z.string().trim().optional(),
  })
  .strict();

const overrideFile = z
  .object({ years: z.record(z.string(), yearEntry) })
  .strict()
  .superRefine((file, ctx) => {
    for (const [key, entry] of Object.entries(file.years)) {
      if (!/^\d{4}$/.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['years', key],
          message: '年份应为四位数字 / a year is 4 digits',
        });
        continue;
      }
      const year = Number(key);
      const issue = (list: 'holidays' | 'workdays', i: number, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['years', key, list, i], message });
      entry.holidays.forEach((d, i) => {
        if (isIsoDate(d) && yearOf(d) !== year) {
          issue('holidays', i, `${d} 不属于 ${year} 年 / ${d} is not in ${year}`);
        }
      });
      const holidays = new Set(entry.holidays);
      entry.workdays.forEach((d, i) => {
        if (!isIsoDate(d)) {
          return;
        }
        if (yearOf(d) !== year) {
          issue('workdays', i, `${d} 不属于 ${year} 年 / ${d} is not in ${year}`);
        } else if (holidays.has(d)) {
          issue('workdays', i, `${d} 同时列为假日和调休上班日 / ${d} is listed as both holiday and workday`);
        } else if (!isWeekend(d)) {
          issue(
            'workdays',
            i,
            `${d} 不是周六或周日，无需列为调休上班日 / ${d} is not a Saturday or Sunday, so it cannot be a make-up workday`,
          );
        }
      });
    }
  });

export type OverrideFile = z.infer<typeof overrideFile>;

/** What identifies one version of the file: a change to either means "read it again". */
export interface FileStamp {
  mtimeMs: number;
  size: number;
}

/** The file's stamp, or null when it does not exist (no overrides). */
export function stampOf(file: string): FileStamp | null {
  try {
    const st = statSync(file);
    return { mtimeMs: st.mtimeMs, size: st.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }
    throw error;
  }
}

function fail(file: string, problem: string): never {
  throw new CalendarError(`工作日历文件 ${file} 有误 / invalid calendar file ${file}:\n${problem}`);
}

/** Parses and checks the file's text; every problem is named with its place in the file. */
export function parseOverrideFile(file: string, text: string): Map<number, YearSchedule> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(file, `  不是有效的 JSON / not valid JSON: ${(error as Error).message}`);
  }
  const parsed = overrideFile.safeParse(json);
  if (!parsed.success) {
    fail(
      file,
      parsed.error.issues
        .map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('\n'),
    );
  }
  const years = new Map<number, YearSchedule>();
  for (const [key, entry] of Object.entries(parsed.data.years)) {
    const days: SpecialDay[] = [
      ...[...new Set(entry.holidays)].map((d) => ({ date: d, kind: 'holiday' as const, name: null })),
      ...[...new Set(entry.workdays)].map((d) => ({ date: d, kind: 'workday' as const, name: null })),
    ];
    const note = entry.note ? `${entry.source}；${entry.note}` : entry.source;
    years.set(Number(key), { year: Number(key), source: 'override', note, days });
  }
  return years;
}

/** Reads the file; null when it does not exist. */
export function readOverrideFile(file: string): Map<number, YearSchedule> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }
    fail(file, `  无法读取 / cannot be read: ${(error as Error).message}`);
  }
  return parseOverrideFile(file, text);
}
