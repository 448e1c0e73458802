import { can, type Actor } from '../../security/actor';
import type { UserScope } from './users.repository';

/**
 * Who may do what to units and people. The only place these decisions are made; services ask,
 * presenters turn the answers into the `abilities` the web app shows.
 */
export const orgPolicy = {
  readUnits: (actor: Actor) => can(actor, 'unit.read'),
  manageUnits: (actor: Actor) => can(actor, 'unit.manage'),
  manageUsers: (actor: Actor) => can(actor, 'user.manage'),

  /** The people a list may show to this actor, or null when none at all. */
  userScope(actor: Actor): UserScope | null {
    if (can(actor, 'user.read_all')) {
      return { kind: 'all' };
    }
    if (can(actor, 'user.read')) {
      return { kind: 'unit', unitId: actor.unitId };
    }
    return null;
  },

  /** Everyone may see their own record; heads see their unit; supervisors and IT see all. */
  readUser(actor: Actor, user: { id: string; unit_id: string }): boolean {
    if (actor.id === user.id) {
      return true;
    }
    const scope = orgPolicy.userScope(actor);
    return scope !== null && (scope.kind === 'all' || scope.unitId === user.unit_id);
  },

  userAbilities(actor: Actor, user: { id: string }) {
    const manage = can(actor, 'user.manage');
    return { update: manage, disable: manage && actor.id !== user.id, resetPassword: manage, unlock: manage };
  },
};
