import { deliveryInput, type DeliveryDto, type DeliveryList } from '@quancheng/contracts';
import type { z } from 'zod';
import { computeDue, type WorkingCalendar } from '../../calendar';
import type { Executor, Trx } from '../../db/database';
import type { DocumentDeliveryTable, DocumentTable } from '../../db/types';
import { getTemplate } from '../../documents';
import type { MissingItem } from '../../http/errors';
import { newId } from '../../db/ids';

/**
 * 送达 (A18): the rules a record of service must meet, pure so they can be read and tested alone.
 * Each broken rule is one item with its rule ID and a zh-CN/en sentence.
 */
/** A record of service as the route has validated it (defaults applied). */
export type DeliveryFields = z.output<typeof deliveryInput>;
type Parsed = DeliveryFields;

const item = (ruleId: string, zh: string, en: string): MissingItem => ({
  code: 'condition',
  ruleId,
  message: { 'zh-CN': zh, en },
});

/**
 * Whether a template's documents are served (送达) on the party or complainant: the notices and
 * decisions addressed to them (letters), not the 笔录 they sign on the spot.
 */
export function templateNeedsService(template: { recipient: string; style: string } | undefined): boolean {
  return (
    template !== undefined &&
    (template.recipient === 'party' || template.recipient === 'complainant') &&
    template.style === 'letter'
  );
}

export function needsService(doc: Pick<DocumentTable, 'template_id' | 'template_version'>): boolean {
  return templateNeedsService(getTemplate(doc.template_id, Number(doc.template_version)));
}

export function deliveryProblems(
  d: Parsed,
  ctx: { today: string; issuedOn: string; earlierFailed: boolean; recordingLinked: boolean },
): MissingItem[] {
  const out: MissingItem[] = [];
  if (d.outcome === 'failed') {
    if (!d.reason) {
      out.push(item('A18.4', '请写明未能送达的原因', 'Say why the attempt failed'));
    }
    if (d.method === 'public_notice') {
      out.push(item('A18.4', '公告送达不存在“未送达”', 'A public notice cannot fail to be served'));
    }
  } else {
    if (!d.servedOn) {
      out.push(
        item(
          'A19.1',
          d.method === 'public_notice' ? '缺少公告发布日期' : '缺少送达（签收）日期',
          d.method === 'public_notice'
            ? 'The day the notice was published is missing'
            : 'The day of service is missing',
        ),
      );
    }
    switch (d.method) {
      case 'direct':
        if (!d.recipient) {
          out.push(
            item('A18.1', '直接送达须记录签收人（送达回证）', 'Direct service names who signed the receipt'),
          );
        }
        break;
      case 'lien':
        if (d.witnesses.length === 0 && !d.recordingId) {
          out.push(
            item(
              'A18.2',
              '留置送达须有见证人或录音录像',
              'Service by leaving it needs witnesses or an AV record',
            ),
          );
        }
        break;
      case 'entrusted':
        if (!d.agent) {
          out.push(item('A18.3', '委托送达须写明受托机关', 'Entrusted service names the body entrusted'));
        }
        break;
      case 'mail':
        if (!d.trackingNumber) {
          out.push(item('A18.3', '邮寄送达须记录邮件单号', 'Service by mail records the tracking number'));
        }
        break;
      case 'public_notice':
        if (!ctx.earlierFailed) {
          out.push(
            item(
              'A18.4',
              '公告送达只能在其他方式无法送达后采用：请先记录未能送达的情况',
              'A public notice is used only after the other ways failed: record the failed attempt first',
            ),
          );
        }
        if (!d.reason) {
          out.push(
            item('A18.4', '须写明采用公告送达的原因和经过', 'Say why and how it came to a public notice'),
          );
        }
        if (!d.publication) {
          out.push(
            item('A18.4', '须写明公告刊登的报纸或网站', 'Name the newspaper or website of the notice'),
          );
        }
        break;
    }
    if (d.servedOn && d.servedOn > ctx.today) {
      out.push(item('A19.1', '送达日期不能晚于今天', 'The day of service cannot be in the future'));
    }
    if (d.servedOn && d.servedOn < ctx.issuedOn) {
      out.push(item('A19.1', '送达日期不能早于文书签发日期', 'The day of service cannot precede the issue'));
    }
    const needsAv =
      d.method === 'lien' || d.method === 'public_notice' || (d.method === 'direct' && d.atHome);
    if (needsAv && !d.recordingId) {
      out.push({
        code: 'recording_missing',
        ruleId: 'A18.5',
        message: {
          'zh-CN': '在当事人住所直接送达、留置送达和公告送达须全程录音录像（A18.5）',
          en: 'Service at a home, by leaving it and by public notice must be recorded on AV (A18.5)',
        },
      });
    }
  }
  if (d.recordingId && !ctx.recordingLinked) {
    out.push({
      code: 'recording_missing',
      ruleId: 'A18.5',
      message: {
        'zh-CN': '所选音像记录未关联到本案',
        en: 'The AV record chosen is not linked to this case',
      },
    });
  }
  return out;
}

