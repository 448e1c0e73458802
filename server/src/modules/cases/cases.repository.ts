import type { CaseListQuery } from '@quancheng/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsPattern } from '../../db/like';

/** A case or registration number as numbers are formatted: a prefix, 〔year〕, 第n号. */
const FULL_NUMBER = /^\S+〔\d{4}〕第\d+号$/u;
import type { CaseEventTable, CaseOfficerTable, CaseTable, DeadlineTable } from '../../db/types';
import type { CaseScope } from './cases.policy';

/** A case with the names a reader needs. */
export type CaseRecord = CaseTable & { unit_name: string; lead_officer_name: string };

/** Counting stops here: "10,000+" is as useful to a reader as the exact figure, and far cheaper. */
export const COUNT_CAP = 10_000;

const SORT = {
  updatedAt: 'cases.updated_at',
  receivedOn: 'cases.received_on',
  nextDueOn: 'cases.next_due_on',
} as const;

function baseSelect(ex: Executor) {
  return ex
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .innerJoin('users as lead', 'lead.id', 'cases.lead_officer_id')
    .selectAll('cases')
    .select(['units.name as unit_name', 'lead.name as lead_officer_name']);
}

/** The due-date window of a deadline light, given today and the first day that is still green. */
export interface LightWindow {
  today: string;
  /** Due on or after this day (and not overdue) is green; before it (from today) is yellow. */
  greenFrom: string;
}

