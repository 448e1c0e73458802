import { sql } from 'kysely';
import { containsPattern } from '../../db/like';
import type { LedgerSubject } from '../../ledger/subjects';
import { userLedgerRow } from './org.presenter';
import { usersRepository } from './users.repository';

/** Units are recorded as their table row, exactly as written. */
const unitSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await ex
      .selectFrom('units')
      .select(['id', 'name'])
      .where(sql<string>`lower(name)`, 'like', containsPattern(q))
      .orderBy('name')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, label: r.name }));
  },
  async load(ex, ids) {
    const rows = ids.length ? await ex.selectFrom('units').selectAll().where('id', 'in', ids).execute() : [];
    return new Map(rows.map((r) => [r.id, r]));
  },
  async page(ex, after, limit) {
    let q = ex.selectFrom('units').selectAll().orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return (await q.execute()).map((row) => ({ id: row.id, row }));
  },
};

/** People are recorded without credentials and sign-in counters (see userLedgerRow). */
const userSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const { rows } = await usersRepository.list(
      ex,
      { q, page: 1, pageSize: limit, sort: 'name', order: 'asc' },
      { kind: 'all' },
    );
    return rows.map((r) => ({ id: r.id, label: `${r.name}（${r.username}）· ${r.unit_name}` }));
  },
  async load(ex, ids) {
    const rows = await usersRepository.findByIds(ex, ids);
    return new Map(rows.map((r) => [r.id, userLedgerRow(r)]));
  },
  async page(ex, after, limit) {
    const rows = await usersRepository.pageById(ex, after, limit);
    return rows.map((r) => ({ id: r.id, row: userLedgerRow(r) }));
  },
};

export const orgLedgerSubjects: [string, LedgerSubject][] = [
  ['unit', unitSubject],
  ['user', userSubject],
];
