import { ROLE_LABELS, type CompletenessDto, type CompletenessItem } from '@quancheng/contracts';
import type { Executor } from '../../db/database';
import { getTemplate } from '../../documents';
import type { CaseTable } from '../../db/types';
import { templateTitle, type ProcedureDefinition } from '../../procedures';
import { templateNeedsService } from './cases.deliveries';
import { recordSeqs } from './cases.snapshot';
import { uploadLateness } from '../../media';

/**
 * The completeness report of one case (A33.1: what the legal-affairs office supervises): for every
 * transition the case has completed, each time it was completed, the documents, approvals and AV
 * records its procedure requires — present, missing or waived — with their rule IDs. A record
 * counts for the occurrence it was made for: issued (or linked) after the previous occurrence of
 * the same transition and before this one. A recording link removed afterwards, or a document
 * whose every version has gone, shows as missing now. Linked recordings carry their A25.1 upload
 * lateness.
 */
export async function completenessOf(
  ex: Executor,
  c: CaseTable,
  def: ProcedureDefinition,
): Promise<CompletenessDto> {
  const [events, documents, links, requests] = await Promise.all([
    ex
      .selectFrom('case_events')
      .select(['detail', 'ledger_seq', 'at'])
      .where('case_id', '=', c.id)
      .where('action', 'in', ['case.opened', 'case.transitioned'])
      .orderBy('ledger_seq')
      .execute(),
    ex.selectFrom('documents').select(['id', 'template_id', 'state']).where('case_id', '=', c.id).execute(),
    ex
      .selectFrom('recording_links')
      .innerJoin('recordings', 'recordings.id', 'recording_links.recording_id')
      .select([
        'recording_links.id',
        'recording_links.step',
        'recording_links.recording_id',
        'recording_links.linked_at',
        'recording_links.removed_at',
        'recordings.original_name',
        'recordings.uploaded_at',
        'recordings.capture_start',
        'recordings.capture_end',
        'recordings.duration_ms',
      ])
      .where('recording_links.case_id', '=', c.id)
      .execute(),
    ex
      .selectFrom('approval_requests')
      .select(['id', 'transition', 'state', 'consumed_at', 'proposed_at'])
      .where('case_id', '=', c.id)
      .where('consumed_at', 'is not', null)
      .orderBy('consumed_at')
      .orderBy('proposed_at')
      .execute(),
  ]);
  const effective = new Set(
    (
      await ex
        .selectFrom('document_deliveries')
        .select('document_id')
        .where('case_id', '=', c.id)
        .where('effective_on', 'is not', null)
        .execute()
    ).map((d) => d.document_id),
  );
  const seqOf = await recordSeqs(ex, [...documents.map((d) => d.id), ...links.map((l) => l.id)]);

  const items: CompletenessItem[] = [];
  const claimed = new Set<string>();
  const lastSeq = new Map<string, number>();
  for (const e of events) {
    const transition = (JSON.parse(e.detail ?? '{}') as { transition?: string }).transition ?? '';
    lastSeq.set(transition, Math.max(lastSeq.get(transition) ?? 0, Number(e.ledger_seq)));
  }
  const previous = new Map<string, number>();
  const occurrences = new Map<string, number>();
  for (const e of events) {
    const detail = JSON.parse(e.detail ?? '{}') as { transition?: string; override?: unknown };
    const t = def.transitions.find((x) => x.id === detail.transition);
    if (!t) {
      continue;
    }
    const seq = Number(e.ledger_seq);
    const after = previous.get(t.id) ?? 0;
    previous.set(t.id, seq);
    const occurrence = (occurrences.get(t.id) ?? 0) + 1;
    occurrences.set(t.id, occurrence);
    const within = (id: string) => {
      const s = seqOf.get(id);
      return s !== undefined && s > after && s < seq;
    };
    // A record made after the transition's last occurrence belongs to no occurrence yet: it
    // completes the earliest one still missing it (a recording attached late, A25.1).
    const late = (id: string) => (seqOf.get(id) ?? 0) > (lastSeq.get(t.id) ?? 0) && !claimed.has(id);
    const waived = (what: 'documents' | 'recordings') =>
      detail.override !== undefined && (t.override?.covers.includes(what) ?? false);
    const base = {
      transition: t.id,
      transitionTitle: t.title,
      occurrence,
      doneAt: e.at,
      documentId: null,
      approvalId: null,
      recordings: [],
    };
    if (t.approval) {
      const { chain, form } = t.approval;
      const used = requests.filter((r) => r.transition === t.id)[occurrence - 1];
      items.push({
        ...base,
        kind: 'approval',
        ruleId: t.ruleIds[0] ?? null,
        label: {
          'zh-CN': `${templateTitle(form)['zh-CN']}（${chain.map((r) => ROLE_LABELS[r]['zh-CN']).join(' → ')}）`,
          en: `${templateTitle(form).en} (${chain.map((r) => ROLE_LABELS[r].en).join(' → ')})`,
        },
        status: used ? 'present' : 'missing',
        approvalId: used?.id ?? null,
      });
    }
    for (const d of t.documents ?? []) {
      let made = documents.filter(
        (x) => x.template_id === d.templateId && x.state !== 'draft' && within(x.id),
      );
      if (made.length === 0) {
        const attached = documents.find(
          (x) => x.template_id === d.templateId && x.state !== 'draft' && late(x.id),
        );
        made = attached ? [attached] : [];
        made.forEach((x) => claimed.add(x.id));
      }
      const template = getTemplate(d.templateId);
      const title = template
        ? { 'zh-CN': template.title, en: template.titleEn }
        : templateTitle(d.templateId);
      items.push({
        ...base,
        kind: 'document',
        ruleId: d.ruleId,
        label: title,
        status: made.length > 0 ? 'present' : waived('documents') ? 'waived' : 'missing',
        documentId: made[0]?.id ?? null,
      });
      // A18: a notice or decision to the party or complainant is served; some version of it must be.
      if (made.length > 0 && templateNeedsService(template)) {
        const versions = documents.filter((x) => x.template_id === d.templateId && x.state !== 'draft');
        items.push({
          ...base,
          kind: 'delivery',
          ruleId: 'A18.1',
          label: { 'zh-CN': `送达：${title['zh-CN']}`, en: `Service: ${title.en}` },
          status: versions.some((x) => effective.has(x.id)) ? 'present' : 'missing',
          documentId: made[0]?.id ?? null,
        });
      }
    }
    for (const r of t.recordings ?? []) {
      let linked = links.filter((l) => l.step === r.id && l.removed_at === null && within(l.id));
      if (linked.length === 0) {
        const attached = links.find((l) => l.step === r.id && l.removed_at === null && late(l.id));
        linked = attached ? [attached] : [];
        linked.forEach((l) => claimed.add(l.id));
      }
      items.push({
        ...base,
        kind: 'recording',
        ruleId: r.ruleId,
        label: r.label,
        status: linked.length > 0 ? 'present' : waived('recordings') ? 'waived' : 'missing',
        recordings: linked.map((l) => ({
          recordingId: l.recording_id,
          fileName: l.original_name,
          linkedAt: l.linked_at,
          uploadedAt: l.uploaded_at,
          ...uploadLateness(l),
        })),
      });
    }
  }
  const missing = items.filter((i) => i.status === 'missing').length;
  const lateUploads = items.flatMap((i) => i.recordings).filter((r) => r.late).length;
  return { caseId: c.id, complete: missing === 0, missing, lateUploads, items };
}
