export { createCalendarService, type CalendarService } from './calendar.service';
export { registerCalendarRoutes } from './calendar.routes';
