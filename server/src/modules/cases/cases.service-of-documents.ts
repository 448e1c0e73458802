import type { DeliveryList } from '@quancheng/contracts';
import type { WorkingCalendar } from '../../calendar';
import type { Executor, Trx } from '../../db/database';
import type { CaseTable, DocumentTable } from '../../db/types';
import { AppError, notFound, refused } from '../../http/errors';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import { shanghaiDay } from '../../time';
import {
  deliveriesRepository,
  deliveryListOf,
  deliveryProblems,
  effectiveOn,
  needsService,
  newDeliveryRow,
  type DeliveryFields,
} from './cases.deliveries';
import { casesRepository, type CaseRecord } from './cases.repository';
import { newId } from '../../db/ids';

export interface DocumentServiceContext {
  deps: ServiceDeps;
  calendar: WorkingCalendar;
  today: () => string;
  visible: (ex: Executor, actor: Actor, id: string) => Promise<{ c: CaseRecord; officers: string[] }>;
  /** The case, when the person may handle it and it is open. */
  handled: (ex: Executor, actor: Actor, id: string) => Promise<{ c: CaseRecord; officers: string[] }>;
  /**
   * The first effective service of a document: the procedure's `onService` for its template
   * (deadlines met and started from `effective`), recorded on the case.
   */
  applyService: (
    trx: Trx,
    actor: Actor,
    c: CaseTable,
    doc: DocumentTable,
    effective: string,
  ) => Promise<void>;
}

/**
 * 送达 (A18) as the cases service runs it: the records of service of a document, and recording one
 * attempt — its rules (`cases.deliveries.ts`), the row, its ledger leaf and timeline event, and on
 * the first effective service the procedure's deadlines, all in one transaction.
 */
export function createDocumentService(ctx: DocumentServiceContext) {
  const { db, ledger, now, write } = ctx.deps;

  async function documentOf(ex: Executor, id: string): Promise<DocumentTable> {
    const doc = await ex.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!doc) {
      throw notFound();
    }
    return doc;
  }

  async function list(actor: Actor, documentId: string): Promise<DeliveryList> {
    const doc = await documentOf(db, documentId);
    await ctx.visible(db, actor, doc.case_id);
    return deliveryListOf(doc, await deliveriesRepository.forDocuments(db, [doc.id]));
  }

  /**
   * Records one attempt to serve an issued document (A18.1–A18.5). The first effective service
   * meets and starts the deadlines the procedure ties to that document (`onService`), counted
   * from the day service took effect; the case's leaf records them.
   */
  async function record(actor: Actor, documentId: string, input: DeliveryFields): Promise<DeliveryList> {
    await write(async (trx) => {
      const doc = await documentOf(trx, documentId);
      const { c } = await ctx.handled(trx, actor, doc.case_id);
      if (doc.state !== 'issued' || !needsService(doc)) {
        throw new AppError(409, 'delivery.not_served_document');
      }
      const earlier = await deliveriesRepository.forDocuments(trx, [doc.id]);
      const linked = input.recordingId
        ? await trx
            .selectFrom('recording_links')
            .select('id')
            .where('case_id', '=', c.id)
            .where('recording_id', '=', input.recordingId)
            .where('removed_at', 'is', null)
            .executeTakeFirst()
        : undefined;
      const day = ctx.today();
      const problems = deliveryProblems(input, {
        today: day,
        issuedOn: doc.issued_at ? shanghaiDay(new Date(doc.issued_at)) : day,
        earlierFailed: earlier.some((e) => e.outcome === 'failed'),
        recordingLinked: linked !== undefined,
      });
      if (problems.length > 0) {
        throw refused('delivery.refused', {}, problems);
      }
      const effective = effectiveOn(input, ctx.calendar);
      const nowIso = now().toISOString();
      const row = newDeliveryRow(input, doc, effective, actor.id, nowIso);
      await deliveriesRepository.insert(trx, row);
      const leaf = await ledger.append(trx, {
        actorId: actor.id,
        action: row.outcome === 'served' ? 'delivery.served' : 'delivery.failed',
        subject: { type: 'delivery', id: row.id },
        row: { ...row, at_home: Number(row.at_home) },
      });
      await casesRepository.insertEvent(trx, {
        id: newId(),
        case_id: c.id,
        at: nowIso,
        actor_id: actor.id,
        action: row.outcome === 'served' ? 'document.served' : 'document.service_failed',
        step: c.step,
        detail: JSON.stringify({
          documentId: doc.id,
          title: doc.title,
          number: doc.number,
          method: row.method,
          effectiveOn: effective,
          reason: row.reason,
        }),
        ledger_seq: leaf.seq,
      });
      if (effective && !earlier.some((e) => e.effective_on !== null)) {
        await ctx.applyService(trx, actor, c, doc, effective);
      }
    });
    return list(actor, documentId);
  }

  return { list, record };
}
