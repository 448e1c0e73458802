import type { FineAccountDto, FineInstalmentDto } from '@quancheng/contracts';
import type { MissingItem } from '../../http/errors';

/**
 * The fine account (罚款台账), pure: what a decision's fine, its due date or approved plan, and the
 * payments recorded add up to on a given day. Amounts are integer fen.
 *
 * - Due date: the `fine_payment` deadline (15 days from service, 行政处罚法 art. 67, rolled off a
 *   rest day by the calendar), or the approved deferral / instalment plan that replaces it (A11.2).
 * - Payments pay the fine first, the earliest instalment first; what is paid beyond the fine pays
 *   the surcharge.
 * - Surcharge (加处罚款, art. 72): `percentPerDay` (3) of the overdue amount for each calendar day
 *   after its due date until the day it is paid (that day counted), capped at the amount of each
 *   instalment and, in all, at the fine. The day after the due date is the first day overdue.
 */

export interface PlanInstalment {
  dueOn: string;
  amountFen: number;
}
export type PaymentPlan =
  { kind: 'deferral'; dueOn: string } | { kind: 'instalments'; instalments: PlanInstalment[] };

export interface FineAccountInput {
  fineFen: number;
  /** The day service of the decision took effect; null while it has not been served. */
  servedOn: string | null;
  /** The 15-day due date (the `fine_payment` deadline); null while it has not started. */
  dueOn: string | null;
  plan: PaymentPlan | null;
  payments: readonly { paidOn: string; amountFen: number }[];
  today: string;
  /** 行政处罚法 art. 72: 3 (per cent of the fine a day). */
  percentPerDay: number;
}

const DAY_MS = 86_400_000;
/** Calendar days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 1234.5 yuan → 123450 fen, without float drift (1,234.56 yuan is exactly 123456 fen). */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);
/** 123450 → "1234.50" */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function scheduleOf(input: FineAccountInput): { basis: FineAccountDto['basis']; items: PlanInstalment[] } {
  if (input.plan?.kind === 'deferral') {
    return { basis: 'deferral', items: [{ dueOn: input.plan.dueOn, amountFen: input.fineFen }] };
  }
  if (input.plan?.kind === 'instalments') {
    return { basis: 'instalments', items: input.plan.instalments };
  }
  return input.dueOn
    ? { basis: 'due', items: [{ dueOn: input.dueOn, amountFen: input.fineFen }] }
    : { basis: 'none', items: [] };
}

