import type { Role } from './roles';

/**
 * Permission strings, defined once. The server's policies check them; the web app shows or hides
 * menu entries by the list the API returns for the signed-in user — it never derives them itself.
 */
export const PERMISSIONS = [
  'unit.read',
  'unit.manage',
  'user.read',
  'user.read_all',
  'user.manage',
  'system.admin',
  'ledger.verify',
  'ledger.sign',
  'recording.upload',
  'recording.read',
  'recording.read_all',
  'recording.download',
  'recording.edit',
  'recording.link',
  'device.read',
  'device.manage',
  'device.manage_unit',
  'recording.read_sensitive',
  'party.read',
  'party.manage',
  'case.read',
  'case.read_all',
  'case.register',
  'case.handle',
  'case.approve',
  'case.override',
  'calendar.manage',
  /** Fines (A11.3): record a payment with its receipt (finance keeps the non-tax revenue bills). */
  'payment.record',
  /** Pre-printed numbered forms (A10.1): see the pads and their numbers; register pads, void numbers. */
  'form.read',
  'form.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role grants. `user.read` without `user.read_all` means: people of one's own unit. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  officer: [
    'unit.read',
    'recording.upload',
    'recording.read',
    'recording.edit',
    'recording.link',
    'device.read',
    'party.read',
    'party.manage',
    'case.read',
    'case.register',
    'case.handle',
    'form.read',
  ],
  unit_head: [
    'unit.read',
    'user.read',
    'recording.upload',
    'recording.read',
    'recording.download',
    'recording.edit',
    'recording.link',
    'device.read',
    'device.manage_unit',
    'recording.read_sensitive',
    'party.read',
    'party.manage',
    'case.read',
    'case.register',
    'case.handle',
    'case.approve',
    'form.read',
    'form.manage',
  ],
  agency_head: [
    'unit.read',
    'user.read',
    'user.read_all',
    'ledger.verify',
    'recording.read_all',
    'recording.download',
    'device.read',
    'party.read',
    'case.read_all',
    'case.approve',
    'case.override',
    'form.read',
  ],
  legal: [
    'unit.read',
    'user.read',
    'user.read_all',
    'ledger.verify',
    'recording.read_all',
    'recording.download',
    'recording.link',
    'device.read',
    'party.read',
    'case.read_all',
    'case.handle',
    'case.approve',
    'form.read',
    'form.manage',
  ],
  archivist: [
    'unit.read',
    'ledger.verify',
    'recording.upload',
    'recording.read_all',
    'recording.download',
    'recording.edit',
    'recording.link',
    'device.read',
    'party.read',
    'case.read_all',
  ],
  finance: ['unit.read', 'case.read_all', 'payment.record'],
  it_admin: [
    'unit.read',
    'unit.manage',
    'user.read',
    'user.read_all',
    'user.manage',
    'system.admin',
    'ledger.verify',
    'ledger.sign',
    'device.read',
    'device.manage',
    'calendar.manage',
  ],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of ROLE_PERMISSIONS[role]) {
      granted.add(permission);
    }
  }
  return PERMISSIONS.filter((p) => granted.has(p));
}
