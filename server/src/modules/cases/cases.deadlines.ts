import type { DeadlineDto, Light } from '@quancheng/contracts';
import type { Executor, Trx } from '../../db/database';
import type { DeadlineTable } from '../../db/types';
import {
  calendarWarningsFromJson,
  computeDue,
  daysLeft,
  formatCalendarWarnings,
  periodById,
  orderedPeriodById,
  type WorkingCalendar,
} from '../../calendar';
import { casesRepository, type LightWindow } from './cases.repository';
import { newId } from '../../db/ids';

/**
 * The statutory periods running on cases (RULES.md Appendix A): started and met by procedure
 * transitions, lit green / yellow / red by the working-day calendar, and summarised on the case as
 * `next_due_on` (the earliest open one) so that lists can filter by light through an index.
 */
export interface DeadlineClock {
  calendar: WorkingCalendar;
  /** Yellow when this many working days or fewer remain (DEADLINE_YELLOW_DAYS). */
  yellowDays: number;
}

export function lightWindow(clock: DeadlineClock, today: string): LightWindow {
  return { today, greenFrom: clock.calendar.addWorkingDays(today, clock.yellowDays + 1).due };
}

export function lightOf(window: LightWindow, dueOn: string): Light {
  return dueOn < window.today ? 'red' : dueOn < window.greenFrom ? 'yellow' : 'green';
}

export async function startDeadline(
  trx: Trx,
  clock: DeadlineClock,
  input: {
    caseId: string;
    periodId: string;
    trigger: string;
    startedOn: string;
    createdAt: string;
    /** A due date the decision set (an ordered period); statutory periods are computed. */
    dueOn?: string;
  },
): Promise<DeadlineTable> {
  const { due, warnings } =
    input.dueOn !== undefined
      ? { due: input.dueOn, warnings: [] }
      : computeDue(clock.calendar, input.periodId, input.startedOn);
  const row: DeadlineTable = {
    id: newId(),
    case_id: input.caseId,
    period_id: input.periodId,
    trigger: input.trigger,
    started_on: input.startedOn,
    due_on: due.slice(0, 10),
    status: 'open',
    met_at: null,
    warned: 'none',
    calendar_warning: warnings.length ? JSON.stringify(warnings) : null,
    created_at: input.createdAt,
  };
  await casesRepository.insertDeadline(trx, row);
  return row;
}

/** Marks the case's open deadlines of these periods met (or cancelled, when the case ends). */
export async function closeDeadlines(
  trx: Trx,
  caseId: string,
  periodIds: readonly string[] | 'all',
  status: 'met' | 'cancelled',
  at: string,
): Promise<string[]> {
  const open = (await casesRepository.deadlines(trx, [caseId])).filter(
    (d) => d.status === 'open' && (periodIds === 'all' || periodIds.includes(d.period_id)),
  );
  for (const d of open) {
    await casesRepository.updateDeadline(trx, d.id, { status, met_at: at });
  }
  return open.map((d) => d.period_id);
}

/** Recomputes `next_due_on` from the open deadlines. */
export async function refreshNextDue(trx: Trx, caseId: string): Promise<string | null> {
  const open = (await casesRepository.deadlines(trx, [caseId])).filter((d) => d.status === 'open');
  const next = open.map((d) => d.due_on).sort()[0] ?? null;
  await casesRepository.update(trx, caseId, { next_due_on: next });
  return next;
}

export function presentDeadline(
  clock: DeadlineClock,
  window: LightWindow,
  d: DeadlineTable,
  c: { reg_number: string; number: string | null },
): DeadlineDto {
  const period = periodById(d.period_id) ?? orderedPeriodById(d.period_id);
  const open = d.status === 'open';
  const warnings = calendarWarningsFromJson(d.calendar_warning);
  return {
    id: d.id,
    caseId: d.case_id,
    caseNumber: c.number,
    regNumber: c.reg_number,
    periodId: d.period_id,
    label: period?.label ?? { 'zh-CN': d.period_id, en: d.period_id },
    source: period?.citation ?? period?.source ?? '',
    trigger: d.trigger,
    startedOn: d.started_on,
    dueOn: d.due_on,
    status: d.status,
    metAt: d.met_at,
    light: open ? lightOf(window, d.due_on) : null,
    daysLeft: open ? daysLeft(d.due_on, window.today, clock.calendar) : null,
    warning: formatCalendarWarnings(warnings),
  };
}

export async function openDeadlinesOf(ex: Executor, caseIds: readonly string[]) {
  return (await casesRepository.deadlines(ex, caseIds)).filter((d) => d.status === 'open');
}