/** The day service takes effect: the day itself, or for a public notice 30 days after publication. */
export function effectiveOn(d: Parsed, calendar: WorkingCalendar): string | null {
  if (d.outcome !== 'served' || !d.servedOn) {
    return null;
  }
  return d.method === 'public_notice'
    ? computeDue(calendar, 'public_notice_effect', d.servedOn).due.slice(0, 10)
    : d.servedOn;
}

export function newDeliveryRow(
  d: Parsed,
  doc: Pick<DocumentTable, 'id' | 'case_id'>,
  effective: string | null,
  by: string,
  at: string,
): DocumentDeliveryTable {
  return {
    id: newId(),
    document_id: doc.id,
    case_id: doc.case_id,
    method: d.method,
    outcome: d.outcome,
    at_home: d.atHome ? 1 : 0,
    served_on: d.servedOn ?? null,
    effective_on: effective,
    recipient: d.recipient ?? null,
    witnesses: d.witnesses.length ? JSON.stringify(d.witnesses) : null,
    agent: d.agent ?? null,
    tracking_number: d.trackingNumber ?? null,
    reason: d.reason ?? null,
    publication: d.publication ?? null,
    recording_id: d.recordingId ?? null,
    note: d.note ?? null,
    recorded_by: by,
    recorded_at: at,
  };
}

export function presentDelivery(r: DocumentDeliveryTable & { recorded_by_name: string }): DeliveryDto {
  return {
    id: r.id,
    documentId: r.document_id,
    method: r.method,
    outcome: r.outcome,
    atHome: Number(r.at_home) === 1,
    servedOn: r.served_on,
    effectiveOn: r.effective_on,
    recipient: r.recipient,
    witnesses: r.witnesses ? (JSON.parse(r.witnesses) as string[]) : [],
    agent: r.agent,
    trackingNumber: r.tracking_number,
    reason: r.reason,
    publication: r.publication,
    recordingId: r.recording_id,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
  };
}

export const deliveriesRepository = {
  /** In the order they were recorded (their ledger sequence: timestamps can tie). */
  forDocuments(ex: Executor, documentIds: readonly string[]) {
    return documentIds.length === 0
      ? Promise.resolve([])
      : ex
          .selectFrom('document_deliveries')
          .innerJoin('users', 'users.id', 'document_deliveries.recorded_by')
          .innerJoin('ledger_entries', (j) =>
            j
              .on('ledger_entries.subject_type', '=', 'delivery')
              .onRef('ledger_entries.subject_id', '=', 'document_deliveries.id'),
          )
          .selectAll('document_deliveries')
          .select('users.name as recorded_by_name')
          .where('document_deliveries.document_id', 'in', documentIds)
          .orderBy('ledger_entries.seq')
          .execute();
  },
  async insert(trx: Trx, row: DocumentDeliveryTable): Promise<void> {
    await trx.insertInto('document_deliveries').values(row).execute();
  },
};

export function deliveryListOf(
  doc: Pick<DocumentTable, 'template_id' | 'template_version'>,
  rows: (DocumentDeliveryTable & { recorded_by_name: string })[],
): DeliveryList {
  const effective = rows.map((r) => r.effective_on).filter((d): d is string => d !== null);
  return {
    items: rows.map(presentDelivery),
    needsService: needsService(doc),
    effectiveOn: effective.length ? effective.sort()[0]! : null,
  };
}
