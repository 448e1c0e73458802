import { computeDue, orderedPeriodById, periodById } from '../../calendar';
import { completenessOf } from './cases.completeness';
import { createDocumentService } from './cases.service-of-documents';
import type {
  ApprovalDto,
  ApprovalList,
  ApprovalListQuery,
  CaseDto,
  CompletenessDto,
  CompletenessList,
  CaseList,
  CaseListQuery,
  CaseRegisterInput,
  CaseUpdateInput,
  DeadlineList,
  DeadlineListQuery,
  DecideInput,
  ProposeInput,
  TransitionInput,
} from '@quancheng/contracts';
import { caseRegisterInput, type Role } from '@quancheng/contracts';
import type { Executor, Trx } from '../../db/database';
import { formatNumber, nextNumber } from '../../db/sequences';
import type { CaseTable } from '../../db/types';
import { AppError, forbidden, invalidField, notFound, refused } from '../../http/errors';
import {
  applyTransition,
  currentProcedure,
  evaluateDecision,
  evaluateOverride,
  evaluateProposal,
  evaluateTransition,
  getProcedure,
  serviceEffects,
  startCase,
  type ProcedureDefinition,
} from '../../procedures';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import { shanghaiDay } from '../../time';
import { isCertifiedOn, usersRepository } from '../org';
import { approvalsRepository } from './approvals.repository';
import { approvalLedgerRows, caseLedgerRows } from './cases.ledger';
import {
  closeDeadlines,
  lightWindow,
  presentDeadline,
  refreshNextDue,
  startDeadline,
  type DeadlineClock,
} from './cases.deadlines';
import { casesPolicy } from './cases.policy';
import { presentApproval, presentCase, presentCaseSummary, titleOf } from './cases.presenter';
import { casesRepository, type CaseRecord } from './cases.repository';
import { loadSnapshot } from './cases.snapshot';
import { useFormNumber } from '../forms';
import type { BlobStore } from '../../storage/blob-store';
import {
  createFinePayments,
  fineFacts,
  loadFineAccount,
  paymentPlanProblems,
  SETTLE_TRANSITION,
} from './cases.payments';
import { newId } from '../../db/ids';

export interface CasesContext {
  deps: ServiceDeps;
  clock: DeadlineClock;
  /** Where receipt scans of fine payments are stored (A11.3). */
  files?: { storage: BlobStore; dataDir: string };
}

type Detail = Record<string, unknown>;

/**
 * Enforcement matters from registration on: numbers, officers, the procedure's transitions and
 * approvals, deadlines and the timeline. Every write is one transaction with its ledger leaf (the
 * case, with its officers and deadlines, as written) and its timeline event.
 */