export const casesRepository = {
  findById(ex: Executor, id: string): Promise<CaseRecord | undefined> {
    return baseSelect(ex).where('cases.id', '=', id).executeTakeFirst();
  },

  /**
   * One page of cases with the total counted up to COUNT_CAP. The unit scope ("my unit's cases
   * OR those I am an officer of") runs as two index-friendly branches — the unit's cases, the
   * person's cases — each ordered and cut to the page's end, merged by UNION: an OR across them
   * would walk the whole sort index. bench/cases.ts measures every filter at 1 M cases.
   */
  async list(ex: Executor, query: CaseListQuery, scope: CaseScope, window: LightWindow) {
    const cases = ex.selectFrom('cases');
    type CasesQuery = typeof cases;
    const casesOf = (userId: string) =>
      ex
        .selectFrom('case_officers')
        .select('case_officers.case_id')
        .where('case_officers.user_id', '=', userId);
    const filtered = (q: CasesQuery): CasesQuery => {
      if (query.unitId) {
        q = q.where('cases.unit_id', '=', query.unitId);
      }
      if (query.kind) {
        q = q.where('cases.kind', '=', query.kind);
      }
      if (query.stage) {
        q = q.where('cases.stage', '=', query.stage);
      }
      if (query.status) {
        q = q.where('cases.status', '=', query.status);
      }
      if (query.officerId) {
        // IN, not a correlated EXISTS: SQLite then starts from the officer's few cases.
        q = q.where('cases.id', 'in', casesOf(query.officerId));
      }
      if (query.light) {
        // Lights by due date: red = due before today; yellow = due from today up to the first green
        // day (the window comes from the working-day calendar); green = due on or after it.
        q = q.where('cases.status', '=', 'open');
        q =
          query.light === 'red'
            ? q.where('cases.next_due_on', '<', window.today)
            : query.light === 'yellow'
              ? q
                  .where('cases.next_due_on', '>=', window.today)
                  .where('cases.next_due_on', '<', window.greenFrom)
              : q.where('cases.next_due_on', '>=', window.greenFrom);
      }
      if (query.q && FULL_NUMBER.test(query.q.trim())) {
        // A whole case or registration number (…〔2026〕第12号) names one case: the unique
        // indexes find it at once, where a contains-search would read every row.
        const exact = query.q.trim();
        q = q.where((eb) => eb.or([eb('cases.number', '=', exact), eb('cases.reg_number', '=', exact)]));
      } else if (query.q) {
        // On PostgreSQL a trigram index serves these four expressions (see the cases migration).
        const like = containsPattern(query.q);
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(coalesce(cases.number, ''))`, 'like', like),
            eb(sql`lower(cases.reg_number)`, 'like', like),
            eb(sql`lower(coalesce(cases.party_name, ''))`, 'like', like),
            eb(sql`lower(cases.cause)`, 'like', like),
          ]),
        );
      }
      return q;
    };
    const branches =
      scope.kind === 'unit'
        ? [
            filtered(cases.where('cases.unit_id', '=', scope.unitId)),
            filtered(cases.where('cases.id', 'in', casesOf(scope.userId))),
          ]
        : [filtered(cases)];
    const sort = SORT[query.sort];
    const offset = (query.page - 1) * query.pageSize;
    const [first, second] = branches;
    let counting;
    let paging;
    if (!second) {
      counting = ex.selectFrom(
        first!
          .select(sql<number>`1`.as('one'))
          .limit(COUNT_CAP + 1)
          .as('capped'),
      );
      paging = first!
        .select('cases.id')
        .orderBy(sort, query.order)
        .orderBy('cases.id', query.order)
        .limit(query.pageSize)
        .offset(offset);
    } else {
      // Each branch capped: if either reaches the cap so does their union; else the union is exact.
      const capped = (b: CasesQuery) =>
        ex
          .selectFrom(
            b
              .select('cases.id')
              .limit(COUNT_CAP + 1)
              .as('c'),
          )
          .select('c.id');
      counting = ex.selectFrom(capped(first!).union(capped(second)).as('capped'));
      const head = (b: CasesQuery) =>
        ex
          .selectFrom(
            b
              .select(['cases.id', `${sort} as s`])
              .orderBy(sort, query.order)
              .orderBy('cases.id', query.order)
              .limit(offset + query.pageSize)
              .as('h'),
          )
          .select(['h.id', 'h.s']);
      paging = ex
        .selectFrom(head(first!).union(head(second)).as('u'))
        .select('u.id')
        .orderBy('u.s', query.order)
        .orderBy('u.id', query.order)
        .limit(query.pageSize)
        .offset(offset);
    }
    const [counted, ids] = await Promise.all([
      counting.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      paging.execute(),
    ]);
    const rows = ids.length
      ? await baseSelect(ex)
          .where(
            'cases.id',
            'in',
            ids.map((r) => r.id),
          )
          .execute()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const n = Number(counted.n);
    return {
      rows: ids.map((r) => byId.get(r.id)).filter((r): r is CaseRecord => r !== undefined),
      total: Math.min(n, COUNT_CAP),
      totalExact: n <= COUNT_CAP,
    };
  },

  async insert(ex: Executor, row: CaseTable): Promise<void> {
    await ex.insertInto('cases').values(row).execute();
  },

  async update(ex: Executor, id: string, patch: Partial<Omit<CaseTable, 'id'>>): Promise<void> {
    await ex.updateTable('cases').set(patch).where('id', '=', id).execute();
  },

  async insertOfficers(ex: Executor, rows: CaseOfficerTable[]): Promise<void> {
    await ex.insertInto('case_officers').values(rows).execute();
  },

  officers(ex: Executor, caseIds: readonly string[]) {
    return caseIds.length
      ? ex
          .selectFrom('case_officers')
          .innerJoin('users', 'users.id', 'case_officers.user_id')
          .selectAll('case_officers')
          .select('users.name')
          .where('case_officers.case_id', 'in', caseIds)
          .orderBy('case_officers.case_id')
          .orderBy('case_officers.position', 'desc')
          .orderBy('users.name')
          .execute()
      : Promise.resolve([]);
  },

  async insertEvent(ex: Executor, row: CaseEventTable): Promise<void> {
    await ex.insertInto('case_events').values(row).execute();
  },

  events(ex: Executor, caseId: string) {
    return ex
      .selectFrom('case_events')
      .innerJoin('users', 'users.id', 'case_events.actor_id')
      .selectAll('case_events')
      .select('users.name as actor_name')
      .where('case_events.case_id', '=', caseId)
      .orderBy('case_events.ledger_seq')
      .execute();
  },

  deadlines(ex: Executor, caseIds: readonly string[]): Promise<DeadlineTable[]> {
    return caseIds.length
      ? ex
          .selectFrom('deadlines')
          .selectAll()
          .where('case_id', 'in', caseIds)
          .orderBy('case_id')
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      : Promise.resolve([]);
  },

  async insertDeadline(ex: Executor, row: DeadlineTable): Promise<void> {
    await ex.insertInto('deadlines').values(row).execute();
  },

  async updateDeadline(ex: Executor, id: string, patch: Partial<Omit<DeadlineTable, 'id'>>): Promise<void> {
    await ex.updateTable('deadlines').set(patch).where('id', '=', id).execute();
  },

  /** Every case in id order, a page at a time (for `verify`). */
  async pageById(ex: Executor, after: string | null, limit: number): Promise<CaseTable[]> {
    let q = ex.selectFrom('cases').selectAll().orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return q.execute();
  },

  async findRowsByIds(ex: Executor, ids: readonly string[]): Promise<CaseTable[]> {
    return ids.length ? ex.selectFrom('cases').selectAll().where('id', 'in', ids).execute() : [];
  },
};
