import { can, type Actor } from '../../security/actor';

/** Which pads a list may show: every unit's, or one unit's. */
export type FormScope = { kind: 'all' } | { kind: 'unit'; unitId: string };

/**
 * Pre-printed numbered forms (A10.1). Officers see their unit's pads and void numbers of a pad
 * they hold; a unit head registers and voids for their unit; the legal-affairs office, which
 * supervises, does so for every unit. The agency head reads every unit's.
 */
export const formsPolicy = {
  scope(actor: Actor): FormScope | null {
    if (!can(actor, 'form.read')) {
      return null;
    }
    return can(actor, 'case.read_all') ? { kind: 'all' } : { kind: 'unit', unitId: actor.unitId };
  },

  read(actor: Actor, range: { unit_id: string }): boolean {
    const scope = formsPolicy.scope(actor);
    return scope !== null && (scope.kind === 'all' || scope.unitId === range.unit_id);
  },

  /** May register pads for this unit, and void any of its numbers. */
  manage(actor: Actor, unitId: string): boolean {
    return can(actor, 'form.manage') && (can(actor, 'case.read_all') || actor.unitId === unitId);
  },

  /** May void a number of this pad: its manager, or the officer holding it. */
  void(actor: Actor, range: { unit_id: string; holder_id: string | null }): boolean {
    return (
      formsPolicy.manage(actor, range.unit_id) ||
      (can(actor, 'form.read') && range.holder_id !== null && range.holder_id === actor.id)
    );
  },
};
