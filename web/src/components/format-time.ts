import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The bureau's time zone: what the records say happened is read in Beijing time, wherever the browser is. */
export const BUREAU_TIME_ZONE = 'Asia/Shanghai';

/** An ISO instant as the bureau reads it: `YYYY-MM-DD HH:mm:ss`, Asia/Shanghai. */
export function formatBureauTime(iso: string): string {
  return dayjs(iso).tz(BUREAU_TIME_ZONE).format('YYYY-MM-DD HH:mm:ss');
}
