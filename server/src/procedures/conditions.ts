import type { CalendarPeriod, Comparison, Condition, ProcedureDefinition } from './definition';
import { factAt, type CaseFacts } from './facts';

/**
 * Evaluating the JSON conditions of a definition against case facts. Pure; unknown or absent
 * facts never satisfy a positive test (`eq`, `in`, `gte`, `olderThan`…), so a condition that
 * gates an action fails closed until the facts are recorded.
 */

export interface ConditionContext {
  def: Pick<ProcedureDefinition, 'params' | 'conditions'>;
  facts: CaseFacts;
  /** YYYY-MM-DD, for `olderThan` without `relativeTo`. */
  today?: string | undefined;
  /** The case's officers (`notOfficer`). */
  officers?: readonly string[] | undefined;
  /** Who acts (`isActor`); absent when no one does (e.g. computing deadlines). */
  actorId?: string | undefined;
  /** The working-day calendar's due date of a period from a date (`leadTime`). */
  dueOf?: ((periodId: string, from: string) => string | undefined) | undefined;
}

export function evaluateCondition(c: Condition, ctx: ConditionContext): boolean {
  if ('all' in c) {
    return c.all.every((x) => evaluateCondition(x, ctx));
  }
  if ('any' in c) {
    return c.any.some((x) => evaluateCondition(x, ctx));
  }
  if ('not' in c) {
    return !evaluateCondition(c.not, ctx);
  }
  if ('ref' in c) {
    const named = ctx.def.conditions?.[c.ref];
    if (!named) {
      throw new Error(`condition "${c.ref}" is not defined`);
    }
    return evaluateCondition(named, ctx);
  }
  return compare(c, ctx);
}

type Scalar = string | number | boolean;

function isPresent(v: unknown): boolean {
  if (v === undefined || v === null || v === '') {
    return false;
  }
  return !(Array.isArray(v) && v.length === 0);
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function order(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) {
    return a - b;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

function compare(c: Comparison, ctx: ConditionContext): boolean {
  const actual = factAt(ctx.facts, c.field);
  const target: Scalar | Scalar[] | undefined = c.param !== undefined ? ctx.def.params[c.param] : c.value;
  switch (c.op) {
    case 'present':
      return isPresent(actual);
    case 'absent':
      return !isPresent(actual);
    case 'eq':
      return isPresent(actual) && asList(actual).some((a) => a === target);
    case 'ne':
      return !(isPresent(actual) && asList(actual).some((a) => a === target));
    case 'in': {
      const allowed = asList(target);
      return isPresent(actual) && asList(actual).some((a) => allowed.includes(a));
    }
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt': {
      const d = order(actual, target);
      if (d === undefined) {
        return false;
      }
      return c.op === 'gte' ? d >= 0 : c.op === 'lte' ? d <= 0 : c.op === 'gt' ? d > 0 : d < 0;
    }
    case 'leadTime': {
      const event = c.relativeTo !== undefined ? factAt(ctx.facts, c.relativeTo) : undefined;
      const latest =
        typeof event === 'string' && c.periodId !== undefined ? ctx.dueOf?.(c.periodId, event) : undefined;
      return typeof actual === 'string' && parseDate(actual) !== undefined && latest !== undefined
        ? actual <= latest
        : false;
    }
    case 'isActor':
      return isPresent(actual) && ctx.actorId !== undefined && actual === ctx.actorId;
    case 'notOfficer':
      return isPresent(actual) && !asList(actual).some((a) => (ctx.officers ?? []).includes(a as string));
    case 'olderThan': {
      const from = actual;
      const to = c.relativeTo !== undefined ? factAt(ctx.facts, c.relativeTo) : ctx.today;
      return typeof from === 'string' && typeof to === 'string' && c.period !== undefined
        ? olderThan(from, c.period, to)
        : false;
    }
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(s: string): { y: number; m: number; d: number } | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) {
    return undefined;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
    ? { y, m: mo, d }
    : undefined;
}

/**
 * The last day of a calendar period that starts on `start` (民法典 art. 201–203, 行政处罚法 art. 36
 * read with them): the first day is not counted, so `years`/`months` end on the corresponding day
 * of the final month, or on that month's last day when it has no corresponding day (a period from
 * 29 Feb ends on 28 Feb); `days` are then added. Returns YYYY-MM-DD, or undefined for a bad date.
 */
export function periodEnd(start: string, p: CalendarPeriod): string | undefined {
  const s = parseDate(start);
  if (!s) {
    return undefined;
  }
  const months = s.y * 12 + (s.m - 1) + (p.years ?? 0) * 12 + (p.months ?? 0);
  const y = Math.floor(months / 12);
  const m = months % 12;
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(y, m, Math.min(s.d, lastOfMonth) + (p.days ?? 0)));
  return end.toISOString().slice(0, 10);
}

/**
 * Whether more than the period lies between `from` and `to`: `to` falls AFTER the period's last
 * day. The last day itself is still inside (行政处罚法 art. 36 "二年内"): a violation that ended on
 * 2022-03-10 may still be pursued on a complaint received 2024-03-10, not on one of 2024-03-11.
 * Limitation is a limit on the state's power, not a party's time to act, so no holiday extension.
 */
export function olderThan(from: string, p: CalendarPeriod, to: string): boolean {
  const end = periodEnd(from, p);
  return end !== undefined && parseDate(to) !== undefined && to > end;
}