export function createCasesService({ deps, clock, files }: CasesContext) {
  const { db, ledger, now, write } = deps;

  const today = () => shanghaiDay(now());

  async function recordCase(trx: Trx, actor: Actor, caseId: string, action: string, detail?: Detail) {
    const rows = await caseLedgerRows(trx, [caseId]);
    const row = rows.get(caseId);
    if (!row) {
      throw notFound();
    }
    const c = row as CaseTable;
    const leaf = await ledger.append(trx, {
      actorId: actor.id,
      action,
      subject: { type: 'case', id: caseId },
      row,
      ...(detail ? { detail } : {}),
    });
    await casesRepository.insertEvent(trx, {
      id: newId(),
      case_id: caseId,
      at: now().toISOString(),
      actor_id: actor.id,
      action,
      step: c.step,
      detail: detail ? JSON.stringify(detail) : null,
      ledger_seq: leaf.seq,
    });
  }

  async function recordApproval(trx: Trx, actor: Actor, requestId: string, action: string, detail?: Detail) {
    const row = (await approvalLedgerRows(trx, [requestId])).get(requestId);
    if (!row) {
      throw notFound();
    }
    const r = row as { case_id: string; step: string };
    const leaf = await ledger.append(trx, {
      actorId: actor.id,
      action,
      subject: { type: 'approval', id: requestId },
      row,
      ...(detail ? { detail } : {}),
    });
    await casesRepository.insertEvent(trx, {
      id: newId(),
      case_id: r.case_id,
      at: now().toISOString(),
      actor_id: actor.id,
      action,
      step: r.step,
      detail: detail ? JSON.stringify(detail) : null,
      ledger_seq: leaf.seq,
    });
  }

  function procedureOf(c: Pick<CaseTable, 'procedure_id' | 'procedure_version'>): ProcedureDefinition {
    const def = getProcedure(c.procedure_id, Number(c.procedure_version));
    if (!def) {
      // A case keeps the version it started under: a definition is never removed while cases use it.
      throw new Error(`procedure ${c.procedure_id}@${c.procedure_version} is not registered`);
    }
    return def;
  }

  async function officerIdsOf(ex: Executor, caseId: string): Promise<string[]> {
    return (await casesRepository.officers(ex, [caseId])).map((o) => o.user_id);
  }

  async function visible(
    ex: Executor,
    actor: Actor,
    id: string,
  ): Promise<{ c: CaseRecord; officers: string[] }> {
    const c = await casesRepository.findById(ex, id);
    if (!c) {
      throw notFound();
    }
    const officers = await officerIdsOf(ex, id);
    if (!casesPolicy.read(actor, c, officers)) {
      throw notFound();
    }
    return { c, officers };
  }

  async function handled(ex: Executor, actor: Actor, id: string) {
    const found = await visible(ex, actor, id);
    if (!casesPolicy.handle(actor, found.c, found.officers)) {
      throw forbidden();
    }
    if (found.c.status === 'closed') {
      throw new AppError(409, 'case.closed');
    }
    return found;
  }

  /** Officers must be distinct, active and certified today (A3.1, A19.2); at least two. */
  async function checkOfficers(ex: Executor, ids: readonly string[], day: string) {
    const unique = [...new Set(ids)];
    if (unique.length < 2) {
      throw invalidField('officerIds', 'case.officers_min');
    }
    const people = await usersRepository.findByIds(ex, unique);
    if (people.length !== unique.length) {
      throw invalidField('officerIds', 'case.officer_unknown');
    }
    const byId = new Map(people.map((p) => [p.id, p]));
    for (const id of unique) {
      const person = byId.get(id);
      if (!person || person.active !== 1) {
        throw invalidField('officerIds', 'case.officer_unknown');
      }
      if (!isCertifiedOn(person, day)) {
        throw invalidField('officerIds', 'case.officer_uncertified', { name: person.name });
      }
    }
    return unique.map((id) => byId.get(id)!);
  }

  /** The engine's view of a case, with the working-day calendar for `leadTime` conditions. */
  async function snapshotOf(ex: Executor, c: CaseTable, day: string) {
    const def = procedureOf(c);
    // The completeness report, only where a transition from here needs a complete file (A12.1).
    const needsReport = def.transitions.some((t) => t.requiresComplete && t.from.some((f) => f === c.step));
    const incomplete = needsReport
      ? (await completenessOf(ex, c, def)).items
          .filter((i) => i.status === 'missing')
          .map((i) => ({
            code: 'record_missing' as const,
            ...(i.ruleId ? { ruleId: i.ruleId } : {}),
            params: { kind: i.kind, transition: i.transition },
            message: {
              'zh-CN': `缺少${i.label['zh-CN']}（${i.transitionTitle['zh-CN']}${i.ruleId ? `，${i.ruleId}` : ''}）`,
              en: `Missing: ${i.label.en} (${i.transitionTitle.en}${i.ruleId ? `, ${i.ruleId}` : ''})`,
            },
          }))
      : undefined;
    const loaded = await loadSnapshot(ex, c, day);
    // A11.3: the fine account as facts (paid in full, overdue) for settling, hand-over and closing.
    loaded.facts.data = { ...loaded.facts.data, ...fineFacts(await loadFineAccount(ex, c, def, day)) };
    return {
      ...loaded,
      incomplete,
      dueOf: (periodId: string, from: string) => {
        try {
          return computeDue(clock.calendar, periodId, from).due.slice(0, 10);
        } catch {
          return undefined;
        }
      },
    };
  }

  async function deadlinesStarting(
    trx: Trx,
    c: { id: string },
    periods: readonly string[],
    trigger: string,
    startedOn: string,
    data: Record<string, unknown> = {},
  ) {
    for (const periodId of periods) {
      // A period the decision sets (A11.1's 限期): due on the date it recorded.
      const ordered = orderedPeriodById(periodId);
      if (ordered) {
        const due = data[ordered.setBy];
        if (typeof due === 'string') {
          await startDeadline(trx, clock, {
            caseId: c.id,
            periodId,
            trigger,
            startedOn,
            createdAt: now().toISOString(),
            dueOn: due,
          });
        }
        continue;
      }
      // An extension runs on from the due date of the deadline it extends, which it replaces.
      const extended = periodById(periodId)?.extends;
      let from = startedOn;
      if (extended) {
        const open = (await casesRepository.deadlines(trx, [c.id])).find(
          (d) => d.period_id === extended && d.status === 'open',
        );
        if (open) {
          from = open.due_on;
          await casesRepository.updateDeadline(trx, open.id, {
            status: 'extended',
            met_at: now().toISOString(),
          });
        }
      }
      await startDeadline(trx, clock, {
        caseId: c.id,
        periodId,
        trigger,
        startedOn: from,
        createdAt: now().toISOString(),
      });
    }
  }

  async function detail(ex: Executor, actor: Actor, c: CaseRecord, officerIds: string[]): Promise<CaseDto> {
    const day = today();
    const window = lightWindow(clock, day);
    const def = procedureOf(c);
    const [officers, deadlines, approvals, documents, events, snapshot] = await Promise.all([
      casesRepository.officers(ex, [c.id]),
      casesRepository.deadlines(ex, [c.id]),
      approvalsRepository.forCase(ex, c.id),
      ex
        .selectFrom('documents')
        .selectAll()
        .where('case_id', '=', c.id)
        .orderBy('created_at')
        .orderBy('version')
        .execute(),
      casesRepository.events(ex, c.id),
      snapshotOf(ex, c, day),
    ]);
    return presentCase({
      actor,
      def,
      c,
      officers,
      deadlines: deadlines.map((d) => presentDeadline(clock, window, d, c)),
      approvals: approvals.map((a) => presentApproval(actor, a, c, def, decideFor)),
      documents,
      events,
      snapshot,
      window,
      mayHandle: casesPolicy.handle(actor, c, officerIds) && c.status === 'open',
    });
  }

  /** Performs a transition the engine allows: step, effects, deadlines, approvals, ledger, timeline. */
  async function perform(
    trx: Trx,
    actor: Actor,
    c: CaseTable,
    def: ProcedureDefinition,
    transitionId: string,
    inputs: Record<string, unknown>,
    override: { reason: string } | undefined,
  ) {
    const day = today();
    const applied = applyTransition(def, await snapshotOf(trx, c, day), transitionId, inputs);
    const nowIso = now().toISOString();
    const record = { ...applied.record };
    if (applied.effects.includes('record_fine_account')) {
      // A11.3: what is owed when the unpaid fine goes to compulsion, for that procedure to take up.
      const account = await loadFineAccount(trx, c, def, day);
      if (account) {
        record.fineAccountAtHandover = {
          on: day,
          principalBalanceFen: account.principalBalanceFen,
          surchargeFen: account.surchargeFen,
          balanceFen: account.balanceFen,
        };
      }
    }
    if (applied.effects.includes('use_form_number')) {
      // A10.1: the number printed on the form is accounted for on this case, as printed.
      record.formNumber = await useFormNumber(
        trx,
        ledger,
        actor,
        c,
        'onspot_decision',
        typeof record.formNumber === 'string' ? record.formNumber : '',
        nowIso,
      );
    }
    const patch: Partial<CaseTable> = {
      step: applied.to,
      stage: applied.stage,
      status: applied.status,
      updated_at: nowIso,
      data: JSON.stringify({ ...(JSON.parse(c.data) as object), ...record }),
    };
    const effects: Detail = {};
    if (applied.effects.includes('assign_case_number') && c.number === null) {
      const year = Number(day.slice(0, 4));
      const n = await nextNumber(trx, `case:${c.kind}`, year);
      patch.number = formatNumber(def.numbers.case, year, n);
      patch.opened_at = nowIso;
      effects.number = patch.number;
    }
    if (applied.status === 'closed' || applied.effects.includes('close_case')) {
      patch.status = 'closed';
      patch.closed_at = nowIso;
    }
    await casesRepository.update(trx, c.id, patch);
    const met = await closeDeadlines(trx, c.id, applied.meetsDeadlines, 'met', nowIso);
    if (patch.status === 'closed') {
      await closeDeadlines(trx, c.id, 'all', 'cancelled', nowIso);
    }
    if (patch.status !== 'closed') {
      await deadlinesStarting(trx, c, applied.startsDeadlines, transitionId, day, {
        ...(JSON.parse(c.data) as Record<string, unknown>),
        ...record,
      });
    }
    await refreshNextDue(trx, c.id);
    // The approval that carried the transition is used up; approvals for transitions no longer
    // possible from the new step are withdrawn.
    const requests = await approvalsRepository.forCase(trx, c.id);
    for (const r of requests) {
      if (
        applied.consumesApproval &&
        r.transition === transitionId &&
        r.state === 'approved' &&
        !r.consumed_at
      ) {
        await approvalsRepository.update(trx, r.id, { consumed_at: nowIso });
        await recordApproval(trx, actor, r.id, 'approval.consumed', { transition: transitionId });
      } else if (applied.withdrawPending.includes(r.transition) && r.state === 'pending') {
        await approvalsRepository.update(trx, r.id, {
          state: 'withdrawn',
          next_role: null,
          decided_at: nowIso,
        });
        await recordApproval(trx, actor, r.id, 'approval.withdrawn', { because: transitionId });
      }
    }
    await recordCase(trx, actor, c.id, patch.number ? 'case.opened' : 'case.transitioned', {
      transition: transitionId,
      from: c.step,
      to: applied.to,
      ...(Object.keys(record).length ? { inputs: record } : {}),
      ...(met.length ? { deadlinesMet: met } : {}),
      ...(applied.startsDeadlines.length && patch.status !== 'closed'
        ? { deadlinesStarted: applied.startsDeadlines }
        : {}),
      ...(override ? { override: { reason: override.reason } } : {}),
      ...effects,
    });
  }

  const payments = createFinePayments({
    deps,
    files,
    today,
    procedureOf,
    visible,
    async settle(trx, actor, caseId) {
      // The payment that pays the account off moves the case on (A11.3), as a case transition.
      const c = (await casesRepository.findById(trx, caseId))!;
      const def = procedureOf(c);
      const who = { id: actor.id, roles: actor.roles };
      if (evaluateTransition(def, await snapshotOf(trx, c, today()), SETTLE_TRANSITION, who).allowed) {
        await perform(trx, actor, c, def, SETTLE_TRANSITION, {}, undefined);
      }
    },
    async event(trx, actor, c, action, seq, detail) {
      await casesRepository.insertEvent(trx, {
        id: newId(),
        case_id: c.id,
        at: now().toISOString(),
        actor_id: actor.id,
        action,
        step: c.step,
        detail: JSON.stringify(detail),
        ledger_seq: seq,
      });
    },
  });

  const service = createDocumentService({
    deps,
    calendar: clock.calendar,
    today,
    visible,
    handled,
    async applyService(trx, actor, c, doc, effective) {
      const fx = serviceEffects(procedureOf(c), doc.template_id, (await snapshotOf(trx, c, today())).facts);
      if (fx.meetsDeadlines.length + fx.startsDeadlines.length === 0) {
        return;
      }
      const met = await closeDeadlines(trx, c.id, fx.meetsDeadlines, 'met', now().toISOString());
      await deadlinesStarting(trx, c, fx.startsDeadlines, `service:${doc.template_id}`, effective);
      await refreshNextDue(trx, c.id);
      await recordCase(trx, actor, c.id, 'case.service_effective', {
        documentId: doc.id,
        title: doc.title,
        effectiveOn: effective,
        ...(met.length ? { deadlinesMet: met } : {}),
        ...(fx.startsDeadlines.length ? { deadlinesStarted: fx.startsDeadlines } : {}),
      });
    },
  });

  return {
    /** The fine's payments and account (A11.2, A11.3). */
    payments: payments.list,
    /** Records a payment with its receipt (finance); the one that pays it off moves the case on. */
    recordPayment: payments.record,
    /** The scan of a payment's bill, read with an access leaf. */
    paymentReceipt: payments.receipt,

    async officerOptions(actor: Actor, unitId: string | undefined) {
      if (!casesPolicy.register(actor) && !casesPolicy.scope(actor)) {
        throw forbidden();
      }
      const unit = unitId ?? actor.unitId;
      const day = today();
      const people = await db
        .selectFrom('users')
        .selectAll()
        .where('unit_id', '=', unit)
        .where('active', '=', 1)
        .where('cert_no', 'is not', null)
        .orderBy('name')
        .execute();
      return {
        items: people.map((p) => ({
          id: p.id,
          name: p.name,
          certNo: p.cert_no,
          certifiedToday: isCertifiedOn(p, day),
          unitId: p.unit_id,
        })),
      };
    },

    async register(actor: Actor, raw: CaseRegisterInput): Promise<CaseDto> {
      if (!casesPolicy.register(actor)) {
        throw forbidden();
      }
      const input = caseRegisterInput.parse(raw);
      const day = today();
      const unitId = input.unitId ?? actor.unitId;
      if (unitId !== actor.unitId && casesPolicy.scope(actor)?.kind !== 'all') {
        throw invalidField('unitId', 'case.unit_not_own');
      }
      if (input.receivedOn > day) {
        throw invalidField('receivedOn', 'case.received_future');
      }
      if (input.violationEndedOn && input.violationEndedOn > input.receivedOn) {
        throw invalidField('violationEndedOn', 'case.violation_after_received');
      }
      const def =
        input.procedure === 'simplified'
          ? input.kind === 'penalty'
            ? currentProcedure('penalty', 'penalty_simplified')
            : undefined
          : currentProcedure(input.kind);
      if (!def) {
        throw invalidField('kind', 'case.procedure_missing', { kind: input.kind });
      }
      const id = await write(async (trx) => {
        const officers = await checkOfficers(trx, input.officerIds, day);
        let partyName = input.partyName ?? null;
        if (input.partyId) {
          const party = await trx
            .selectFrom('parties')
            .selectAll()
            .where('id', '=', input.partyId)
            .executeTakeFirst();
          if (!party) {
            throw invalidField('partyId', 'case.party_unknown');
          }
          partyName = party.name;
        }
        const year = Number(day.slice(0, 4));
        const n = await nextNumber(trx, `reg:${input.kind}`, year);
        const nowIso = now().toISOString();
        const row: CaseTable = {
          id: newId(),
          kind: input.kind,
          procedure_id: def.id,
          procedure_version: def.version,
          stage: def.steps.find((x) => x.id === def.initial.step)?.stage ?? '',
          step: def.initial.step,
          status: 'open',
          source: input.source,
          year,
          reg_number: formatNumber(def.numbers.registration, year, n),
          number: null,
          party_id: input.partyId ?? null,
          party_name: partyName,
          complainant: input.complainant ? JSON.stringify(input.complainant) : null,
          cause: input.cause,
          facts: input.facts,
          received_on: input.receivedOn,
          violation_ended_on: input.violationEndedOn ?? null,
          data: JSON.stringify({
            evidenceProvided: input.evidenceProvided,
            withinJurisdiction: input.withinJurisdiction,
          }),
          unit_id: unitId,
          lead_officer_id: officers[0]!.id,
          next_due_on: null,
          created_by: actor.id,
          created_at: nowIso,
          updated_at: nowIso,
          opened_at: null,
          closed_at: null,
        };
        await casesRepository.insert(trx, row);
        await casesRepository.insertOfficers(
          trx,
          officers.map((o, i) => ({
            case_id: row.id,
            user_id: o.id,
            position: i === 0 ? 'lead' : 'assist',
            cert_no: o.cert_no!,
          })),
        );
        const start = startCase(def, (await snapshotOf(trx, row, day)).facts);
        await deadlinesStarting(trx, row, start.startsDeadlines, 'registered', input.receivedOn);
        await refreshNextDue(trx, row.id);
        await recordCase(trx, actor, row.id, 'case.registered', { regNumber: row.reg_number });
        return row.id;
      });
      return this.get(actor, id);
    },

    async list(actor: Actor, query: CaseListQuery): Promise<CaseList> {
      const scope = casesPolicy.scope(actor);
      if (!scope) {
        throw forbidden();
      }
      const window = lightWindow(clock, today());
      const { rows, total, totalExact } = await casesRepository.list(db, query, scope, window);
      return {
        items: rows.map((r) => presentCaseSummary(r, procedureOf(r), window)),
        total,
        totalExact,
        page: query.page,
        pageSize: query.pageSize,
        abilities: { register: casesPolicy.register(actor) },
      };
    },

    /**
     * Completeness across cases (A33.1): one page of the cases the person may see (the case
     * list's filters), each with the number of missing records and late uploads.
     */
    async completenessList(actor: Actor, query: CaseListQuery): Promise<CompletenessList> {
      const scope = casesPolicy.scope(actor);
      if (!scope) {
        throw forbidden();
      }
      const window = lightWindow(clock, today());
      const { rows, total, totalExact } = await casesRepository.list(db, query, scope, window);
      const items = [];
      for (const r of rows) {
        const report = await completenessOf(db, r, procedureOf(r));
        items.push({
          case: presentCaseSummary(r, procedureOf(r), window),
          complete: report.complete,
          missing: report.missing,
          lateUploads: report.lateUploads,
        });
      }
      return { items, total, totalExact, page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<CaseDto> {
      const { c, officers } = await visible(db, actor, id);
      return detail(db, actor, c, officers);
    },

    /** The records of service (送达, A18) of one document. */
    deliveries: service.list,
    /** Records one attempt to serve an issued document (A18.1–A18.5). */
    deliver: service.record,

    /** What the case's completed steps required, present or missing (A33.1), and late uploads (A25.1). */
    async completeness(actor: Actor, id: string): Promise<CompletenessDto> {
      const { c } = await visible(db, actor, id);
      return completenessOf(db, c, procedureOf(c));
    },

    async update(actor: Actor, id: string, input: CaseUpdateInput): Promise<CaseDto> {
      await write(async (trx) => {
        const { c } = await handled(trx, actor, id);
        const before: Detail = {};
        const patch: Partial<CaseTable> = {};
        const data = JSON.parse(c.data) as Record<string, unknown>;
        if (input.partyId !== undefined && input.partyId !== c.party_id) {
          if (input.partyId) {
            const party = await trx
              .selectFrom('parties')
              .select('name')
              .where('id', '=', input.partyId)
              .executeTakeFirst();
            if (!party) {
              throw invalidField('partyId', 'case.party_unknown');
            }
            patch.party_name = party.name;
          }
          before.partyId = c.party_id;
          before.partyName = c.party_name;
          patch.party_id = input.partyId;
        }
        if (input.partyName !== undefined && !patch.party_name && input.partyName !== c.party_name) {
          before.partyName = c.party_name;
          patch.party_name = input.partyName;
        }
        for (const [key, column] of [
          ['cause', 'cause'],
          ['facts', 'facts'],
          ['violationEndedOn', 'violation_ended_on'],
        ] as const) {
          if (input[key] !== undefined && input[key] !== c[column]) {
            before[key] = c[column];
            (patch as Record<string, unknown>)[column] = input[key];
          }
        }
        const violationEnd = patch.violation_ended_on ?? c.violation_ended_on;
        if (violationEnd && violationEnd > c.received_on) {
          throw invalidField('violationEndedOn', 'case.violation_after_received');
        }
        for (const key of ['evidenceProvided', 'withinJurisdiction', 'suspectedCrime'] as const) {
          if (input[key] !== undefined && input[key] !== data[key]) {
            before[key] = data[key];
            data[key] = input[key];
          }
        }
        patch.data = JSON.stringify(data);
        patch.updated_at = now().toISOString();
        await casesRepository.update(trx, id, patch);
        await recordCase(trx, actor, id, 'case.updated', { reason: input.reason, before });
      });
      return this.get(actor, id);
    },

    /** Starts the approval chain of a transition (e.g. the 立案审批表). */
    async propose(actor: Actor, id: string, transitionId: string, input: ProposeInput): Promise<CaseDto> {
      await write(async (trx) => {
        const { c } = await handled(trx, actor, id);
        const def = procedureOf(c);
        const transition = def.transitions.find((t) => t.id === transitionId);
        if (!transition?.approval) {
          throw new AppError(404, 'case.transition_unknown');
        }
        const snapshot = await snapshotOf(trx, c, today());
        const verdict = evaluateProposal(def, snapshot, transitionId, { id: actor.id, roles: actor.roles });
        if (!verdict.allowed) {
          throw refused('case.refused', { action: titleOf(transition.title) }, verdict.missing);
        }
        const plan = await paymentPlanProblems(trx, c, def, transition, input.inputs ?? {}, today());
        if (plan.length) {
          throw refused('payment.plan_refused', {}, plan);
        }
        const chain = transition.approval.chain;
        const requestId = newId();
        await approvalsRepository.insert(trx, {
          id: requestId,
          case_id: c.id,
          transition: transitionId,
          step: c.step,
          chain: JSON.stringify(chain),
          position: 0,
          next_role: chain[0] ?? null,
          state: chain.length ? 'pending' : 'approved',
          unit_id: c.unit_id,
          document_id: null,
          proposed_by: actor.id,
          proposed_at: now().toISOString(),
          opinion: input.opinion,
          decided_at: null,
          consumed_at: null,
        });
        // Only the values the transition declares are recorded (e.g. the transfer's recipient).
        const declared = new Set((transition.inputs ?? []).map((i) => i.key));
        const inputs = Object.fromEntries(
          Object.entries(input.inputs ?? {}).filter(([k]) => declared.has(k)),
        );
        if (Object.keys(inputs).length) {
          const data = { ...(JSON.parse(c.data) as object), ...inputs };
          await casesRepository.update(trx, c.id, {
            data: JSON.stringify(data),
            updated_at: now().toISOString(),
          });
          await recordCase(trx, actor, c.id, 'case.updated', { inputs });
        }
        await recordApproval(trx, actor, requestId, 'approval.proposed', {
          transition: transitionId,
          opinion: input.opinion,
        });
      });
      return this.get(actor, id);
    },

    async decide(actor: Actor, requestId: string, input: DecideInput): Promise<ApprovalDto> {
      const caseId = await write(async (trx) => {
        const request = await approvalsRepository.findById(trx, requestId);
        if (!request) {
          throw notFound();
        }
        const c = await casesRepository.findById(trx, request.case_id);
        if (!c) {
          throw notFound();
        }
        const officers = await officerIdsOf(trx, c.id);
        if (!casesPolicy.read(actor, c, officers)) {
          throw notFound();
        }
        if (request.state !== 'pending') {
          throw new AppError(409, 'approval.not_pending');
        }
        const def = procedureOf(c);
        const transition = def.transitions.find((t) => t.id === request.transition);
        const snapshot = await snapshotOf(trx, c, today());
        const verdict = evaluateDecision(def, snapshot, request.transition, {
          id: actor.id,
          roles: actor.roles,
        });
        const role = request.next_role ?? '';
        if (verdict.allowed && !casesPolicy.decideFor(actor, role, c)) {
          throw forbidden();
        }
        if (!verdict.allowed) {
          throw refused('case.refused', { action: titleOf(transition?.title) }, verdict.missing);
        }
        const chain = JSON.parse(request.chain) as string[];
        const position = Number(request.position);
        const at = now().toISOString();
        await approvalsRepository.insertDecision(trx, {
          id: newId(),
          request_id: request.id,
          position,
          role,
          actor_id: actor.id,
          decision: input.decision,
          opinion: input.opinion,
          at,
        });
        const last = position + 1 >= chain.length;
        const state = input.decision === 'reject' ? 'rejected' : last ? 'approved' : 'pending';
        await approvalsRepository.update(trx, request.id, {
          position: position + 1,
          next_role: state === 'pending' ? (chain[position + 1] ?? null) : null,
          state,
          decided_at: state === 'pending' ? null : at,
        });
        await recordApproval(
          trx,
          actor,
          request.id,
          input.decision === 'reject' ? 'approval.rejected' : 'approval.approved',
          {
            transition: request.transition,
            role,
            opinion: input.opinion,
            final: state !== 'pending',
          },
        );
        // The final approval moves the case on its own when nothing else is missing (e.g. 立案).
        if (state === 'approved') {
          const fresh = (await casesRepository.findById(trx, c.id))!;
          const after = await snapshotOf(trx, fresh, today());
          const proposer = { id: request.proposed_by, roles: await rolesOf(trx, request.proposed_by) };
          if (evaluateTransition(def, after, request.transition, proposer).allowed) {
            await perform(trx, actor, fresh, def, request.transition, {}, undefined);
          }
        }
        return c.id;
      });
      const found = (await approvalsRepository.forCase(db, caseId)).find((a) => a.id === requestId)!;
      const c = (await casesRepository.findById(db, caseId))!;
      return presentApproval(actor, found, c, procedureOf(c), decideFor);
    },

    async transition(
      actor: Actor,
      id: string,
      transitionId: string,
      input: TransitionInput,
    ): Promise<CaseDto> {
      await write(async (trx) => {
        const { c } = await handled(trx, actor, id);
        const def = procedureOf(c);
        const transition = def.transitions.find((t) => t.id === transitionId);
        if (!transition) {
          throw new AppError(404, 'case.transition_unknown');
        }
        const declared = new Set((transition.inputs ?? []).map((i) => i.key));
        const inputs = Object.fromEntries(
          Object.entries(input.inputs ?? {}).filter(([k]) => declared.has(k)),
        );
        const snapshot = await snapshotOf(trx, c, today());
        if (input.override) {
          const o = evaluateOverride(
            def,
            transitionId,
            { id: actor.id, roles: actor.roles },
            input.override.reason,
          );
          if (!o.allowed) {
            throw refused('case.refused', { action: titleOf(transition.title) }, o.missing);
          }
          snapshot.overrides.push({ transition: transitionId, covers: o.covers });
        }
        const verdict = evaluateTransition(
          def,
          snapshot,
          transitionId,
          { id: actor.id, roles: actor.roles },
          { inputs },
        );
        if (!verdict.allowed) {
          throw refused('case.refused', { action: titleOf(transition.title) }, verdict.missing);
        }
        const plan = await paymentPlanProblems(trx, c, def, transition, inputs, today());
        if (plan.length) {
          throw refused('payment.plan_refused', {}, plan);
        }
        if (input.override) {
          await recordCase(trx, actor, c.id, 'case.overridden', {
            transition: transitionId,
            covers: snapshot.overrides.at(-1)?.covers ?? [],
            reason: input.override.reason,
          });
        }
        await perform(trx, actor, c, def, transitionId, inputs, input.override);
      });
      return this.get(actor, id);
    },

    async approvals(actor: Actor, query: ApprovalListQuery): Promise<ApprovalList> {
      const scope = casesPolicy.scope(actor);
      if (!scope) {
        throw forbidden();
      }
      const { rows, total } = await approvalsRepository.list(db, actor, query, scope);
      const cases = new Map(
        (await casesRepository.findRowsByIds(db, [...new Set(rows.map((r) => r.case_id))])).map((c) => [
          c.id,
          c,
        ]),
      );
      return {
        items: rows.map((r) => {
          const c = cases.get(r.case_id)!;
          return presentApproval(actor, r, c, procedureOf(c), decideFor);
        }),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** "My deadlines": open deadlines of the cases I work on (officers) or head (unit heads). */
    async myDeadlines(actor: Actor, query: DeadlineListQuery): Promise<DeadlineList> {
      if (!casesPolicy.scope(actor)) {
        throw forbidden();
      }
      const window = lightWindow(clock, today());
      const { rows, total } = await approvalsRepository.deadlinesFor(db, actor, query, window);
      return {
        items: rows.map((r) => presentDeadline(clock, window, r, r)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}

async function rolesOf(ex: Executor, userId: string): Promise<Role[]> {
  const rows = await ex.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role as Role);
}

const decideFor = (actor: Actor, role: string, c: { unit_id: string }) =>
  casesPolicy.decideFor(actor, role, c);

export type CasesService = ReturnType<typeof createCasesService>;
