import type { UnitDto, UserDto } from '@quancheng/contracts';
import type { Actor } from '../../security/actor';
import { orgPolicy } from './org.policy';
import { isCertifiedOn } from './certification';
import type { UnitRow } from './units.repository';
import type { UserRecord } from './users.repository';

export function presentUnit(actor: Actor, row: UnitRow): UnitDto {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    parentId: row.parent_id,
    active: row.active === 1,
    peopleCount: row.people_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: { update: orgPolicy.manageUnits(actor) },
  };
}

export function presentUser(actor: Actor, row: UserRecord, today: string, now: Date): UserDto {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    certNo: row.cert_no,
    certValidFrom: row.cert_valid_from,
    certValidTo: row.cert_valid_to,
    certifiedToday: isCertifiedOn(row, today),
    phone: row.phone,
    unitId: row.unit_id,
    unitName: row.unit_name,
    roles: row.roles,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until && row.locked_until > now.toISOString() ? row.locked_until : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: orgPolicy.userAbilities(actor, row),
  };
}

/**
 * The user as the ledger records it: the business columns and roles. Credentials and the
 * sign-in counters are left out — they are secrets or change on every attempt.
 */
export function userLedgerRow(row: Omit<UserRecord, 'unit_name'>): object {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    certNo: row.cert_no,
    certValidFrom: row.cert_valid_from,
    certValidTo: row.cert_valid_to,
    phone: row.phone,
    unitId: row.unit_id,
    roles: row.roles,
    active: row.active,
    mustChangePassword: row.must_change_password,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
