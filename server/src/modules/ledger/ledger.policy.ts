import { can, type Actor } from '../../security/actor';

/** Supervisors, archivists and IT verify the record; IT may sign a head on demand. */
export const ledgerPolicy = {
  verify: (actor: Actor) => can(actor, 'ledger.verify'),
  sign: (actor: Actor) => can(actor, 'ledger.sign'),
};
