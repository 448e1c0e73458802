import type { ApprovalListQuery, DeadlineListQuery } from '@quancheng/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { ApprovalDecisionTable, ApprovalRequestTable, DeadlineTable } from '../../db/types';
import type { Actor } from '../../security/actor';
import type { CaseScope } from './cases.policy';
import type { LightWindow } from './cases.repository';

export type ApprovalRecord = ApprovalRequestTable & {
  proposed_by_name: string;
  decisions: (ApprovalDecisionTable & { actor_name: string })[];
};

async function withDecisions(
  ex: Executor,
  requests: (ApprovalRequestTable & { proposed_by_name: string })[],
): Promise<ApprovalRecord[]> {
  if (requests.length === 0) {
    return [];
  }
  const decisions = await ex
    .selectFrom('approval_decisions')
    .innerJoin('users', 'users.id', 'approval_decisions.actor_id')
    .selectAll('approval_decisions')
    .select('users.name as actor_name')
    .where(
      'approval_decisions.request_id',
      'in',
      requests.map((r) => r.id),
    )
    .orderBy('approval_decisions.position')
    .execute();
  return requests.map((r) => ({ ...r, decisions: decisions.filter((d) => d.request_id === r.id) }));
}

function requestSelect(ex: Executor) {
  return ex
    .selectFrom('approval_requests')
    .innerJoin('users as proposer', 'proposer.id', 'approval_requests.proposed_by')
    .selectAll('approval_requests')
    .select('proposer.name as proposed_by_name');
}

export const approvalsRepository = {
  async insert(ex: Executor, row: ApprovalRequestTable): Promise<void> {
    await ex.insertInto('approval_requests').values(row).execute();
  },

  findById(ex: Executor, id: string): Promise<ApprovalRequestTable | undefined> {
    return ex.selectFrom('approval_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async update(ex: Executor, id: string, patch: Partial<Omit<ApprovalRequestTable, 'id'>>): Promise<void> {
    await ex.updateTable('approval_requests').set(patch).where('id', '=', id).execute();
  },

  async insertDecision(ex: Executor, row: ApprovalDecisionTable): Promise<void> {
    await ex.insertInto('approval_decisions').values(row).execute();
  },

  async forCase(ex: Executor, caseId: string): Promise<ApprovalRecord[]> {
    const rows = await requestSelect(ex)
      .where('approval_requests.case_id', '=', caseId)
      .orderBy('approval_requests.proposed_at')
      .execute();
    return withDecisions(ex, rows);
  },

  /**
   * `inbox`: pending requests whose next role is one of mine (a unit head's: their unit's only);
   * `mine`: those I proposed; `all`: every request on a case I may see.
   */
  async list(ex: Executor, actor: Actor, query: ApprovalListQuery, scope: CaseScope) {
    let q = ex.selectFrom('approval_requests');
    if (query.box === 'inbox') {
      const roles = actor.roles.filter((r) => r !== 'unit_head');
      q = q
        .where('approval_requests.state', '=', 'pending')
        .where((eb) =>
          eb.or([
            ...(roles.length ? [eb('approval_requests.next_role', 'in', roles)] : []),
            ...(actor.roles.includes('unit_head')
              ? [
                  eb.and([
                    eb('approval_requests.next_role', '=', 'unit_head'),
                    eb('approval_requests.unit_id', '=', actor.unitId),
                  ]),
                ]
              : []),
            sql<boolean>`1 = 0`,
          ]),
        );
      // Nobody approves their own proposal: it is not in their inbox either.
      q = q.where('approval_requests.proposed_by', '!=', actor.id);
    } else if (query.box === 'mine') {
      q = q.where('approval_requests.proposed_by', '=', actor.id);
    }
    if (scope.kind === 'unit' && query.box !== 'inbox') {
      const { unitId, userId } = scope;
      q = q.where((eb) =>
        eb.or([
          eb('approval_requests.unit_id', '=', unitId),
          eb(
            'approval_requests.case_id',
            'in',
            eb
              .selectFrom('case_officers')
              .select('case_officers.case_id')
              .where('case_officers.user_id', '=', userId),
          ),
        ]),
      );
    }
    if (query.state) {
      q = q.where('approval_requests.state', '=', query.state);
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ids = await q
      .select('approval_requests.id')
      .orderBy('approval_requests.proposed_at', 'desc')
      .orderBy('approval_requests.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const rows = ids.length
      ? await requestSelect(ex)
          .where(
            'approval_requests.id',
            'in',
            ids.map((r) => r.id),
          )
          .execute()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      rows: await withDecisions(
        ex,
        ids.flatMap((r) => {
          const row = byId.get(r.id);
          return row ? [row] : [];
        }),
      ),
      total: Number(total.n),
    };
  },

  /** Open deadlines of the cases I am an officer of, or (unit heads) of my unit's cases. */
  async deadlinesFor(ex: Executor, actor: Actor, query: DeadlineListQuery, window: LightWindow) {
    let q = ex
      .selectFrom('deadlines')
      .innerJoin('cases', 'cases.id', 'deadlines.case_id')
      .where('deadlines.status', '=', 'open')
      .where((eb) =>
        eb.or([
          eb(
            'deadlines.case_id',
            'in',
            eb
              .selectFrom('case_officers')
              .select('case_officers.case_id')
              .where('case_officers.user_id', '=', actor.id),
          ),
          ...(actor.roles.includes('unit_head') ? [eb('cases.unit_id', '=', actor.unitId)] : []),
        ]),
      );
    if (query.light === 'red') {
      q = q.where('deadlines.due_on', '<', window.today);
    } else if (query.light === 'yellow') {
      q = q.where('deadlines.due_on', '>=', window.today).where('deadlines.due_on', '<', window.greenFrom);
    } else if (query.light === 'green') {
      q = q.where('deadlines.due_on', '>=', window.greenFrom);
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows: (DeadlineTable & { reg_number: string; number: string | null })[] = await q
      .selectAll('deadlines')
      .select(['cases.reg_number', 'cases.number'])
      .orderBy('deadlines.due_on')
      .orderBy('deadlines.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { rows, total: Number(total.n) };
  },
};
