import type {
  ResetPasswordInput,
  UserCreateInput,
  UserDto,
  UserList,
  UserListQuery,
  UserUpdateInput,
} from '@quancheng/contracts';
import type { Executor, Trx } from '../../db/database';
import type { UserTable } from '../../db/types';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { assertPasswordPolicy, hashPassword } from '../../security/passwords';
import type { ServiceDeps } from '../../services';
import { shanghaiDay } from '../../time';
import { isCertifiedOn } from './certification';
import { orgPolicy } from './org.policy';
import { presentUser, userLedgerRow } from './org.presenter';
import { unitsRepository } from './units.repository';
import { usersRepository, type UserRecord } from './users.repository';
import { newId } from '../../db/ids';

type CertFields = Pick<UserTable, 'cert_no' | 'cert_valid_from' | 'cert_valid_to'>;

/** A certificate number needs both validity dates, and the period must not end before it starts. */
function assertCertificate(cert: CertFields): void {
  if (cert.cert_no && (!cert.cert_valid_from || !cert.cert_valid_to)) {
    throw invalidField(cert.cert_valid_from ? 'certValidTo' : 'certValidFrom', 'v.cert_incomplete');
  }
  if (cert.cert_valid_from && cert.cert_valid_to && cert.cert_valid_from > cert.cert_valid_to) {
    throw invalidField('certValidTo', 'v.cert_dates');
  }
}

async function assertUnitActive(ex: Executor, unitId: string): Promise<void> {
  const unit = await unitsRepository.findById(ex, unitId);
  if (!unit || unit.active !== 1) {
    throw invalidField('unitId', 'org.unit_missing');
  }
}

