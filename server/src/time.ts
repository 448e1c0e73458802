const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (`YYYY-MM-DD`) in Asia/Shanghai at instant `at`: the bureau's "today". */
export function shanghaiDay(at: Date): string {
  return shanghaiDate.format(at);
}

const shanghaiMinute = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2026/11/28 12:30` in Asia/Shanghai, for messages. */
export function shanghaiDateTime(at: Date): string {
  return shanghaiMinute.format(at);
}
