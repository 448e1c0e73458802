import { can, type Actor } from '../../security/actor';

/**
 * Who may see and keep the party directory. It is the bureau's, not a unit's: a party concerned by
 * one unit's case is the same employer or person in another's. Officers and unit heads register and
 * correct parties; the agency head, legal affairs and archivists read them; others do neither.
 */
export const partiesPolicy = {
  read(actor: Actor): boolean {
    return can(actor, 'party.read') || can(actor, 'party.manage');
  },

  manage(actor: Actor): boolean {
    return can(actor, 'party.manage');
  },
};