export function createUsersService({ db, ledger, now, write }: ServiceDeps) {
  const present = (actor: Actor, row: UserRecord) => {
    const at = now();
    return presentUser(actor, row, shanghaiDay(at), at);
  };

  /** Loads a user the actor may see, or answers "not found" as if it did not exist. */
  async function visibleUser(ex: Executor, actor: Actor, id: string): Promise<UserRecord> {
    const user = await usersRepository.findById(ex, id);
    if (!user || !orgPolicy.readUser(actor, user)) {
      throw notFound();
    }
    return user;
  }

  async function writeAndRecord(
    trx: Trx,
    actor: Actor,
    id: string,
    action: string,
    detail?: object,
  ): Promise<UserRecord> {
    const written = await usersRepository.findById(trx, id);
    if (!written) {
      throw notFound();
    }
    await ledger.append(trx, {
      actorId: actor.id,
      action,
      subject: { type: 'user', id },
      row: userLedgerRow(written),
      ...(detail ? { detail } : {}),
    });
    return written;
  }

  return {
    async list(actor: Actor, query: UserListQuery): Promise<UserList> {
      const scope = orgPolicy.userScope(actor);
      if (!scope) {
        throw forbidden();
      }
      const { rows, total } = await usersRepository.list(db, query, scope);
      return {
        items: rows.map((r) => present(actor, r)),
        total,
        page: query.page,
        pageSize: query.pageSize,
        abilities: { create: orgPolicy.manageUsers(actor) },
      };
    },

    async get(actor: Actor, id: string): Promise<UserDto> {
      return present(actor, await visibleUser(db, actor, id));
    },

    async create(actor: Actor, input: UserCreateInput): Promise<UserDto> {
      if (!orgPolicy.manageUsers(actor)) {
        throw forbidden();
      }
      const cert = {
        cert_no: input.certNo ?? null,
        cert_valid_from: input.certValidFrom ?? null,
        cert_valid_to: input.certValidTo ?? null,
      };
      assertCertificate(cert);
      assertPasswordPolicy('password', input.password, input.username);
      const passwordHash = await hashPassword(input.password);
      const row = await write(async (trx) => {
        await assertUnitActive(trx, input.unitId);
        if (await usersRepository.findByUsername(trx, input.username)) {
          throw conflict('conflict.username_taken', { username: input.username }, 'username');
        }
        const at = now().toISOString();
        const user: UserTable = {
          id: newId(),
          username: input.username,
          name: input.name,
          ...cert,
          phone: input.phone ?? null,
          unit_id: input.unitId,
          active: 1,
          password_hash: passwordHash,
          // Whoever set this password is not its owner: it must be changed at first sign-in.
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          password_changed_at: at,
          created_at: at,
          updated_at: at,
        };
        await usersRepository.insert(trx, user, input.roles);
        return writeAndRecord(trx, actor, user.id, 'user.created');
      });
      return present(actor, row);
    },

    async update(actor: Actor, id: string, input: UserUpdateInput): Promise<UserDto> {
      const row = await write(async (trx) => {
        const current = await visibleUser(trx, actor, id);
        if (!orgPolicy.manageUsers(actor)) {
          throw forbidden();
        }
        const patch: Partial<UserTable> = {};
        if (input.name !== undefined) {
          patch.name = input.name;
        }
        if (input.phone !== undefined) {
          patch.phone = input.phone;
        }
        if (input.certNo !== undefined) {
          patch.cert_no = input.certNo;
        }
        if (input.certValidFrom !== undefined) {
          patch.cert_valid_from = input.certValidFrom;
        }
        if (input.certValidTo !== undefined) {
          patch.cert_valid_to = input.certValidTo;
        }
        assertCertificate({ ...current, ...patch });
        if (input.unitId !== undefined && input.unitId !== current.unit_id) {
          await assertUnitActive(trx, input.unitId);
          patch.unit_id = input.unitId;
        }
        if (input.active !== undefined) {
          if (!input.active && id === actor.id) {
            throw new AppError(409, 'org.cannot_disable_self');
          }
          patch.active = input.active ? 1 : 0;
        }
        const losesAdmin =
          current.roles.includes('it_admin') &&
          current.active === 1 &&
          (input.active === false || (input.roles !== undefined && !input.roles.includes('it_admin')));
        if (losesAdmin && (await usersRepository.countActiveWithRole(trx, 'it_admin', id)) === 0) {
          throw new AppError(409, 'org.last_admin');
        }
        patch.updated_at = now().toISOString();
        await usersRepository.update(trx, id, patch);
        if (input.roles !== undefined) {
          await usersRepository.setRoles(trx, id, input.roles);
        }
        const action =
          input.active === false && current.active === 1
            ? 'user.disabled'
            : input.active === true && current.active === 0
              ? 'user.enabled'
              : 'user.updated';
        return writeAndRecord(trx, actor, id, action, { changed: Object.keys(input) });
      });
      return present(actor, row);
    },

    async resetPassword(actor: Actor, id: string, input: ResetPasswordInput): Promise<UserDto> {
      const target = await visibleUser(db, actor, id);
      if (!orgPolicy.userAbilities(actor, target).resetPassword) {
        throw forbidden();
      }
      assertPasswordPolicy('password', input.password, target.username);
      const passwordHash = await hashPassword(input.password);
      const row = await write(async (trx) => {
        const at = now().toISOString();
        // A new password_changed_at ends every session opened before it.
        await usersRepository.update(trx, id, {
          password_hash: passwordHash,
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          password_changed_at: at,
          updated_at: at,
        });
        return writeAndRecord(trx, actor, id, 'user.password_reset');
      });
      return present(actor, row);
    },

    async unlock(actor: Actor, id: string): Promise<UserDto> {
      const target = await visibleUser(db, actor, id);
      if (!orgPolicy.userAbilities(actor, target).unlock) {
        throw forbidden();
      }
      const row = await write(async (trx) => {
        await usersRepository.update(trx, id, { failed_logins: 0, locked_until: null });
        return writeAndRecord(trx, actor, id, 'user.unlocked');
      });
      return present(actor, row);
    },

    /**
     * Whether a person may be made a case officer on `day` (A3.1). Later modules call this when
     * assigning officers; an unknown id is simply not certified.
     */
    async isCertifiedOn(userId: string, day: string, ex: Executor = db): Promise<boolean> {
      const user = await usersRepository.findById(ex, userId);
      return !!user && isCertifiedOn(user, day);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
