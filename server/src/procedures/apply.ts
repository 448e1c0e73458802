import { evaluateCondition } from './conditions';
import type { DeadlineStart, Effect, PeriodId, ProcedureDefinition } from './definition';
import type { CaseFacts } from './facts';
import type { CaseSnapshot } from './snapshot';
import { fromSteps } from './validate';

/** What registering a case means under a definition: where it starts and which periods run. */
export interface CaseStart {
  step: string;
  stage: string;
  status: 'open';
  startsDeadlines: PeriodId[];
}

/** What completing a transition means; the caller persists it in one transaction. */
export interface AppliedTransition {
  transition: string;
  from: string;
  to: string;
  stage: string;
  /** The new step is terminal: the case is closed (status `closed`). */
  terminal: boolean;
  status: 'open' | 'closed';
  effects: Effect[];
  /** Periods to start now (conditional ones already decided on the case facts). */
  startsDeadlines: PeriodId[];
  /** Periods this transition satisfies, if running. When the case closes, cancel the rest. */
  meetsDeadlines: PeriodId[];
  /** The transition's inputs to record into case data (`data.<key>`). */
  record: Record<string, unknown>;
  /** Whether the approval that carried it must now be marked consumed. */
  consumesApproval: boolean;
  /** Transitions no longer available from the new step: withdraw their pending approvals. */
  withdrawPending: string[];
}

/**
 * What the effective service of an issued document does to the case's deadlines (the
 * definition's `onService`), given the case's facts: periods met, periods started.
 */
export function serviceEffects(
  def: ProcedureDefinition,
  templateId: string,
  facts: CaseFacts,
): { meetsDeadlines: PeriodId[]; startsDeadlines: PeriodId[] } {
  const entry = def.onService?.find((e) => e.templateId === templateId);
  return {
    meetsDeadlines: [...(entry?.meetsDeadlines ?? [])],
    startsDeadlines: periods(entry?.startsDeadlines, def, facts),
  };
}

function periods(
  list: readonly DeadlineStart[] | undefined,
  def: ProcedureDefinition,
  facts: CaseFacts,
): PeriodId[] {
  return (list ?? []).flatMap((d) =>
    typeof d === 'string' ? [d] : evaluateCondition(d.when, { def, facts }) ? [d.period] : [],
  );
}

function stageOf(def: ProcedureDefinition, stepId: string): { stage: string; terminal: boolean } {
  const s = def.steps.find((x) => x.id === stepId);
  if (!s) {
    throw new Error(`procedure ${def.id}@${def.version} has no step "${stepId}"`);
  }
  return { stage: s.stage, terminal: s.terminal ?? false };
}

export function startCase(def: ProcedureDefinition, facts: CaseFacts): CaseStart {
  return {
    step: def.initial.step,
    stage: stageOf(def, def.initial.step).stage,
    status: 'open',
    startsDeadlines: periods(def.initial.startsDeadlines, def, facts),
  };
}

/**
 * The outcome of a transition the engine has allowed (call evaluateTransition first: this function
 * does not know the actor). It refuses only what can never be right: an unknown transition, a
 * closed case, or a transition from another step.
 */
export function applyTransition(
  def: ProcedureDefinition,
  snapshot: CaseSnapshot,
  transitionId: string,
  inputs: Record<string, unknown> = {},
): AppliedTransition {
  const t = def.transitions.find((x) => x.id === transitionId);
  if (!t) {
    throw new Error(`procedure ${def.id}@${def.version} has no transition "${transitionId}"`);
  }
  const here = stageOf(def, snapshot.step);
  if (snapshot.status === 'closed' || here.terminal || !fromSteps(def, t).includes(snapshot.step)) {
    throw new Error(`transition "${transitionId}" cannot be applied at step "${snapshot.step}"`);
  }
  const record: Record<string, unknown> = {
    ...Object.fromEntries(
      (t.inputs ?? []).filter((i) => inputs[i.key] !== undefined).map((i) => [i.key, inputs[i.key]]),
    ),
    ...(t.sets ?? {}),
  };
  const facts = { ...snapshot.facts, data: { ...snapshot.facts.data, ...record } };
  const there = stageOf(def, t.to);
  const stillAvailable = new Set(
    def.transitions.filter((x) => fromSteps(def, x).includes(t.to)).map((x) => x.id),
  );
  return {
    transition: t.id,
    from: snapshot.step,
    to: t.to,
    stage: there.stage,
    terminal: there.terminal,
    status: there.terminal ? 'closed' : 'open',
    effects: [...(t.effects ?? [])],
    startsDeadlines: periods(t.startsDeadlines, def, facts),
    meetsDeadlines: [...(t.meetsDeadlines ?? [])],
    record,
    consumesApproval: t.approval !== undefined,
    withdrawPending: def.transitions
      .filter((x) => x.id !== t.id && fromSteps(def, x).includes(snapshot.step) && !stillAvailable.has(x.id))
      .map((x) => x.id),
  };
}

/** A registration or case number from the definition's pattern (e.g. 临人社监立〔2025〕第12号). */
export { formatNumber } from '../db/sequences';
