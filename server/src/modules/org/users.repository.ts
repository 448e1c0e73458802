import { ROLES, type Role, type UserListQuery } from '@quancheng/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsPattern } from '../../db/like';
import type { UserTable } from '../../db/types';

/** A user row with the facts every reader needs: the unit's name and the roles held. */
export type UserRecord = UserTable & { unit_name: string; roles: Role[] };

/** Which users a list may show: all, or those of one unit. */
export type UserScope = { kind: 'all' } | { kind: 'unit'; unitId: string };

const SORT_COLUMNS = {
  name: 'users.name',
  username: 'users.username',
  createdAt: 'users.created_at',
  certValidTo: 'users.cert_valid_to',
} as const;

function baseSelect(ex: Executor) {
  return ex
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select('units.name as unit_name');
}

async function attachRoles(ex: Executor, rows: (UserTable & { unit_name: string })[]): Promise<UserRecord[]> {
  if (rows.length === 0) {
    return [];
  }
  const roleRows = await ex
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byUser = new Map<string, Role[]>();
  for (const { user_id, role } of roleRows) {
    const list = byUser.get(user_id) ?? [];
    list.push(role as Role);
    byUser.set(user_id, list);
  }
  return rows.map((row) => ({
    ...row,
    roles: ROLES.filter((r) => byUser.get(row.id)?.includes(r)),
  }));
}

export const usersRepository = {
  async findById(ex: Executor, id: string): Promise<UserRecord | undefined> {
    const row = await baseSelect(ex).where('users.id', '=', id).executeTakeFirst();
    return row && (await attachRoles(ex, [row]))[0];
  },

  async findByIds(ex: Executor, ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await baseSelect(ex).where('users.id', 'in', ids).execute();
    return attachRoles(ex, rows);
  },

  /** Everyone in id order, a page at a time (for `verify`). */
  async pageById(ex: Executor, after: string | null, limit: number): Promise<UserRecord[]> {
    let q = baseSelect(ex).orderBy('users.id').limit(limit);
    if (after !== null) {
      q = q.where('users.id', '>', after);
    }
    return attachRoles(ex, await q.execute());
  },

  async findByUsername(ex: Executor, username: string): Promise<UserRecord | undefined> {
    const row = await baseSelect(ex)
      .where(sql<string>`lower(users.username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row && (await attachRoles(ex, [row]))[0];
  },

  async count(ex: Executor): Promise<number> {
    const row = await ex
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async list(
    ex: Executor,
    query: UserListQuery,
    scope: UserScope,
  ): Promise<{ rows: UserRecord[]; total: number }> {
    let q = ex.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id');
    if (scope.kind === 'unit') {
      q = q.where('users.unit_id', '=', scope.unitId);
    }
    if (query.unitId) {
      q = q.where('users.unit_id', '=', query.unitId);
    }
    if (query.active) {
      q = q.where('users.active', '=', query.active === 'true' ? 1 : 0);
    }
    if (query.role) {
      const role = query.role;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_roles')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', '=', role)
            .select('user_roles.user_id'),
        ),
      );
    }
    if (query.q) {
      const like = containsPattern(query.q);
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(users.name)`, 'like', like),
          eb(sql`lower(users.username)`, 'like', like),
          eb(sql`lower(coalesce(users.cert_no, ''))`, 'like', like),
        ]),
      );
    }
    const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('users')
      .select('units.name as unit_name')
      .orderBy(SORT_COLUMNS[query.sort], query.order)
      .orderBy('users.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { rows: await attachRoles(ex, rows), total: Number(totalRow.n) };
  },

  async insert(ex: Executor, row: UserTable, roles: readonly Role[]): Promise<void> {
    await ex.insertInto('users').values(row).execute();
    await this.setRoles(ex, row.id, roles);
  },

  async update(ex: Executor, id: string, patch: Partial<Omit<UserTable, 'id'>>): Promise<void> {
    await ex.updateTable('users').set(patch).where('id', '=', id).execute();
  },

  async setRoles(ex: Executor, userId: string, roles: readonly Role[]): Promise<void> {
    await ex.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    const unique = [...new Set(roles)];
    if (unique.length > 0) {
      await ex
        .insertInto('user_roles')
        .values(unique.map((role) => ({ user_id: userId, role })))
        .execute();
    }
  },

  /** Active holders of a role, optionally not counting one person. */
  async countActiveWithRole(ex: Executor, role: Role, exceptUserId?: string): Promise<number> {
    let q = ex
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .where('user_roles.role', '=', role)
      .where('users.active', '=', 1);
    if (exceptUserId) {
      q = q.where('users.id', '!=', exceptUserId);
    }
    const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
