import type { FormRangeDto, MeDto } from '@quancheng/contracts';

/**
 * What the signed-in user may do with pads. The form-range DTOs carry no `abilities` yet, so this
 * mirrors server/src/modules/forms/forms.policy.ts from the permissions the API granted; the
 * server still decides, and a refusal is shown like any other error.
 */
export function formAbilities(me: MeDto) {
  const has = (p: MeDto['permissions'][number]) => me.permissions.includes(p);
  /** Registers pads for every unit (the legal office) or only for one's own (a unit head). */
  const allUnits = has('form.manage') && has('case.read_all');
  const manages = (unitId: string) => has('form.manage') && (allUnits || me.user.unitId === unitId);
  return {
    /** Sees every unit's pads (the agency head, the legal office), so may filter by unit. */
    readsAllUnits: has('form.read') && has('case.read_all'),
    register: has('form.manage'),
    allUnits,
    manages,
    /** A manager of the pad's unit, or the officer holding the pad. */
    voids: (pad: Pick<FormRangeDto, 'unitId' | 'holderId'>) =>
      manages(pad.unitId) || (pad.holderId !== null && pad.holderId === me.user.id),
  };
}
