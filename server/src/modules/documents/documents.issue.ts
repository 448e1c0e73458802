import { formatNumber, nextNumber } from '../../db/sequences';
import { renderDocx, renderPdf } from '../../documents';
import { AppError } from '../../http/errors';
import type { Actor } from '../../security/actor';
import { checkValues, type DocumentsAccess, type DocumentsContext } from './documents.access';
import { storeBytes } from './documents.files';
import { documentsRepository } from './documents.repository';
import type { DocumentView } from './documents.schemas';

/**
 * A pre-printed form (A10.1) carries the number printed on the paper, which the procedure used on
 * the case; a form whose number was not recorded cannot be issued.
 */
function preprintedNumber(data: string): string {
  const n = (JSON.parse(data) as { formNumber?: unknown }).formNumber;
  if (typeof n !== 'string' || n === '') {
    throw new AppError(409, 'document.form_number_missing', {
      form: { 'zh-CN': '当场行政处罚决定书', en: 'on-the-spot penalty decision' },
    });
  }
  return n;
}

/** The draft changed, or another issue took the number the files were rendered with: render again. */
class StaleRender extends Error {}

const ATTEMPTS = 5;

/**
 * Issuing (签发) freezes a draft: required fields enforced (400 naming their labels); the 文号
 * from the gapless sequence `doc:<templateId>` of this year (Asia/Shanghai) when the template is
 * numbered; the PDF and DOCX rendered with it and stored write-once; the row `issued` with both
 * hashes; the leaf `document.issued` carrying the PDF's SHA-256 — all in one transaction.
 *
 * Rendering takes a while, so it happens before the transaction, with the number the sequence
 * will hand out next; inside, the number is claimed and compared. If another issue took it first
 * (or the draft changed), the transaction rolls back — returning the number — and the files are
 * rendered again. A render or store failure likewise writes nothing and uses no number.
 */
export function createDocumentIssue(ctx: DocumentsContext, access: DocumentsAccess) {
  const { deps, storage, dataDir } = ctx;

  return async function issue(actor: Actor, id: string): Promise<DocumentView> {
    for (let attempt = 1; ; attempt++) {
      const { doc, c } = await access.handled(deps.db, actor, id);
      if (doc.state !== 'draft') {
        throw new AppError(409, 'document.not_draft');
      }
      const template = access.templateOf(doc);
      const values = checkValues(template, JSON.parse(doc.fields), 'issue');
      const day = access.today();
      const year = Number(day.slice(0, 4));
      const scope = `doc:${template.id}`;
      const pattern = template.numberPattern;
      const predicted = pattern ? (await documentsRepository.lastNumber(deps.db, scope, year)) + 1 : null;
      const number = template.numberFrom
        ? preprintedNumber(c.data)
        : pattern && predicted !== null
          ? formatNumber(pattern, year, predicted)
          : null;
      const context = await access.context(deps.db, c);
      const options = { draft: false, issueDate: day, ...(number ? { number } : {}) };
      const [pdf, docx] = [
        await renderPdf(template, values, context, options),
        await renderDocx(template, values, context, options),
      ];
      try {
        await deps.write(async (trx) => {
          const now = await access.handled(trx, actor, id);
          if (now.doc.state !== 'draft') {
            throw new AppError(409, 'document.not_draft');
          }
          if (now.doc.fields !== doc.fields) {
            throw new StaleRender();
          }
          if (pattern && (await nextNumber(trx, scope, year)) !== predicted) {
            throw new StaleRender();
          }
          const pdfSha256 = await storeBytes(storage, dataDir, pdf);
          const docxSha256 = await storeBytes(storage, dataDir, docx);
          const at = deps.now().toISOString();
          await documentsRepository.update(trx, id, {
            state: 'issued',
            number,
            pdf_sha256: pdfSha256,
            docx_sha256: docxSha256,
            issued_by: actor.id,
            issued_at: at,
            updated_at: at,
          });
          await access.record(trx, actor, now.doc, 'document.issued', {
            step: now.c.step,
            blobSha256: pdfSha256,
            detail: {
              documentId: id,
              title: doc.title,
              number,
              version: Number(doc.version),
              docxSha256,
            },
          });
        });
      } catch (error) {
        if (!(error instanceof StaleRender)) {
          throw error;
        }
        if (attempt >= ATTEMPTS) {
          throw new AppError(409, 'document.issue_busy');
        }
        continue;
      }
      return access.present(deps.db, actor, id);
    }
  };
}
