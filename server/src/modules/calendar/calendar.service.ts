import type { Lang } from '@quancheng/contracts';
import { formatCalendarWarning, type CalendarWarning, type WorkingCalendar } from '../../calendar';
import { forbidden } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { shanghaiDay } from '../../time';
import { calendarPolicy } from './calendar.policy';
import type { CalendarWarningDto, CalendarYearDto, CalendarYearsDto } from './calendar.schemas';

function present(warning: CalendarWarning, lang: Lang): CalendarWarningDto {
  return { ...warning, message: formatCalendarWarning(warning, lang) };
}

/** Reads the working-day calendar: which years are known, and each year's special days. */
export function createCalendarService({ calendar, now }: { calendar: WorkingCalendar; now: () => Date }) {
  const unknown = (year: number): CalendarWarning | null =>
    calendar.knownYear(year) ? null : { code: 'calendar.unknown_year', year };

  return {
    years(actor: Actor, lang: Lang): CalendarYearsDto {
      if (!calendarPolicy.read(actor)) {
        throw forbidden();
      }
      const thisYear = Number(shanghaiDay(now()).slice(0, 4));
      const manage = calendarPolicy.manage(actor);
      const status = calendar.status();
      return {
        years: calendar.years(),
        warnings: [unknown(thisYear), unknown(thisYear + 1)]
          .filter((w): w is CalendarWarning => w !== null)
          .map((w) => present(w, lang)),
        overrideFile: manage ? { path: status.file, present: status.present, error: status.error } : null,
        abilities: { manage },
      };
    },

    year(actor: Actor, year: number, lang: Lang): CalendarYearDto {
      if (!calendarPolicy.read(actor)) {
        throw forbidden();
      }
      const detail = calendar.year(year);
      const warning = unknown(year);
      return { ...detail, warning: warning ? present(warning, lang) : null };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
