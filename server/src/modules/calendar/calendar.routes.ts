import { pickLang } from '@quancheng/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import { calendarYearDto, calendarYearParams, calendarYearsDto } from './calendar.schemas';
import type { CalendarService } from './calendar.service';

export function registerCalendarRoutes(app: FastifyInstance, calendar: CalendarService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  r.get(
    '/api/calendar/years',
    { schema: { tags, response: { 200: calendarYearsDto, ...errorResponses } } },
    (req) => calendar.years(actorOf(req), pickLang(req.headers['accept-language'])),
  );

  r.get(
    '/api/calendar/:year',
    { schema: { tags, params: calendarYearParams, response: { 200: calendarYearDto, ...errorResponses } } },
    (req) => calendar.year(actorOf(req), req.params.year, pickLang(req.headers['accept-language'])),
  );
}
