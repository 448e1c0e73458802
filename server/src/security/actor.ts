import type { Permission, Role } from '@quancheng/contracts';

/** The signed-in person on whose behalf a service acts. Built once per request by the auth module. */
export interface Actor {
  id: string;
  username: string;
  name: string;
  unitId: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