export function fineAccount(input: FineAccountInput): FineAccountDto {
  const { basis, items } = scheduleOf(input);
  const lines = items.map((i) => ({
    ...i,
    remaining: i.amountFen,
    tranches: [] as { paidOn: string; amountFen: number }[],
  }));
  const payments = [...input.payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  let paidFen = 0;
  let unscheduled = input.fineFen;
  for (const p of payments) {
    paidFen += p.amountFen;
    let left = p.amountFen;
    for (const line of lines) {
      const take = Math.min(left, line.remaining);
      if (take > 0) {
        line.remaining -= take;
        line.tranches.push({ paidOn: p.paidOn, amountFen: take });
        left -= take;
      }
    }
    // Before service (no schedule yet) a payment still reduces the fine.
    unscheduled = Math.max(0, unscheduled - p.amountFen);
  }
  const schedule: FineInstalmentDto[] = lines.map((line) => {
    const late = (day: string) => Math.max(0, daysBetween(line.dueOn, day));
    // fen × days at the daily rate: the paid tranches up to their payment, the rest up to today.
    const accrued =
      line.tranches.reduce((sum, t) => sum + t.amountFen * late(t.paidOn), 0) +
      line.remaining * late(input.today);
    const surchargeFen = Math.min(line.amountFen, Math.round((accrued * input.percentPerDay) / 100));
    const overdueDays =
      line.remaining > 0 ? late(input.today) : Math.max(0, ...line.tranches.map((t) => late(t.paidOn)));
    return {
      dueOn: line.dueOn,
      amountFen: line.amountFen,
      paidFen: line.amountFen - line.remaining,
      balanceFen: line.remaining,
      overdueDays,
      surchargeFen,
    };
  });
  const principalBalanceFen = lines.length ? lines.reduce((s, l) => s + l.remaining, 0) : unscheduled;
  const surchargeFen = Math.min(
    input.fineFen,
    schedule.reduce((s, l) => s + l.surchargeFen, 0),
  );
  const balanceFen = input.fineFen + surchargeFen - paidFen;
  return {
    fineFen: input.fineFen,
    servedOn: input.servedOn,
    basis,
    schedule,
    paidFen,
    principalBalanceFen,
    surchargeFen,
    balanceFen,
    overdue: schedule.some((l) => l.balanceFen > 0 && daysBetween(l.dueOn, input.today) > 0),
    paidInFull: balanceFen <= 0,
    asOf: input.today,
  };
}

// ---------- the deferral / instalment plan (A11.2) ----------

const LINE = /^(\d{4}-\d{2}-\d{2})\s*[,，:：;；\s]\s*[¥￥]?\s*(\d{1,12})(?:\.(\d{1,2}))?\s*元?$/;
const isDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

const problem = (zh: string, en: string): MissingItem => ({
  code: 'condition',
  ruleId: 'A11.2',
  message: { 'zh-CN': zh, en },
});

/** The plan as the `approve_payment_plan` inputs record it: `deferredTo`, or `instalments` lines. */
export function readPlan(data: Record<string, unknown>): {
  plan: PaymentPlan | null;
  problems: MissingItem[];
} {
  const deferredTo = typeof data.deferredTo === 'string' && data.deferredTo.trim() ? data.deferredTo : null;
  const lines = Array.isArray(data.instalments)
    ? data.instalments.filter((l): l is string => typeof l === 'string' && l.trim() !== '')
    : [];
  if (deferredTo && lines.length) {
    return {
      plan: null,
      problems: [
        problem('延期缴纳和分期缴纳只能选择一种', 'Choose either a deferral or instalments, not both'),
      ],
    };
  }
  if (deferredTo) {
    return { plan: { kind: 'deferral', dueOn: deferredTo }, problems: [] };
  }
  if (!lines.length) {
    return {
      plan: null,
      problems: [
        problem(
          '请写明延期缴纳的日期，或分期缴纳的各期日期和金额',
          'Give the deferred date, or each instalment’s date and amount',
        ),
      ],
    };
  }
  const problems: MissingItem[] = [];
  const instalments: PlanInstalment[] = [];
  lines.forEach((raw, i) => {
    const m = LINE.exec(raw.trim());
    if (!m || !isDay(m[1]!)) {
      problems.push(
        problem(
          `第${i + 1}期“${raw.trim()}”应写作“日期 金额”，如“2026-12-31 1000.00”`,
          `Instalment ${i + 1} “${raw.trim()}” should read “date amount”, e.g. “2026-12-31 1000.00”`,
        ),
      );
      return;
    }
    instalments.push({
      dueOn: m[1]!,
      amountFen: Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0')),
    });
  });
  return { plan: problems.length ? null : { kind: 'instalments', instalments }, problems };
}

/** What is wrong with a plan for this fine (A11.2): dates, amounts, and that it adds up to the fine. */
export function planProblems(
  data: Record<string, unknown>,
  ctx: { fineFen: number; dueOn: string | null; today: string },
): MissingItem[] {
  const { plan, problems } = readPlan(data);
  const out = [...problems];
  const appliedOn = typeof data.planAppliedOn === 'string' ? data.planAppliedOn : null;
  if (appliedOn && appliedOn > ctx.today) {
    out.push(problem('申请日期不能晚于今天', 'The application cannot be dated in the future'));
  }
  if (plan?.kind === 'deferral') {
    if (ctx.dueOn && plan.dueOn <= ctx.dueOn) {
      out.push(
        problem(
          `延期缴纳的日期须晚于原缴款期限 ${ctx.dueOn}`,
          `The deferred date must be after the original due date ${ctx.dueOn}`,
        ),
      );
    }
    if (plan.dueOn <= ctx.today) {
      out.push(problem('延期缴纳的日期须晚于今天', 'The deferred date must be after today'));
    }
  }
  if (plan?.kind === 'instalments') {
    const { instalments: items } = plan;
    if (items.length < 2) {
      out.push(problem('分期缴纳至少分两期', 'Instalments need at least two payments'));
    }
    if (items.some((x) => x.amountFen <= 0)) {
      out.push(problem('每期金额须大于零', 'Each instalment must be more than zero'));
    }
    if (items.some((x, i) => i > 0 && x.dueOn <= items[i - 1]!.dueOn)) {
      out.push(problem('各期日期须依次推后', 'The instalment dates must follow one another'));
    }
    if (items[0] && items[0].dueOn < ctx.today) {
      out.push(problem('第一期日期不能早于今天', 'The first instalment cannot be before today'));
    }
    const sum = items.reduce((s, x) => s + x.amountFen, 0);
    if (sum !== ctx.fineFen) {
      out.push(
        problem(
          `各期金额合计 ${fenToYuan(sum)} 元，与罚款 ${fenToYuan(ctx.fineFen)} 元不一致`,
          `The instalments add up to ${fenToYuan(sum)} yuan, not the fine of ${fenToYuan(ctx.fineFen)} yuan`,
        ),
      );
    }
  }
  return out;
}

/** A bill number as written on the bill, without the spaces people type differently. */
export const normaliseReceipt = (s: string) => s.replace(/\s+/g, '').toUpperCase();
