import { can, type Actor } from '../../security/actor';

/** Which devices a list may show: all, or those of one unit. */
export type DeviceScope = { kind: 'all' } | { kind: 'unit'; unitId: string };

/**
 * Who may see and manage body cameras. IT manages every unit's devices; a unit head manages the
 * devices of their own unit; officers, supervisors and archivists read them (supervisors and IT
 * all units, the others their own).
 */
export const devicesPolicy = {
  scope(actor: Actor): DeviceScope | null {
    if (can(actor, 'device.manage') || (can(actor, 'device.read') && can(actor, 'recording.read_all'))) {
      return { kind: 'all' };
    }
    return can(actor, 'device.read') ? { kind: 'unit', unitId: actor.unitId } : null;
  },

  read(actor: Actor, device: { unit_id: string }): boolean {
    const scope = devicesPolicy.scope(actor);
    return scope !== null && (scope.kind === 'all' || scope.unitId === device.unit_id);
  },

  /** May register or change devices of this unit. */
  manageUnit(actor: Actor, unitId: string): boolean {
    return can(actor, 'device.manage') || (can(actor, 'device.manage_unit') && actor.unitId === unitId);
  },

  mayCreate(actor: Actor): boolean {
    return can(actor, 'device.manage') || can(actor, 'device.manage_unit');
  },
};
