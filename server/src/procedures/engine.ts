import type { Role } from '@quancheng/contracts';
import { chainProgress, currentApproval } from './approvals';
import {
  actorCheck,
  approvalCheck,
  completenessChecks,
  conditionChecks,
  context,
  evidenceChecks,
  inputChecks,
  miss,
  placeCheck,
  stepOf,
  transitionOf,
} from './checks';
import type { DeadlineStart, Localized, PeriodId, ProcedureDefinition, TransitionDef } from './definition';
import { M } from './messages';
import type { CaseSnapshot, EngineActor, EngineOptions, Missing, Verdict } from './snapshot';
import { verdict } from './snapshot';
import { fromSteps } from './validate';

/**
 * The procedure engine: pure functions that answer "may this happen now, and if not, what exactly
 * is missing" for a case snapshot under its definition, and "what happens when it does". The
 * cases module asks, persists, and appends the ledger leaves; nothing here touches storage.
 */

export { currentProcedure, getProcedure, listProcedures, loadProcedure, registerProcedure } from './registry';

export { findTransition } from './checks';

/**
 * May this actor complete the transition now? Everything missing is listed at once (actor,
 * conditions, approval, issued documents, recordings, inputs), except that a closed case or a
 * transition from another step says only that.
 */
export function evaluateTransition(
  def: ProcedureDefinition,
  snapshot: CaseSnapshot,
  transitionId: string,
  actor: EngineActor,
  opts: EngineOptions = {},
): Verdict {
  const t = transitionOf(def, transitionId);
  const place = placeCheck(def, snapshot, t);
  if (place) {
    return verdict([place]);
  }
  const ctx = context(def, snapshot, opts.inputs, actor);
  const missing = [
    actorCheck(snapshot, t, actor),
    ...conditionChecks(def, t, ctx),
    approvalCheck(snapshot, t, opts),
    ...evidenceChecks(snapshot, t, opts),
    ...inputChecks(t, ctx.facts.data),
    ...completenessChecks(snapshot, t),
  ].filter((m): m is Missing => m !== undefined);
  return verdict(missing);
}

export interface AvailableTransition extends Verdict {
  id: string;
  /** The definition, for the panel (approval chain, documents, inputs, override). */
  transition: TransitionDef;
  title: Localized;
  to: string;
  toTitle: Localized;
  ruleIds: string[];
}

/** Every transition from the case's current step, with what each still needs. */
export function availableTransitions(
  def: ProcedureDefinition,
  snapshot: CaseSnapshot,
  actor: EngineActor,
  opts: EngineOptions = {},
): AvailableTransition[] {
  return def.transitions
    .filter((t) => fromSteps(def, t).includes(snapshot.step))
    .map((t) => ({
      id: t.id,
      transition: t,
      title: t.title,
      to: t.to,
      toTitle: stepOf(def, t.to).title,
      ruleIds: t.ruleIds,
      ...evaluateTransition(def, snapshot, t.id, actor, opts),
    }));
}

/** May this actor propose the transition's approval: right step, role, condition, none under way. */
export function evaluateProposal(
  def: ProcedureDefinition,
  snapshot: CaseSnapshot,
  transitionId: string,
  actor: EngineActor,
  opts: EngineOptions = {},
): Verdict {
  const t = transitionOf(def, transitionId);
  const place = placeCheck(def, snapshot, t);
  if (place) {
    return verdict([place]);
  }
  if (!t.approval) {
    return verdict([miss('approval_not_needed', M.approvalNotNeeded(t.title))]);
  }
  const missing = [
    actorCheck(snapshot, t, actor),
    ...conditionChecks(def, t, context(def, snapshot, opts.inputs, actor)),
    ...completenessChecks(snapshot, t),
  ];
  const record = currentApproval(snapshot, t.id);
  if (record) {
    const p = chainProgress(t.approval.chain, record);
    if (p.outcome === 'pending') {
      missing.push(
        miss('approval_exists', M.approvalAlreadyPending(t.title, t.approval.chain[p.approvedCount])),
      );
    } else if (p.outcome === 'approved') {
      missing.push(miss('approval_exists', M.approvalAlreadyGranted(t.title)));
    }
  }
  return verdict(missing.filter((m): m is Missing => m !== undefined));
}

/** The decision verdict also names the role the actor decides in (the chain's next role). */
export interface DecisionVerdict extends Verdict {
  role?: Role | undefined;
}

/**
 * May this actor decide (approve or reject) the pending approval of the transition now: they hold
 * the chain's next role, did not propose it, and have not decided earlier in the same chain.
 */
export function evaluateDecision(
  def: ProcedureDefinition,
  snapshot: CaseSnapshot,
  transitionId: string,
  actor: EngineActor,
): DecisionVerdict {
  const t = transitionOf(def, transitionId);
  const place = placeCheck(def, snapshot, t);
  if (place) {
    return verdict([place]);
  }
  if (!t.approval) {
    return verdict([miss('approval_not_needed', M.approvalNotNeeded(t.title))]);
  }
  const chain = t.approval.chain;
  const record = currentApproval(snapshot, t.id);
  const p = record ? chainProgress(chain, record) : undefined;
  const next = p?.outcome === 'pending' ? chain[p.approvedCount] : undefined;
  if (!record || !p || !next) {
    return verdict([miss('approval_missing', M.noPendingApproval(t.title))]);
  }
  if (record.proposedBy === actor.id) {
    return verdict([miss('self_approval', M.selfApproval())]);
  }
  if (p.deciders.includes(actor.id)) {
    return verdict([miss('decided_twice', M.decidedTwice())]);
  }
  if (!actor.roles.includes(next)) {
    const later = chain.slice(p.approvedCount + 1).find((r) => actor.roles.includes(r));
    return verdict([
      later
        ? miss('out_of_order', M.outOfOrder(next, later), undefined, { next, role: later })
        : miss('not_actor', M.notInChain(chain), undefined, { chain }),
    ]);
  }
  return { allowed: true, missing: [], role: next };
}

/**
 * May this actor grant an exception (waive documents or recordings) for the transition: only where
 * the definition allows one, by its roles, with a written reason.
 */
export interface OverrideVerdict extends Verdict {
  /** What the exception waives, when allowed (record it in the snapshot's `overrides`). */
  covers: ('documents' | 'recordings')[];
}

export function evaluateOverride(
  def: ProcedureDefinition,
  transitionId: string,
  actor: EngineActor,
  reason: string | undefined,
): OverrideVerdict {
  const t = transitionOf(def, transitionId);
  if (!t.override) {
    return { ...verdict([miss('no_override', M.noOverride(t.title))]), covers: [] };
  }
  const missing: Missing[] = [];
  if (!t.override.roles.some((r) => actor.roles.includes(r))) {
    missing.push(miss('not_actor', M.overrideNotActor(t.override.roles), t.override.ruleId));
  }
  if (!reason || reason.trim() === '') {
    missing.push(miss('reason_missing', M.overrideReason(), t.override.ruleId));
  }
  return { ...verdict(missing), covers: missing.length === 0 ? [...t.override.covers] : [] };
}

export { applyTransition, startCase, formatNumber, serviceEffects } from './apply';
export type { AppliedTransition, CaseStart } from './apply';
export type { DeadlineStart, PeriodId };
