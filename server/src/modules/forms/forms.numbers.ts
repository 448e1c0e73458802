import { FORM_TYPE_LABELS, formatFormNumber, type FormType } from '@quancheng/contracts';
import type { FormRangeTable } from '../../db/types';

/**
 * The arithmetic of a pad, pure: which numbers are accounted for, which one is next, which are
 * gaps. A gap is a number below the highest accounted one that is neither used nor voided — a
 * form that went missing without explanation.
 */
export interface PadSummary {
  used: number;
  voided: number;
  free: number;
  next: number | null;
  gaps: number[];
}

/** At most this many gaps are listed (the count of unexplained numbers is what matters). */
const GAP_LIST = 200;

export function summarizePad(
  range: Pick<FormRangeTable, 'first_no' | 'last_no'>,
  accounted: readonly { number: number; status: 'used' | 'voided' }[],
): PadSummary {
  const taken = new Set(accounted.map((a) => Number(a.number)));
  const highest = accounted.reduce((m, a) => Math.max(m, Number(a.number)), -1);
  const gaps: number[] = [];
  let next: number | null = null;
  for (let n = Number(range.first_no); n <= Number(range.last_no); n++) {
    if (taken.has(n)) {
      continue;
    }
    next ??= n;
    if (n < highest && gaps.length < GAP_LIST) {
      gaps.push(n);
    } else if (n >= highest) {
      break;
    }
  }
  const used = accounted.filter((a) => a.status === 'used').length;
  return {
    used,
    voided: accounted.length - used,
    free: Number(range.last_no) - Number(range.first_no) + 1 - accounted.length,
    next,
    gaps,
  };
}

/** The pad a printed number belongs to, and the number in it; the longest matching series wins. */
export function locateNumber(
  ranges: readonly FormRangeTable[],
  typed: string,
): { range: FormRangeTable; number: number } | null {
  const text = typed.replace(/\s+/gu, '');
  let best: { range: FormRangeTable; number: number } | null = null;
  for (const range of ranges) {
    if (!text.startsWith(range.series)) {
      continue;
    }
    const digits = text.slice(range.series.length);
    if (!/^\d{1,9}$/u.test(digits)) {
      continue;
    }
    const n = Number(digits);
    if (n >= Number(range.first_no) && n <= Number(range.last_no)) {
      if (!best || range.series.length > best.range.series.length) {
        best = { range, number: n };
      }
    }
  }
  return best;
}

export const displayOf = (range: Pick<FormRangeTable, 'series' | 'digits'>, n: number) =>
  formatFormNumber(range.series, Number(range.digits), n);

export const formLabel = (formType: string) =>
  FORM_TYPE_LABELS[formType as FormType] ?? { 'zh-CN': formType, en: formType };

/** "000121、000122" — at most five, then how many more. */
export function listNumbers(range: Pick<FormRangeTable, 'series' | 'digits'>, numbers: readonly number[]) {
  const shown = numbers.slice(0, 5).map((n) => displayOf(range, n));
  const more = numbers.length - shown.length;
  return {
    'zh-CN': `${shown.join('、')}${more > 0 ? `等${numbers.length}个` : ''}`,
    en: `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
  };
}
