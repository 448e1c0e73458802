import type { WorkingCalendar } from './calendar';
import { dayNumber } from './dates';

export type DeadlineLight = 'green' | 'yellow' | 'red';

/**
 * Working days left until `due`, seen on `today`: the working days after today up to and including
 * the due day. 0 means "due today, or nothing but rest days before it"; 1 means one more working
 * day (the due day itself) after today. Once today is past the due day the answer is negative —
 * minus the working days since the due day, and at least −1 even when only rest days have passed,
 * so "overdue" is never shown as 0.
 */
export function daysLeft(due: string, today: string, calendar: WorkingCalendar): number {
  const left = calendar.workingDaysBetween(today, due);
  return dayNumber(today) > dayNumber(due) ? Math.min(-1, left) : left;
}

/**
 * The deadline's traffic light. Red: today is after the due day. Yellow: not overdue and
 * `daysLeft` ≤ `yellowWorkingDays` — with the default of 2, a deadline turns yellow when the due
 * day is at most two working days after today (and stays yellow on the due day itself). Green:
 * otherwise.
 */
export function deadlineLight(
  due: string,
  today: string,
  calendar: WorkingCalendar,
  yellowWorkingDays: number,
): DeadlineLight {
  if (dayNumber(today) > dayNumber(due)) {
    return 'red';
  }
  return daysLeft(due, today, calendar) <= yellowWorkingDays ? 'yellow' : 'green';
}
