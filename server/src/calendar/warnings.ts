import { LANGS, translate, type Lang } from '@quancheng/contracts';
import { z } from 'zod';
import type { CalendarWarning } from './calendar';

const storedWarnings = z.array(
  z.object({ code: z.literal('calendar.unknown_year'), year: z.number().int() }),
);

/** Warnings as stored in a text column (`JSON.stringify(due.warnings)`); [] for null or a stale shape. */
export function calendarWarningsFromJson(json: string | null): CalendarWarning[] {
  if (!json) {
    return [];
  }
  try {
    const parsed = storedWarnings.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** A calendar warning as a sentence in the reader's language. */
export function formatCalendarWarning(warning: CalendarWarning, lang: Lang): string {
  return translate(warning.code, lang, { year: warning.year });
}

/**
 * All of a count's warnings in both languages, one sentence per line — the shape of a label, for
 * DTOs that carry both; null when there is nothing to warn about.
 */
export function formatCalendarWarnings(
  warnings: readonly CalendarWarning[],
): { 'zh-CN': string; en: string } | null {
  if (!warnings.length) {
    return null;
  }
  const [zh, en] = LANGS.map((lang) => warnings.map((w) => formatCalendarWarning(w, lang)).join('\n'));
  return { 'zh-CN': zh ?? '', en: en ?? '' };
}
