import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  fenToYuan,
  fineAccount,
  planProblems,
  readPlan,
  yuanToFen,
  type FineAccountInput,
} from './cases.fine-account';

/** A fine of 1,000 yuan served on 2026-11-28, due 15 days later (2026-12-14, a Monday). */
const base: FineAccountInput = {
  fineFen: 100_000,
  servedOn: '2026-11-28',
  dueOn: '2026-12-14',
  plan: null,
  payments: [],
  today: '2026-12-01',
  percentPerDay: 3,
};
const account = (over: Partial<FineAccountInput>) => fineAccount({ ...base, ...over });

describe('the fine account', () => {
  it('A11.3 a fine paid in full by its due date owes no surcharge and is paid in full', () => {
    const a = account({ today: '2026-12-20', payments: [{ paidOn: '2026-12-14', amountFen: 100_000 }] });
    expect(a).toMatchObject({
      basis: 'due',
      paidFen: 100_000,
      principalBalanceFen: 0,
      surchargeFen: 0,
      balanceFen: 0,
      overdue: false,
      paidInFull: true,
    });
    expect(a.schedule).toEqual([
      {
        dueOn: '2026-12-14',
        amountFen: 100_000,
        paidFen: 100_000,
        balanceFen: 0,
        overdueDays: 0,
        surchargeFen: 0,
      },
    ]);
  });

  it('A11.3 the surcharge is 3 % a day capped at the fine: calendar days after the due date', () => {
    expect(account({ today: '2026-12-14' })).toMatchObject({ surchargeFen: 0, overdue: false });
    const twoDays = account({ today: '2026-12-16' });
    expect(twoDays).toMatchObject({ surchargeFen: 6_000, balanceFen: 106_000, overdue: true });
    expect(twoDays.schedule[0]?.overdueDays).toBe(2);
    // 33 days would be 99 %, 34 days 102 %: the surcharge stops at the fine.
    expect(account({ today: '2027-01-16' }).surchargeFen).toBe(99_000);
    expect(account({ today: '2027-01-17' })).toMatchObject({ surchargeFen: 100_000, balanceFen: 200_000 });
    expect(account({ today: '2028-01-01' }).surchargeFen).toBe(100_000);
  });

  it('A11.3 the surcharge runs on the unpaid part only, up to the day each part is paid', () => {
    const a = account({
      today: '2026-12-18',
      payments: [{ paidOn: '2026-12-16', amountFen: 50_000 }],
    });
    // 500 yuan two days late (30 yuan) and 500 yuan four days late so far (60 yuan).
    expect(a).toMatchObject({ paidFen: 50_000, principalBalanceFen: 50_000, surchargeFen: 9_000 });
    expect(a.balanceFen).toBe(59_000);
    // Once the fine is paid the surcharge stops growing; what is paid beyond the fine pays it.
    const settled = account({
      today: '2027-03-01',
      payments: [
        { paidOn: '2026-12-16', amountFen: 50_000 },
        { paidOn: '2026-12-18', amountFen: 50_000 },
      ],
    });
    expect(settled).toMatchObject({ principalBalanceFen: 0, surchargeFen: 9_000, balanceFen: 9_000 });
    expect(settled.paidInFull).toBe(false);
    const all = account({
      today: '2027-03-01',
      payments: [
        { paidOn: '2026-12-18', amountFen: 59_000 },
        { paidOn: '2026-12-16', amountFen: 50_000 },
      ],
    });
    expect(all).toMatchObject({ balanceFen: 0, paidInFull: true, overdue: false });
  });

  it('A11.2 an approved deferral replaces the 15-day due date', () => {
    const a = account({ today: '2027-01-10', plan: { kind: 'deferral', dueOn: '2027-01-31' } });
    expect(a).toMatchObject({ basis: 'deferral', surchargeFen: 0, overdue: false, balanceFen: 100_000 });
    expect(a.schedule.map((l) => l.dueOn)).toEqual(['2027-01-31']);
  });

  it('A11.2 A11.3 with instalments the surcharge is computed per overdue instalment, each capped at its amount', () => {
    const plan = {
      kind: 'instalments' as const,
      instalments: [
        { dueOn: '2026-12-31', amountFen: 100_000 },
        { dueOn: '2027-01-31', amountFen: 200_000 },
      ],
    };
    const early = account({ fineFen: 300_000, plan, today: '2027-01-05' });
    expect(early.schedule.map((l) => [l.overdueDays, l.surchargeFen])).toEqual([
      [5, 15_000],
      [0, 0],
    ]);
    expect(early).toMatchObject({ basis: 'instalments', surchargeFen: 15_000, overdue: true });
    // A payment pays the earliest instalment first.
    const paidFirst = account({
      fineFen: 300_000,
      plan,
      today: '2027-01-05',
      payments: [{ paidOn: '2026-12-30', amountFen: 100_000 }],
    });
    expect(paidFirst).toMatchObject({ surchargeFen: 0, overdue: false, balanceFen: 200_000 });
    const late = account({ fineFen: 300_000, plan, today: '2027-04-15' });
    expect(late.schedule.map((l) => l.surchargeFen)).toEqual([100_000, 200_000]);
    expect(late).toMatchObject({ surchargeFen: 300_000, balanceFen: 600_000 });
  });

  it('A11.3 before the decision is served nothing is due and nothing is overdue', () => {
    const a = account({ servedOn: null, dueOn: null, today: '2027-06-01' });
    expect(a).toMatchObject({
      basis: 'none',
      schedule: [],
      surchargeFen: 0,
      overdue: false,
      balanceFen: 100_000,
    });
  });

  it('amounts are integer fen, written back as yuan with two decimals', () => {
    expect(yuanToFen(1234.56)).toBe(123_456);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(fenToYuan(123_456)).toBe('1234.56');
    expect(fenToYuan(5)).toBe('0.05');
    expect(daysBetween('2026-12-31', '2027-01-02')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
  });
});

describe('the deferral / instalment plan (A11.2)', () => {
  const ctx = { fineFen: 300_000, dueOn: '2026-12-14', today: '2026-12-01' };
  const messages = (data: Record<string, unknown>) => planProblems(data, ctx).map((p) => p.message['zh-CN']);

  it('A11.2 instalments are read as “date amount” lines and must add up to the fine', () => {
    expect(readPlan({ instalments: ['2026-12-31 1000', '2027-01-31，2000.00元'] }).plan).toEqual({
      kind: 'instalments',
      instalments: [
        { dueOn: '2026-12-31', amountFen: 100_000 },
        { dueOn: '2027-01-31', amountFen: 200_000 },
      ],
    });
    expect(messages({ instalments: ['2026-12-31 1000', '2027-01-31 2000'] })).toEqual([]);
    expect(messages({ instalments: ['2026-12-31 1000', '2027-01-31 1999.5'] })).toEqual([
      '各期金额合计 2999.50 元，与罚款 3000.00 元不一致',
    ]);
    expect(messages({ instalments: ['2027-01-31 1000', '2026-12-31 2000'] })).toEqual(['各期日期须依次推后']);
    expect(messages({ instalments: ['下月 1000', '2027-01-31 2000'] })[0]).toContain('应写作“日期 金额”');
    expect(messages({ instalments: ['2026-12-31 3000'] })).toEqual(['分期缴纳至少分两期']);
  });

  it('A11.2 a deferral is later than the original due date; one of the two is given, not both', () => {
    expect(messages({ deferredTo: '2027-01-31' })).toEqual([]);
    expect(messages({ deferredTo: '2026-12-10' })).toEqual(['延期缴纳的日期须晚于原缴款期限 2026-12-14']);
    expect(messages({})).toEqual(['请写明延期缴纳的日期，或分期缴纳的各期日期和金额']);
    expect(messages({ deferredTo: '2027-01-31', instalments: ['2026-12-31 3000'] })).toEqual([
      '延期缴纳和分期缴纳只能选择一种',
    ]);
    expect(planProblems({ deferredTo: '2027-01-31' }, ctx)[0]).toBeUndefined();
    expect(messages({ deferredTo: '2027-01-31', planAppliedOn: '2026-12-02' })).toEqual([
      '申请日期不能晚于今天',
    ]);
  });
});
