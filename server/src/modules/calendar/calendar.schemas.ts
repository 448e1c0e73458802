import { z } from 'zod';

/**
 * The calendar API's shapes. Kept beside the routes (not in contracts) because only the server
 * serves them so far; move them to contracts when the web app reads them.
 */
const text = z.object({ 'zh-CN': z.string(), en: z.string() });
const source = z.enum(['chinese-days', 'override']);

export const calendarWarningDto = z.object({
  code: z.literal('calendar.unknown_year'),
  year: z.number().int(),
  /** The warning in the caller's language. */
  message: z.string(),
});
export type CalendarWarningDto = z.infer<typeof calendarWarningDto>;

export const calendarYearsDto = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      source,
      holidays: z.number().int(),
      workdays: z.number().int(),
      note: z.string().optional(),
    }),
  ),
  /** This year and next, when their holidays are not known yet. */
  warnings: z.array(calendarWarningDto),
  /** The override file, shown to those who maintain the calendar; null for everyone else. */
  overrideFile: z
    .object({ path: z.string().nullable(), present: z.boolean(), error: z.string().nullable() })
    .nullable(),
  abilities: z.object({ manage: z.boolean() }),
});
export type CalendarYearsDto = z.infer<typeof calendarYearsDto>;

export const calendarYearParams = z.object({ year: z.coerce.number().int().min(1900).max(2199) });

export const calendarYearDto = z.object({
  year: z.number().int(),
  known: z.boolean(),
  source: source.nullable(),
  note: z.string().optional(),
  days: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: text.nullable() })),
  warning: calendarWarningDto.nullable(),
});
export type CalendarYearDto = z.infer<typeof calendarYearDto>;
