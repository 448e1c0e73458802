import { chainProgress, currentApproval } from './approvals';
import { evaluateCondition, type ConditionContext } from './conditions';
import type { Localized, ProcedureDefinition, TransitionDef } from './definition';
import type { CaseFacts } from './facts';
import { M, templateTitle } from './messages';
import type { CaseSnapshot, EngineActor, EngineOptions, Missing } from './snapshot';
import { fromSteps } from './validate';

/** The engine's individual checks; each returns what is missing, with its exact message. */

export function findTransition(def: ProcedureDefinition, transitionId: string): TransitionDef | undefined {
  return def.transitions.find((t) => t.id === transitionId);
}
export function transitionOf(def: ProcedureDefinition, transitionId: string): TransitionDef {
  const t = findTransition(def, transitionId);
  if (!t) {
    throw new Error(`procedure ${def.id}@${def.version} has no transition "${transitionId}"`);
  }
  return t;
}

export function stepOf(def: ProcedureDefinition, stepId: string) {
  const s = def.steps.find((x) => x.id === stepId);
  if (!s) {
    throw new Error(`procedure ${def.id}@${def.version} has no step "${stepId}"`);
  }
  return s;
}

export const miss = (
  code: Missing['code'],
  message: Localized,
  ruleId?: string,
  params: Record<string, unknown> = {},
): Missing => ({ code, message, params, ...(ruleId ? { ruleId } : {}) });

/** A closed case and a transition from another step stop everything else. */
export function placeCheck(
  def: ProcedureDefinition,
  snapshot: CaseSnapshot,
  t: TransitionDef,
): Missing | undefined {
  const step = stepOf(def, snapshot.step);
  if (snapshot.status === 'closed' || step.terminal) {
    return miss('case_closed', M.caseClosed(step.title, t.title), undefined, { step: step.id });
  }
  if (!fromSteps(def, t).includes(snapshot.step)) {
    return miss('wrong_step', M.wrongStep(step.title, t.title), undefined, {
      step: step.id,
      transition: t.id,
    });
  }
  return undefined;
}

/** One of the transition's roles; an officer acts only on cases they are assigned to. */
export function actorCheck(
  snapshot: CaseSnapshot,
  t: TransitionDef,
  actor: EngineActor,
): Missing | undefined {
  const roles = t.actors.filter((r) => actor.roles.includes(r));
  if (roles.length === 0) {
    return miss('not_actor', M.notActor(t.title, t.actors), undefined, { actors: t.actors });
  }
  if (roles.every((r) => r === 'officer') && !snapshot.officers.includes(actor.id)) {
    return miss('not_actor', M.notCaseOfficer(t.title), undefined, { reason: 'not_case_officer' });
  }
  return undefined;
}

function factsWith(snapshot: CaseSnapshot, inputs?: Record<string, unknown>): CaseFacts {
  return inputs ? { ...snapshot.facts, data: { ...snapshot.facts.data, ...inputs } } : snapshot.facts;
}

export function conditionChecks(
  def: ProcedureDefinition,
  t: TransitionDef,
  ctx: ConditionContext,
): Missing[] {
  const out: Missing[] = [];
  for (const g of t.guards ?? []) {
    if (!evaluateCondition(g.when, ctx)) {
      out.push(miss('condition', g.message, g.ruleId ?? t.ruleIds[0]));
    }
  }
  if (t.when && !evaluateCondition(t.when, ctx)) {
    out.push(miss('condition', t.whenMessage ?? t.title, t.ruleIds[0]));
  }
  return out;
}

export function approvalCheck(
  snapshot: CaseSnapshot,
  t: TransitionDef,
  opts: EngineOptions,
): Missing | undefined {
  if (!t.approval) {
    return undefined;
  }
  const { chain, form } = t.approval;
  const formTitle = templateTitle(form, opts.templateTitles);
  const record = currentApproval(snapshot, t.id);
  const params = { chain, form };
  if (!record) {
    return miss('approval_missing', M.approvalNone(chain, formTitle), t.ruleIds[0], params);
  }
  const p = chainProgress(chain, record);
  switch (p.outcome) {
    case 'approved':
      return undefined;
    case 'rejected':
      return miss('approval_rejected', M.approvalRejected(p.rejectedBy, formTitle), t.ruleIds[0], {
        ...params,
        rejectedBy: p.rejectedBy,
      });
    case 'pending': {
      const remaining = chain.slice(p.approvedCount);
      return miss('approval_pending', M.approvalPending(remaining, formTitle), t.ruleIds[0], {
        ...params,
        remaining,
      });
    }
  }
}

