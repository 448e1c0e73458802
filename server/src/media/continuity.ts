import type { LocalizedText } from './localized';

/** One recording of one device at one place for one step (the caller groups them). */
export interface ContinuitySegment {
  id: string;
  /** ISO-8601 instants. */
  captureStart: string;
  captureEnd: string;
  /** The camera's file sequence number, when known (from the file name). */
  fileOrder?: number;
}

export interface ContinuityOptions {
  /** A pause up to this long between consecutive files is normal (cameras split files). */
  toleranceSeconds: number;
  /** Clock jitter ignored when judging overlap; default 1 s (file times have 1 s resolution). */
  epsilonSeconds?: number;
}

/** 断续录制: the recording stops and resumes at the same place, beyond the tolerance. */
export interface GapFlag {
  kind: 'gap';
  previousId: string;
  nextId: string;
  /** From the previous segment's end to the next one's start. */
  seconds: number;
  from: string;
  to: string;
}

/** A segment starts before an earlier one has ended: possible inserted footage. */
export interface OverlapFlag {
  kind: 'overlap';
  previousId: string;
  nextId: string;
  seconds: number;
}

/** Capture time and file sequence disagree: possible insertion or a re-dated file. */
export interface OrderFlag {
  kind: 'order';
  previousId: string;
  nextId: string;
  previousFileOrder: number;
  nextFileOrder: number;
}

export type ContinuityFlag = GapFlag | OverlapFlag | OrderFlag;

interface Timed {
  segment: ContinuitySegment;
  start: number;
  end: number;
}

function parseInstant(value: string, what: string, id: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new RangeError(`recording ${id}: ${what} is not an ISO-8601 time: ${value}`);
  }
  return ms;
}

function timed(segment: ContinuitySegment): Timed {
  const start = parseInstant(segment.captureStart, 'captureStart', segment.id);
  const end = parseInstant(segment.captureEnd, 'captureEnd', segment.id);
  if (end < start) {
    throw new RangeError(`recording ${segment.id}: capture ends before it starts`);
  }
  return { segment, start, end };
}

function byCaptureTime(a: Timed, b: Timed): number {
  return (
    a.start - b.start ||
    (a.segment.fileOrder ?? Infinity) - (b.segment.fileOrder ?? Infinity) ||
    a.end - b.end ||
    (a.segment.id < b.segment.id ? -1 : a.segment.id > b.segment.id ? 1 : 0)
  );
}

const seconds = (ms: number): number => ms / 1000;

/**
 * Rule A22.5 — at one place the recording is continuous. Orders the segments by capture time and
 * reports every pause longer than the tolerance (断续录制, with its length), every segment that
 * starts before the footage before it has ended (possible insertion), and every pair whose file
 * sequence runs backwards against capture time. Pure: the caller stores and shows the flags.
 */
export function checkContinuity(
  segments: readonly ContinuitySegment[],
  options: ContinuityOptions,
): ContinuityFlag[] {
  const epsilonMs = (options.epsilonSeconds ?? 1) * 1000;
  const toleranceMs = options.toleranceSeconds * 1000;
  const ordered = segments.map(timed).sort(byCaptureTime);
  const flags: ContinuityFlag[] = [];
  // The segment reaching furthest so far: one wholly inside an earlier, longer one still overlaps.
  let covering: Timed | undefined;
  let previous: Timed | undefined;
  for (const current of ordered) {
    if (previous && covering) {
      flags.push(...timeFlags(covering, current, toleranceMs, epsilonMs), ...orderFlags(previous, current));
    }
    if (!covering || current.end > covering.end) {
      covering = current;
    }
    previous = current;
  }
  return flags;
}

function timeFlags(
  covering: Timed,
  current: Timed,
  toleranceMs: number,
  epsilonMs: number,
): ContinuityFlag[] {
  const ids = { previousId: covering.segment.id, nextId: current.segment.id };
  const pause = current.start - covering.end;
  if (pause > toleranceMs) {
    const [from, to] = [new Date(covering.end).toISOString(), new Date(current.start).toISOString()];
    return [{ kind: 'gap', ...ids, seconds: seconds(pause), from, to }];
  }
  if (-pause > epsilonMs) {
    return [{ kind: 'overlap', ...ids, seconds: seconds(-pause) }];
  }
  return [];
}

function orderFlags(previous: Timed, current: Timed): ContinuityFlag[] {
  const [before, after] = [previous.segment.fileOrder, current.segment.fileOrder];
  if (before === undefined || after === undefined || after >= before) {
    return [];
  }
  const ids = { previousId: previous.segment.id, nextId: current.segment.id };
  return [{ kind: 'order', ...ids, previousFileOrder: before, nextFileOrder: after }];
}

/** The flag as users read it, on the recording and in supervision lists. */
export function continuityFlagText(flag: ContinuityFlag): LocalizedText {
  switch (flag.kind) {
    case 'gap':
      return {
        zh: `断续录制：与上一段间隔 ${formatSeconds(flag.seconds)}`,
        en: `Interrupted recording: ${formatSeconds(flag.seconds, 'en')} gap after the previous segment`,
      };
    case 'overlap':
      return {
        zh: `时间重叠 ${formatSeconds(flag.seconds)}，疑似插入`,
        en: `Overlaps the previous segment by ${formatSeconds(flag.seconds, 'en')}: possible insertion`,
      };
    case 'order':
      return {
        zh: `拍摄时间与文件序号（${flag.previousFileOrder} → ${flag.nextFileOrder}）矛盾，疑似插入`,
        en: `Capture time contradicts file order (${flag.previousFileOrder} → ${flag.nextFileOrder}): possible insertion`,
      };
  }
}

function formatSeconds(total: number, lang: 'zh' | 'en' = 'zh'): string {
  const s = Math.round(total);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const units = lang === 'zh' ? ['小时', '分', '秒'] : ['h', 'min', 's'];
  const parts = [h, m, sec]
    .map((n, i) => (n > 0 ? `${n}${lang === 'en' ? ' ' : ''}${units[i]}` : ''))
    .filter(Boolean);
  return parts.length > 0 ? parts.join(lang === 'en' ? ' ' : '') : lang === 'zh' ? '0秒' : '0 s';
}
