import { can, type Actor } from '../../security/actor';

/** Which cases a list may show: all, or those of one unit plus those the person works on. */
export type CaseScope = { kind: 'all' } | { kind: 'unit'; unitId: string; userId: string };

interface CaseRef {
  unit_id: string;
}

/**
 * Who may see and work on cases. Supervisors (agency head, legal office, archivists, finance) see
 * every case; officers and unit heads see their unit's cases and any case they are an officer of.
 * Handling a step (drafting, proposing, performing) is for the case's officers and the head of its
 * unit; approvals are decided by the roles the procedure names (see cases.service.ts).
 */
export const casesPolicy = {
  scope(actor: Actor): CaseScope | null {
    if (can(actor, 'case.read_all')) {
      return { kind: 'all' };
    }
    return can(actor, 'case.read') ? { kind: 'unit', unitId: actor.unitId, userId: actor.id } : null;
  },

  read(actor: Actor, c: CaseRef, officerIds: readonly string[]): boolean {
    const scope = casesPolicy.scope(actor);
    if (scope === null) {
      return false;
    }
    return scope.kind === 'all' || scope.unitId === c.unit_id || officerIds.includes(actor.id);
  },

  handle(actor: Actor, c: CaseRef, officerIds: readonly string[]): boolean {
    if (!can(actor, 'case.handle')) {
      return false;
    }
    if (officerIds.includes(actor.id)) {
      return true;
    }
    // The unit's head handles its cases; the legal office handles hearings and reviews anywhere.
    return (actor.roles.includes('unit_head') && actor.unitId === c.unit_id) || actor.roles.includes('legal');
  },

  register(actor: Actor): boolean {
    return can(actor, 'case.register');
  },

  /**
   * A11.3: payments of fines are recorded by finance, who hold the non-tax revenue bills; the
   * officers and the legal office read them with the case.
   */
  recordPayment(actor: Actor): boolean {
    return can(actor, 'payment.record');
  },

  /** A unit head decides for their own unit only; the agency head and legal office for all. */
  decideFor(actor: Actor, role: string, c: CaseRef): boolean {
    if (!can(actor, 'case.approve') || !actor.roles.includes(role as never)) {
      return false;
    }
    return role !== 'unit_head' || actor.unitId === c.unit_id;
  },
};
