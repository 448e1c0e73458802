import type {
  ApprovalDto,
  CaseDto,
  CaseSummaryDto,
  DeadlineDto,
  MissingDto,
  Role,
  TransitionDto,
} from '@quancheng/contracts';
import type { CaseEventTable, CaseOfficerTable, CaseTable, DocumentTable } from '../../db/types';
import {
  availableTransitions,
  documentTitle,
  evaluateOverride,
  type CaseSnapshot,
  type Localized,
  type ProcedureDefinition,
} from '../../procedures';
import type { Actor } from '../../security/actor';
import type { ApprovalRecord } from './approvals.repository';
import { lightOf } from './cases.deadlines';
import type { CaseRecord, LightWindow } from './cases.repository';

const UNKNOWN: Localized = { 'zh-CN': '未知', en: 'unknown' };

export function titleOf(title: Localized | undefined): string {
  return (title ?? UNKNOWN)['zh-CN'];
}

function stepOf(def: ProcedureDefinition, id: string) {
  const step = def.steps.find((s) => s.id === id);
  const stage = def.stages.find((s) => s.id === step?.stage);
  return {
    stepTitle: step?.title ?? { 'zh-CN': id, en: id },
    stageTitle: stage?.title ?? { 'zh-CN': step?.stage ?? id, en: step?.stage ?? id },
  };
}

export function presentCaseSummary(
  r: CaseRecord,
  def: ProcedureDefinition,
  window: LightWindow,
): CaseSummaryDto {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    regNumber: r.reg_number,
    number: r.number,
    stage: r.stage,
    step: r.step,
    ...stepOf(def, r.step),
    status: r.status,
    partyName: r.party_name,
    cause: r.cause,
    unitId: r.unit_id,
    unitName: r.unit_name,
    leadOfficerName: r.lead_officer_name,
    receivedOn: r.received_on,
    nextDueOn: r.next_due_on,
    light: r.status === 'open' && r.next_due_on ? lightOf(window, r.next_due_on) : null,
    updatedAt: r.updated_at,
  };
}

type DecideFor = (actor: Actor, role: string, c: { unit_id: string }) => boolean;

export function presentApproval(
  actor: Actor,
  r: ApprovalRecord,
  c: CaseTable,
  def: ProcedureDefinition,
  decideFor: DecideFor,
): ApprovalDto {
  const transition = def.transitions.find((t) => t.id === r.transition);
  const decided = r.decisions.some((d) => d.actor_id === actor.id);
  return {
    id: r.id,
    caseId: r.case_id,
    caseRegNumber: c.reg_number,
    caseNumber: c.number,
    cause: c.cause,
    partyName: c.party_name,
    transition: r.transition,
    transitionTitle: transition?.title ?? { 'zh-CN': r.transition, en: r.transition },
    chain: JSON.parse(r.chain) as Role[],
    nextRole: (r.next_role as Role | null) ?? null,
    state: r.state,
    documentId: r.document_id,
    proposedBy: r.proposed_by,
    proposedByName: r.proposed_by_name,
    proposedAt: r.proposed_at,
    opinion: r.opinion,
    decisions: r.decisions.map((d) => ({
      role: d.role as Role,
      actorId: d.actor_id,
      actorName: d.actor_name,
      decision: d.decision,
      opinion: d.opinion,
      at: d.at,
    })),
    abilities: {
      decide:
        r.state === 'pending' &&
        r.next_role !== null &&
        r.proposed_by !== actor.id &&
        !decided &&
        decideFor(actor, r.next_role, c),
    },
  };
}

export interface CaseView {
  actor: Actor;
  def: ProcedureDefinition;
  c: CaseRecord;
  officers: (CaseOfficerTable & { name: string })[];
  deadlines: DeadlineDto[];
  approvals: ApprovalDto[];
  documents: DocumentTable[];
  events: (CaseEventTable & { actor_name: string })[];
  snapshot: CaseSnapshot;
  window: LightWindow;
  mayHandle: boolean;
}

