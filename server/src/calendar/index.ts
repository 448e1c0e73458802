export {
  loadCalendar,
  type CalendarOptions,
  type CalendarStatus,
  type CalendarWarning,
  type Due,
  type WorkingCalendar,
  type YearDetail,
  type YearInfo,
} from './calendar';
export type { SpecialDay } from './chinese-days-data';
export { CalendarError, isIsoDate, isOlderThan, plusDays, plusMonths, plusYears, type Span } from './dates';
export { daysLeft, deadlineLight, type DeadlineLight } from './light';
export {
  computeDue,
  isPeriodId,
  periodById,
  orderedPeriodById,
  ORDERED_PERIODS,
  type OrderedPeriod,
  PERIODS,
  type PeriodId,
  type PeriodLengths,
  type PeriodUnit,
  type StatutoryPeriod,
} from './periods';
export { STATUTORY_RATES } from './rates';
export { calendarWarningsFromJson, formatCalendarWarning, formatCalendarWarnings } from './warnings';
