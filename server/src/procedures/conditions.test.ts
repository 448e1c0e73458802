import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCondition, olderThan, periodEnd } from './conditions';
import type { Condition } from './definition';
import type { CaseFacts } from './facts';
import { getProcedure } from './registry';
import { factsOf } from './test-fixtures';

const penalty = getProcedure('penalty', 1)!;
const beyond = (violationEndedOn: string | null, receivedOn: string) =>
  evaluateCondition(
    { ref: 'beyondLimitation' },
    { def: penalty, facts: factsOf({ case: { violationEndedOn, receivedOn } }) },
  );

describe('conditions', () => {
  it('A6.2 exactly 2 years after the violation ended is still within the limitation; one day more is beyond', () => {
    expect(beyond('2022-03-10', '2024-03-09')).toBe(false);
    expect(beyond('2022-03-10', '2024-03-10')).toBe(false);
    expect(beyond('2022-03-10', '2024-03-11')).toBe(true);
  });

  it('A6.2 a violation that ended on 29 February has its 2 years end on 28 February', () => {
    expect(periodEnd('2020-02-29', { years: 2 })).toBe('2022-02-28');
    expect(beyond('2020-02-29', '2022-02-28')).toBe(false);
    expect(beyond('2020-02-29', '2022-03-01')).toBe(true);
    expect(periodEnd('2024-01-31', { months: 1 })).toBe('2024-02-29');
  });

  it('A6.2 an ongoing (or unknown) end date, or a malformed date, is never beyond the limitation', () => {
    expect(beyond(null, '2030-01-01')).toBe(false);
    expect(beyond('2022-02-30', '2030-01-01')).toBe(false);
    expect(beyond('2022-03-10', 'soon')).toBe(false);
  });

  it('A6.2 olderThan agrees with date arithmetic on random dates', () => {
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: -3, max: 3 }), (d, delta) => {
        const from = d.toISOString().slice(0, 10);
        const end = new Date(Date.UTC(d.getUTCFullYear() + 2, d.getUTCMonth(), d.getUTCDate()));
        if (end.getUTCDate() !== d.getUTCDate()) {
          end.setUTCDate(0); // 29 Feb → 28 Feb
        }
        const to = new Date(end.getTime() + delta * 86_400_000).toISOString().slice(0, 10);
        expect(olderThan(from, { years: 2 }, to)).toBe(delta > 0);
      }),
      { numRuns: 300 },
    );
  });

  describe('A8.3 hearing eligibility', () => {
    const eligible = (facts: CaseFacts, params = penalty.params) =>
      evaluateCondition({ ref: 'hearingEligible' }, { def: { ...penalty, params }, facts });
    const fine = (kind: 'person' | 'organisation', fineAmount: number) =>
      factsOf({ party: { kind }, data: { penaltyType: '罚款', fineAmount } });

    it('A8.3 an order to stop production or business, or a licence revocation, is always eligible', () => {
      expect(eligible(factsOf({ data: { penaltyType: '责令停产停业' } }))).toBe(true);
      expect(eligible(factsOf({ data: { penaltyType: ['警告', '吊销许可证'] } }))).toBe(true);
      expect(eligible(factsOf({ data: { penaltyType: '警告' } }))).toBe(false);
    });

    it('A8.3 a large fine is eligible from the threshold on (inclusive), per party kind', () => {
      expect(eligible(fine('person', 4999))).toBe(false);
      expect(eligible(fine('person', 5000))).toBe(true);
      expect(eligible(fine('organisation', 49_999))).toBe(false);
      expect(eligible(fine('organisation', 50_000))).toBe(true);
      expect(eligible(factsOf({ party: { kind: null }, data: { fineAmount: 1e9 } }))).toBe(false);
    });

    it('A8.3 the thresholds come from the params: a bureau changes them without code', () => {
      const params = { ...penalty.params, hearingFinePerson: 2000, hearingFineOrganisation: 20_000 };
      expect(eligible(fine('person', 2000), params)).toBe(true);
      expect(eligible(fine('organisation', 20_000), params)).toBe(true);
      expect(eligible(fine('organisation', 19_999), params)).toBe(false);
    });

    it('A8.3 a hearing the law requires otherwise is eligible', () => {
      expect(eligible(factsOf({ data: { hearingRequiredByLaw: true } }))).toBe(true);
    });
  });

  it('absent facts fail positive tests and pass negative ones', () => {
    const facts = factsOf({ data: {} });
    const check = (c: Condition) => evaluateCondition(c, { def: penalty, facts });
    expect(check({ field: 'data.x', op: 'eq', value: 1 })).toBe(false);
    expect(check({ field: 'data.x', op: 'ne', value: 1 })).toBe(true);
    expect(check({ field: 'data.x', op: 'in', value: [1] })).toBe(false);
    expect(check({ field: 'data.x', op: 'gte', value: 0 })).toBe(false);
    expect(check({ field: 'data.x', op: 'absent' })).toBe(true);
    expect(check({ field: 'data.x', op: 'present' })).toBe(false);
    expect(check({ field: 'case.source', op: 'present' })).toBe(true);
    expect(check({ field: 'data.constructor', op: 'present' })).toBe(false);
    expect(check({ field: 'case.receivedOn', op: 'olderThan', period: { days: 1 } })).toBe(false);
    expect(
      evaluateCondition(
        { field: 'case.receivedOn', op: 'olderThan', period: { days: 1 } },
        { def: penalty, facts, today: '2025-03-12' },
      ),
    ).toBe(true);
  });
});
