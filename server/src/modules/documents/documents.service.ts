import type { DocumentUpdateInput } from '@quancheng/contracts';
import type { DocumentTable } from '../../db/types';
import { getTemplate, listTemplates, prefill } from '../../documents';
import { AppError, forbidden, invalidField } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { casesPolicy } from '../cases';
import {
  checkValues,
  createDocumentsAccess,
  normaliseLists,
  type DocumentsContext,
} from './documents.access';
import { createDocumentIssue } from './documents.issue';
import { createDocumentMedia } from './documents.media';
import { presentTemplate } from './documents.presenter';
import { documentsRepository } from './documents.repository';
import type { DocumentTemplateView, DocumentView } from './documents.schemas';
import { newId } from '../../db/ids';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * 文书: drafting from a template prefilled from the case, editing drafts, issuing (number, frozen
 * PDF and DOCX, hash on the ledger), corrections as new versions, scans of the signed paper.
 * Every write is one transaction with the document's ledger leaf and the case's timeline row.
 */
export function createDocumentsService(ctx: DocumentsContext) {
  const { deps } = ctx;
  const { db, write, now } = deps;
  const access = createDocumentsAccess(ctx);

  return {
    /** The newest version of every template (drafts are made from these). */
    templates(actor: Actor): DocumentTemplateView[] {
      if (!casesPolicy.scope(actor)) {
        throw forbidden();
      }
      return listTemplates().map(presentTemplate);
    },

    get(actor: Actor, id: string): Promise<DocumentView> {
      return access.present(db, actor, id);
    },

    /** A new draft of `templateId` for the case, its fields prefilled from the case as it is now. */
    async draft(actor: Actor, caseId: string, input: { templateId: string }): Promise<DocumentView> {
      const template = getTemplate(input.templateId);
      const id = await write(async (trx) => {
        const { c } = await access.handledCase(trx, actor, caseId);
        if (!template) {
          throw invalidField('templateId', 'document.template_unknown');
        }
        const at = now().toISOString();
        const row: DocumentTable = {
          id: newId(),
          case_id: caseId,
          template_id: template.id,
          template_version: template.version,
          title: template.title,
          version: 1,
          supersedes_id: null,
          state: 'draft',
          fields: JSON.stringify(prefill(template, await access.context(trx, c))),
          number: null,
          pdf_sha256: null,
          docx_sha256: null,
          created_by: actor.id,
          created_at: at,
          updated_at: at,
          issued_by: null,
          issued_at: null,
        };
        await documentsRepository.insert(trx, row);
        await access.record(trx, actor, row, 'document.drafted', {
          step: c.step,
          detail: { documentId: row.id, templateId: template.id, title: template.title, version: 1 },
        });
        return row.id;
      });
      return access.present(db, actor, id);
    },

    /**
     * Changes a draft's fields: the keys given replace the stored values (null clears one); each
     * is checked against the template's draft schema (unknown keys and wrong types refused,
     * required fields not yet). Nothing changed writes nothing.
     */
    async update(actor: Actor, id: string, input: DocumentUpdateInput): Promise<DocumentView> {
      await write(async (trx) => {
        const { doc, c } = await access.handled(trx, actor, id);
        if (doc.state !== 'draft') {
          throw new AppError(409, 'document.issued_readonly');
        }
        const template = access.templateOf(doc);
        const incoming = checkValues(template, normaliseLists(template, input.fields), 'draft');
        const current = JSON.parse(doc.fields) as Record<string, unknown>;
        const next = { ...current };
        const changed: string[] = [];
        for (const [key, value] of Object.entries(incoming)) {
          const blank = value === null || value === undefined;
          if (!same(current[key], blank ? null : value)) {
            changed.push(key);
          }
          if (blank) {
            delete next[key];
          } else {
            next[key] = value;
          }
        }
        if (changed.length === 0) {
          return;
        }
        await documentsRepository.update(trx, id, {
          fields: JSON.stringify(next),
          updated_at: now().toISOString(),
        });
        await access.record(trx, actor, doc, 'document.edited', {
          step: c.step,
          detail: { documentId: id, changed },
        });
      });
      return access.present(db, actor, id);
    },

    /**
     * A correction (更正): the latest issued version becomes `superseded` (its files stay, readable
     * for ever) and a new draft version copies its fields. Both leaves in one transaction.
     */
    async revise(actor: Actor, id: string, input: { reason: string }): Promise<DocumentView> {
      const revisedId = await write(async (trx) => {
        const { doc, c } = await access.handled(trx, actor, id);
        if (doc.state === 'draft') {
          throw new AppError(409, 'document.not_issued');
        }
        if (doc.state === 'superseded') {
          throw new AppError(409, 'document.superseded');
        }
        const at = now().toISOString();
        const row: DocumentTable = {
          id: newId(),
          case_id: doc.case_id,
          template_id: doc.template_id,
          template_version: Number(doc.template_version),
          title: doc.title,
          version: Number(doc.version) + 1,
          supersedes_id: doc.id,
          state: 'draft',
          fields: doc.fields,
          number: null,
          pdf_sha256: null,
          docx_sha256: null,
          created_by: actor.id,
          created_at: at,
          updated_at: at,
          issued_by: null,
          issued_at: null,
        };
        await documentsRepository.update(trx, doc.id, { state: 'superseded', updated_at: at });
        await documentsRepository.insert(trx, row);
        await access.record(trx, actor, doc, 'document.superseded', {
          detail: { reason: input.reason, supersededBy: row.id },
        });
        await access.record(trx, actor, row, 'document.revised', {
          step: c.step,
          detail: {
            documentId: row.id,
            supersedes: doc.id,
            number: doc.number,
            version: row.version,
            reason: input.reason,
          },
        });
        return row.id;
      });
      return access.present(db, actor, revisedId);
    },

    issue: createDocumentIssue(ctx, access),
    ...createDocumentMedia(ctx, access),
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