function overridden(snapshot: CaseSnapshot, t: TransitionDef, what: 'documents' | 'recordings'): boolean {
  return (
    (t.override?.covers.includes(what) ?? false) &&
    snapshot.overrides.some((o) => o.transition === t.id && o.covers.includes(what))
  );
}

/** The sequence after which evidence for `t` must have been made: its last completion, if any. */
function evidenceSince(snapshot: CaseSnapshot, t: TransitionDef): number {
  let since = 0;
  for (const d of snapshot.done ?? []) {
    if (d.transition === t.id && d.seq > since) {
      since = d.seq;
    }
  }
  return since;
}

export function evidenceChecks(snapshot: CaseSnapshot, t: TransitionDef, opts: EngineOptions): Missing[] {
  const out: Missing[] = [];
  const since = evidenceSince(snapshot, t);
  const fresh = (x: { seq?: number | undefined }) => since === 0 || (x.seq ?? 0) > since;
  if (!overridden(snapshot, t, 'documents')) {
    for (const d of t.documents ?? []) {
      if (
        !snapshot.documents.some((x) => x.templateId === d.templateId && x.state === 'issued' && fresh(x))
      ) {
        const draft = snapshot.documents.some((x) => x.templateId === d.templateId && x.state === 'draft');
        const title = templateTitle(d.templateId, opts.templateTitles);
        out.push(
          miss('document_missing', M.documentMissing(title, d.ruleId), d.ruleId, {
            templateId: d.templateId,
            draft,
          }),
        );
      }
    }
  }
  if (!overridden(snapshot, t, 'recordings')) {
    for (const r of t.recordings ?? []) {
      if (!snapshot.recordings.some((x) => x.requirementId === r.id && fresh(x))) {
        out.push(
          miss('recording_missing', M.recordingMissing(r.label, r.ruleId), r.ruleId, { requirementId: r.id }),
        );
      }
    }
  }
  return out;
}

/** A transition that needs a complete file is refused with every record still missing. */
export function completenessChecks(snapshot: CaseSnapshot, t: TransitionDef): Missing[] {
  return t.requiresComplete ? [...(snapshot.incomplete ?? [])] : [];
}

/**
 * A required input is a non-blank string, a number or boolean, or (type list) a non-empty list of
 * them; a `number` input is a finite number and a `date` input a real YYYY-MM-DD, when given.
 */
export function inputChecks(t: TransitionDef, data: Record<string, unknown>): Missing[] {
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  const wrongType = (type: string, v: unknown) =>
    (type === 'number' && !(typeof v === 'number' && Number.isFinite(v))) ||
    (type === 'date' && !(typeof v === 'string' && isIsoDay(v)));
  const out: Missing[] = [];
  for (const i of t.inputs ?? []) {
    const v = data[i.key];
    const missing =
      i.type === 'list'
        ? !Array.isArray(v) || v.length === 0 || v.some(blank)
        : blank(v) || typeof v === 'object';
    if (i.required && missing) {
      out.push(
        miss('input_missing', M.inputMissing(i.label, i.type === 'list'), t.ruleIds[0], { key: i.key }),
      );
    } else if (!blank(v) && wrongType(i.type, v)) {
      out.push(
        miss('input_missing', M.inputInvalid(i.label, i.type), t.ruleIds[0], { key: i.key, type: i.type }),
      );
    }
  }
  return out;
}

function isIsoDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) {
    return false;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function context(
  def: ProcedureDefinition,
  snapshot: CaseSnapshot,
  inputs?: Record<string, unknown>,
  actor?: EngineActor,
) {
  return {
    def,
    facts: factsWith(snapshot, inputs),
    today: snapshot.today,
    officers: snapshot.officers,
    dueOf: snapshot.dueOf,
    actorId: actor?.id,
  };
}