function presentTransitions(v: CaseView): TransitionDto[] {
  if (v.c.status === 'closed') {
    return [];
  }
  const who = { id: v.actor.id, roles: v.actor.roles };
  return availableTransitions(v.def, v.snapshot, who).map(({ transition: t, allowed, missing }) => {
    const request = [...v.approvals].reverse().find((a) => a.transition === t.id && a.state !== 'withdrawn');
    const approvalState = request ? (request.state as 'pending' | 'approved' | 'rejected') : 'none';
    const actorMayAct = v.mayHandle && t.actors.some((r) => v.actor.roles.includes(r));
    const issued = new Set(v.snapshot.documents.filter((d) => d.state === 'issued').map((d) => d.templateId));
    return {
      id: t.id,
      title: t.title,
      to: t.to,
      toTitle: stepOf(v.def, t.to).stepTitle,
      ruleIds: t.ruleIds,
      allowed,
      approval: t.approval
        ? {
            chain: t.approval.chain,
            form: t.approval.form,
            requestId: request?.id ?? null,
            state: approvalState,
          }
        : null,
      documents: (t.documents ?? []).map((d) => ({
        templateId: d.templateId,
        title: documentTitle(d.templateId)['zh-CN'],
        issued: issued.has(d.templateId),
      })),
      inputs: (t.inputs ?? []).map((i) => ({
        key: i.key,
        label: i.label,
        required: i.required,
        type: i.type,
        role: i.role ?? null,
      })),
      missing: missing.map((m): MissingDto => ({
        code: m.code,
        ...(m.ruleId ? { ruleId: m.ruleId } : {}),
        message: m.message,
      })),
      abilities: {
        propose: actorMayAct && !!t.approval && (approvalState === 'none' || approvalState === 'rejected'),
        // A transition with inputs is offered when only its inputs (or conditions they may
        // satisfy) are missing: the form asks for them, and the server judges what was given.
        perform:
          actorMayAct &&
          (allowed ||
            ((t.inputs?.length ?? 0) > 0 &&
              missing.every((m) => m.code === 'input_missing' || m.code === 'condition'))),
        override: !!t.override && evaluateOverride(v.def, t.id, who, 'check').allowed,
      },
    };
  });
}

/** An event's detail, with the title of the transition it names (the timeline shows titles, not ids). */
function withTransitionTitle(def: CaseView['def'], detail: Record<string, unknown>): Record<string, unknown> {
  const t =
    typeof detail.transition === 'string'
      ? def.transitions.find((x) => x.id === detail.transition)
      : undefined;
  return t ? { ...detail, transitionTitle: t.title } : detail;
}

export function presentCase(v: CaseView): CaseDto {
  const { c } = v;
  const data = JSON.parse(c.data) as Record<string, unknown>;
  return {
    ...presentCaseSummary(v.c, v.def, v.window),
    procedure: { id: v.def.id, version: v.def.version, title: v.def.title },
    partyId: c.party_id,
    complainant: c.complainant ? (JSON.parse(c.complainant) as CaseDto['complainant']) : null,
    facts: c.facts,
    violationEndedOn: c.violation_ended_on,
    evidenceProvided: data.evidenceProvided === true,
    withinJurisdiction: data.withinJurisdiction !== false,
    data,
    officers: v.officers.map((o) => ({
      userId: o.user_id,
      name: o.name,
      certNo: o.cert_no,
      position: o.position,
    })),
    openedAt: c.opened_at,
    closedAt: c.closed_at,
    createdAt: c.created_at,
    deadlines: v.deadlines,
    transitions: presentTransitions(v),
    approvals: v.approvals,
    documents: v.documents.map((d) => ({
      id: d.id,
      templateId: d.template_id,
      title: d.title,
      version: Number(d.version),
      state: d.state,
      number: d.number,
      issuedAt: d.issued_at,
      pdfSha256: d.pdf_sha256,
    })),
    timeline: [...v.events].reverse().map((e) => ({
      id: e.id,
      at: e.at,
      actorId: e.actor_id,
      actorName: e.actor_name,
      action: e.action,
      step: e.step,
      detail: e.detail ? withTransitionTitle(v.def, JSON.parse(e.detail) as Record<string, unknown>) : null,
    })),
    abilities: { update: v.mayHandle, draft: v.mayHandle },
  };
}
