import type { Executor, Trx } from '../../db/database';
import type { FormNumberTable, FormRangeTable } from '../../db/types';
import type { FormScope } from './forms.policy';

export type FormRangeRecord = FormRangeTable & { unit_name: string; holder_name: string | null };
export type FormNumberRecord = FormNumberTable & {
  recorded_by_name: string;
  case_label: string | null;
};

const rangeQuery = (ex: Executor) =>
  ex
    .selectFrom('form_ranges')
    .innerJoin('units', 'units.id', 'form_ranges.unit_id')
    .leftJoin('users as holder', 'holder.id', 'form_ranges.holder_id')
    .selectAll('form_ranges')
    .select(['units.name as unit_name', 'holder.name as holder_name']);

export const formsRepository = {
  findRange(ex: Executor, id: string): Promise<FormRangeRecord | undefined> {
    return rangeQuery(ex).where('form_ranges.id', '=', id).executeTakeFirst();
  },

  list(
    ex: Executor,
    scope: FormScope,
    q: { formType?: string; unitId?: string; holderId?: string },
  ): Promise<FormRangeRecord[]> {
    let query = rangeQuery(ex);
    if (scope.kind === 'unit') {
      query = query.where('form_ranges.unit_id', '=', scope.unitId);
    }
    if (q.formType) {
      query = query.where('form_ranges.form_type', '=', q.formType);
    }
    if (q.unitId) {
      query = query.where('form_ranges.unit_id', '=', q.unitId);
    }
    if (q.holderId) {
      query = query.where('form_ranges.holder_id', '=', q.holderId);
    }
    return query
      .orderBy('form_ranges.form_type')
      .orderBy('form_ranges.series')
      .orderBy('form_ranges.first_no')
      .execute();
  },

  /** Ranges of a form type whose number sets intersect [first, last] within one series. */
  overlapping(ex: Executor, formType: string, series: string, first: number, last: number) {
    return ex
      .selectFrom('form_ranges')
      .selectAll()
      .where('form_type', '=', formType)
      .where('series', '=', series)
      .where('first_no', '<=', last)
      .where('last_no', '>=', first)
      .execute();
  },

  /** Every range of a form type (the candidates a typed number may belong to). */
  ofType(ex: Executor, formType: string): Promise<FormRangeTable[]> {
    return ex.selectFrom('form_ranges').selectAll().where('form_type', '=', formType).execute();
  },

  /** The numbers accounted for in these ranges, in number order. */
  async numbers(ex: Executor, rangeIds: readonly string[]): Promise<FormNumberRecord[]> {
    if (rangeIds.length === 0) {
      return [];
    }
    return ex
      .selectFrom('form_numbers')
      .innerJoin('users', 'users.id', 'form_numbers.recorded_by')
      .leftJoin('cases', 'cases.id', 'form_numbers.case_id')
      .selectAll('form_numbers')
      .select(['users.name as recorded_by_name', 'cases.reg_number as case_label'])
      .where('form_numbers.range_id', 'in', rangeIds)
      .orderBy('form_numbers.range_id')
      .orderBy('form_numbers.number')
      .execute();
  },

  async insertRange(trx: Trx, row: FormRangeTable): Promise<void> {
    await trx.insertInto('form_ranges').values(row).execute();
  },

  async insertNumber(trx: Trx, row: FormNumberTable): Promise<void> {
    await trx.insertInto('form_numbers').values(row).execute();
  },
};
