import { randomBytes } from 'node:crypto';
import { passwordProblems, type Role } from '@quancheng/contracts';
import type { Trx } from './db/database';
import type { UnitTable } from './db/types';
import { unitsRepository, userLedgerRow, usersRepository } from './modules/org';
import { hashPassword } from './security/passwords';
import type { ServiceDeps } from './services';
import { newId } from './db/ids';

export const FIRST_ADMIN_USERNAME = 'admin';
export const FIRST_UNIT_NAME = '信息中心';

/** A random password that satisfies the policy: 16 characters over four classes. */
export function generatePassword(): string {
  for (;;) {
    const candidate = `${randomBytes(12).toString('base64url')}#7a`;
    if (passwordProblems(candidate, FIRST_ADMIN_USERNAME).length === 0) {
      return candidate;
    }
  }
}

/** Finds a unit by name or creates it, recording the creation as done by the system. */
export async function ensureUnit(
  trx: Trx,
  { ledger, now }: Pick<ServiceDeps, 'ledger' | 'now'>,
  name: string,
  parentId: string | null = null,
): Promise<UnitTable> {
  const existing = await unitsRepository.findByName(trx, name);
  if (existing) {
    return existing;
  }
  const at = now().toISOString();
  const unit: UnitTable = {
    id: newId(),
    name,
    code: null,
    parent_id: parentId,
    active: 1,
    created_at: at,
    updated_at: at,
  };
  await unitsRepository.insert(trx, unit);
  await ledger.append(trx, {
    actorId: null,
    action: 'unit.created',
    subject: { type: 'unit', id: unit.id },
    row: unit,
  });
  return unit;
}

export interface SystemPerson {
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
  passwordHash: string;
  mustChangePassword: boolean;
  certNo?: string;
  certValidFrom?: string;
  certValidTo?: string;
  phone?: string;
}

/** Creates a person on behalf of the system (first start, demo seed), with its ledger entry. */
export async function insertSystemPerson(
  trx: Trx,
  { ledger, now }: Pick<ServiceDeps, 'ledger' | 'now'>,
  person: SystemPerson,
  detail?: object,
): Promise<string> {
  const at = now().toISOString();
  const id = newId();
  await usersRepository.insert(
    trx,
    {
      id,
      username: person.username,
      name: person.name,
      cert_no: person.certNo ?? null,
      cert_valid_from: person.certValidFrom ?? null,
      cert_valid_to: person.certValidTo ?? null,
      phone: person.phone ?? null,
      unit_id: person.unitId,
      active: 1,
      password_hash: person.passwordHash,
      must_change_password: person.mustChangePassword ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    },
    person.roles,
  );
  const written = await usersRepository.findById(trx, id);
  await ledger.append(trx, {
    actorId: null,
    action: 'user.created',
    subject: { type: 'user', id },
    ...(written ? { row: userLedgerRow(written) } : {}),
    ...(detail ? { detail } : {}),
  });
  return id;
}

/**
 * On an empty database, creates the IT centre unit and the first IT administrator, who must
 * change the password at first sign-in. Returns the one-time password to print, or null when
 * people already exist (it is never stored or shown again).
 */
export async function ensureFirstAdmin(
  deps: ServiceDeps,
  suppliedPassword?: string,
): Promise<{ username: string; password: string } | null> {
  if ((await usersRepository.count(deps.db)) > 0) {
    return null;
  }
  const password = suppliedPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return deps.write(async (trx) => {
    if ((await usersRepository.count(trx)) > 0) {
      return null;
    }
    const unit = await ensureUnit(trx, deps, FIRST_UNIT_NAME);
    await insertSystemPerson(
      trx,
      deps,
      {
        username: FIRST_ADMIN_USERNAME,
        name: '系统管理员',
        unitId: unit.id,
        roles: ['it_admin'],
        passwordHash,
        mustChangePassword: true,
      },
      { firstAdministrator: true },
    );
    return { username: FIRST_ADMIN_USERNAME, password };
  });
}
