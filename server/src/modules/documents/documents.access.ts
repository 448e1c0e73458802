import type { Executor, Trx } from '../../db/database';
import {
  checkFields,
  getTemplate,
  requiredMessage,
  type FieldProblem,
  type FieldValues,
  type Template,
} from '../../documents';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import type { BlobStore } from '../../storage/blob-store';
import { shanghaiDay } from '../../time';
import { casesRepository, type CaseRecord } from '../cases';
import { buildDocumentContext, DEFAULT_AGENCY_NAME } from './documents.context';
import { documentLedgerRows } from './documents.ledger';
import { documentsPolicy, type DocumentAccess } from './documents.policy';
import { presentDocument } from './documents.presenter';
import { documentsRepository, type DocumentRecord } from './documents.repository';
import type { DocumentView } from './documents.schemas';
import { newId } from '../../db/ids';

export interface DocumentsContext {
  deps: ServiceDeps;
  storage: BlobStore;
  dataDir: string;
  /** The issuing agency when the unit tree has no parent above the handling unit. */
  agencyName?: string;
}

export interface Found {
  doc: DocumentRecord;
  c: CaseRecord;
  access: DocumentAccess;
}

/** Turns a template's field problems into one 400 naming each field in both languages. */
export function checkValues(template: Template, values: unknown, mode: 'draft' | 'issue'): FieldValues {
  const result = checkFields(template, values, mode);
  if (result.ok) {
    return result.values;
  }
  const isMissing = (p: FieldProblem) => {
    const field = template.fields.find((f) => f.key === p.field);
    return field !== undefined && p.message['zh-CN'] === requiredMessage(field.label)['zh-CN'];
  };
  if (result.problems.every(isMissing)) {
    const labels = result.problems.map((p) => template.fields.find((f) => f.key === p.field)?.label);
    throw new AppError(
      400,
      'document.required_missing',
      {
        fields: {
          'zh-CN': labels.map((l) => l?.['zh-CN'] ?? '').join('、'),
          en: labels.map((l) => l?.en ?? '').join(', '),
        },
      },
      { field: result.problems[0]?.field ?? 'fields' },
    );
  }
  const problems = result.problems.filter((p) => !isMissing(p));
  throw new AppError(
    400,
    'document.field_invalid',
    {
      problems: {
        'zh-CN': problems.map((p) => p.message['zh-CN']).join('；'),
        en: problems.map((p) => p.message.en).join('; '),
      },
    },
    { field: problems[0]?.field || 'fields' },
  );
}

/**
 * A row of a list field may be given as a plain string: it fills the list's first text column
 * (the contract's field DTO names no columns, so a simple client sends lines of text).
 */
export function normaliseLists(template: Template, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const f of template.fields) {
    const v = out[f.key];
    const column = f.columns?.find((c) => c.type === 'text')?.key;
    if (f.type === 'list' && Array.isArray(v) && column) {
      out[f.key] = v.map((row: unknown) => (typeof row === 'string' ? { [column]: row } : row));
    }
  }
  return out;
}

/** What every documents operation shares: finding a document with its case, access, the ledger. */
export function createDocumentsAccess(ctx: DocumentsContext) {
  const { deps } = ctx;
  const agency = ctx.agencyName ?? DEFAULT_AGENCY_NAME;
  const today = () => shanghaiDay(deps.now());

  async function caseAccess(ex: Executor, caseId: string) {
    const c = await casesRepository.findById(ex, caseId);
    if (!c) {
      throw notFound();
    }
    const officers = await casesRepository.officers(ex, [caseId]);
    const access: DocumentAccess = { case: c, officerIds: officers.map((o) => o.user_id) };
    return { c, access };
  }

  return {
    today,

    templateOf(doc: { template_id: string; template_version: number }): Template {
      const template = getTemplate(doc.template_id, Number(doc.template_version));
      if (!template) {
        // A published template version is never removed while documents use it.
        throw new Error(`template ${doc.template_id} v${doc.template_version} is not registered`);
      }
      return template;
    },

    context(ex: Executor, c: CaseRecord) {
      return buildDocumentContext(ex, c, today(), agency);
    },

    /** The case, if the actor may read it (404 otherwise: a refusal looks like "not found"). */
    async readableCase(ex: Executor, actor: Actor, caseId: string) {
      const found = await caseAccess(ex, caseId);
      if (!documentsPolicy.read(actor, found.access)) {
        throw notFound();
      }
      return found;
    },

    /** The case, if the actor handles it and it is open (403 / 409 `case.closed`). */
    async handledCase(ex: Executor, actor: Actor, caseId: string, needOpen = true) {
      const found = await this.readableCase(ex, actor, caseId);
      if (!documentsPolicy.handle(actor, found.access)) {
        throw forbidden();
      }
      if (needOpen && found.c.status !== 'open') {
        throw new AppError(409, 'case.closed');
      }
      return found;
    },

    async visible(ex: Executor, actor: Actor, id: string): Promise<Found> {
      const doc = await documentsRepository.findById(ex, id);
      if (!doc) {
        throw notFound();
      }
      return { doc, ...(await this.readableCase(ex, actor, doc.case_id)) };
    },

    async handled(ex: Executor, actor: Actor, id: string, needOpen = true): Promise<Found> {
      const doc = await documentsRepository.findById(ex, id);
      if (!doc) {
        throw notFound();
      }
      return { doc, ...(await this.handledCase(ex, actor, doc.case_id, needOpen)) };
    },

    /**
     * Appends the document's leaf (its row and scans as now written) and, with `step`, the case
     * timeline row that carries the leaf's seq.
     */
    async record(
      trx: Trx,
      actor: Actor,
      doc: { id: string; case_id: string },
      action: string,
      options: { step?: string; detail?: object; blobSha256?: string },
    ) {
      const row = (await documentLedgerRows(trx, [doc.id])).get(doc.id);
      if (!row) {
        throw notFound();
      }
      const leaf = await deps.ledger.append(trx, {
        actorId: actor.id,
        action,
        subject: { type: 'document', id: doc.id },
        row,
        ...(options.blobSha256 ? { blobSha256: options.blobSha256 } : {}),
        ...(options.detail ? { detail: options.detail } : {}),
      });
      if (options.step !== undefined) {
        await casesRepository.insertEvent(trx, {
          id: newId(),
          case_id: doc.case_id,
          at: deps.now().toISOString(),
          actor_id: actor.id,
          action,
          step: options.step,
          detail: options.detail ? JSON.stringify(options.detail) : null,
          ledger_seq: leaf.seq,
        });
      }
      return leaf;
    },

    async present(ex: Executor, actor: Actor, id: string): Promise<DocumentView> {
      const found = await this.visible(ex, actor, id);
      const scans = await documentsRepository.scans(ex, [id]);
      return presentDocument(actor, found.doc, scans, this.templateOf(found.doc), found.access);
    },
  };
}

export type DocumentsAccess = ReturnType<typeof createDocumentsAccess>;
