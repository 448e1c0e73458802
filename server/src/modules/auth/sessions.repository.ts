import type { Role } from '@quancheng/contracts';
import type { Executor } from '../../db/database';
import type { SessionTable, UserTable } from '../../db/types';

export type SessionWithUser = SessionTable & {
  user: Pick<
    UserTable,
    | 'id'
    | 'username'
    | 'name'
    | 'unit_id'
    | 'active'
    | 'must_change_password'
    | 'password_changed_at'
    | 'cert_no'
    | 'cert_valid_from'
    | 'cert_valid_to'
  > & { unit_name: string; roles: Role[] };
};

export const sessionsRepository = {
  async insert(ex: Executor, row: SessionTable): Promise<void> {
    await ex.insertInto('sessions').values(row).execute();
  },

  /** The open session with this id and its user, in one round trip plus one for roles. */
  async findOpen(ex: Executor, id: string): Promise<SessionWithUser | undefined> {
    const row = await ex
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .selectAll('sessions')
      .select([
        'users.username',
        'users.name',
        'users.unit_id',
        'users.active',
        'users.must_change_password',
        'users.password_changed_at',
        'users.cert_no',
        'users.cert_valid_from',
        'users.cert_valid_to',
        'units.name as unit_name',
      ])
      .where('sessions.id', '=', id)
      .where('sessions.ended_at', 'is', null)
      .executeTakeFirst();
    if (!row) {
      return undefined;
    }
    const roles = await ex
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', row.user_id)
      .execute();
    const {
      username,
      name,
      unit_id,
      active,
      must_change_password,
      password_changed_at,
      unit_name,
      cert_no,
      cert_valid_from,
      cert_valid_to,
      ...session
    } = row;
    return {
      ...session,
      user: {
        id: row.user_id,
        username,
        name,
        unit_id,
        active,
        must_change_password,
        password_changed_at,
        cert_no,
        cert_valid_from,
        cert_valid_to,
        unit_name,
        roles: roles.map((r) => r.role as Role),
      },
    };
  },

  async touch(ex: Executor, id: string, at: string): Promise<void> {
    await ex.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  },

  async end(ex: Executor, id: string, at: string, reason: string): Promise<void> {
    await ex
      .updateTable('sessions')
      .set({ ended_at: at, ended_reason: reason })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  },

  async endAllForUser(
    ex: Executor,
    userId: string,
    at: string,
    reason: string,
    exceptId?: string,
  ): Promise<void> {
    let q = ex
      .updateTable('sessions')
      .set({ ended_at: at, ended_reason: reason })
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null);
    if (exceptId) {
      q = q.where('id', '!=', exceptId);
    }
    await q.execute();
  },
};
