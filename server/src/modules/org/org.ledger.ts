import type { Executor } from '../../db/database';
import type { LedgerSubject } from '../../ledger/subjects';
import { userLedgerRow } from './org.presenter';
import { usersRepository } from './users.repository';

function pagedIds(table: 'users' | 'units') {
  return async (ex: Executor, after: string | null, limit: number) => {
    let q = ex.selectFrom(table).select('id').orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return (await q.execute()).map((r) => r.id);
  };
}

/** Units are recorded as their table row, exactly as written. */
const unitSubject: LedgerSubject = {
  async load(ex, ids) {
    const rows = ids.length ? await ex.selectFrom('units').selectAll().where('id', 'in', ids).execute() : [];
    return new Map(rows.map((r) => [r.id, r]));
  },
  ids: pagedIds('units'),
};

/** People are recorded without credentials and sign-in counters (see userLedgerRow). */
const userSubject: LedgerSubject = {
  async load(ex, ids) {
    const rows = await usersRepository.findByIds(ex, ids);
    return new Map(rows.map((r) => [r.id, userLedgerRow(r)]));
  },
  ids: pagedIds('users'),
};

export const orgLedgerSubjects: [string, LedgerSubject][] = [
  ['unit', unitSubject],
  ['user', userSubject],
];
