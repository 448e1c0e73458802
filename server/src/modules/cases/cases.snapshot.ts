import type { Executor } from '../../db/database';
import type { CaseTable } from '../../db/types';
import type { CaseSnapshot } from '../../procedures';

/**
 * What the procedure engine needs to know about a case, read from the tables: where it stands, its
 * facts, the approvals, issued documents and linked recordings it has. The engine is pure; this is
 * the only place that turns rows into its input.
 */
export async function loadSnapshot(ex: Executor, c: CaseTable, today: string): Promise<CaseSnapshot> {
  const [requests, decisions, documents, links, officers, party, overrides, done] = await Promise.all([
    ex
      .selectFrom('approval_requests')
      .selectAll()
      .where('case_id', '=', c.id)
      .orderBy('proposed_at')
      .execute(),
    ex
      .selectFrom('approval_decisions')
      .innerJoin('approval_requests', 'approval_requests.id', 'approval_decisions.request_id')
      .selectAll('approval_decisions')
      .where('approval_requests.case_id', '=', c.id)
      .orderBy('approval_decisions.position')
      .execute(),
    ex.selectFrom('documents').select(['id', 'template_id', 'state']).where('case_id', '=', c.id).execute(),
    ex
      .selectFrom('recording_links')
      .select(['id', 'step'])
      .where('case_id', '=', c.id)
      .where('removed_at', 'is', null)
      .execute(),
    ex.selectFrom('case_officers').select('user_id').where('case_id', '=', c.id).execute(),
    c.party_id
      ? ex.selectFrom('parties').select('kind').where('id', '=', c.party_id).executeTakeFirst()
      : Promise.resolve(undefined),
    ex
      .selectFrom('case_events')
      .select('detail')
      .where('case_id', '=', c.id)
      .where('action', '=', 'case.overridden')
      .execute(),
    ex
      .selectFrom('case_events')
      .select(['detail', 'ledger_seq'])
      .where('case_id', '=', c.id)
      .where('action', 'in', ['case.opened', 'case.transitioned'])
      .execute(),
  ]);
  // When each document was issued and each recording linked, in ledger order: a transition done
  // again needs records made after its last completion.
  const seqs = await recordSeqs(ex, [...documents.map((d) => d.id), ...links.map((l) => l.id)]);
  return {
    step: c.step,
    status: c.status,
    today,
    facts: {
      case: { source: c.source, receivedOn: c.received_on, violationEndedOn: c.violation_ended_on },
      party: { present: c.party_id !== null, kind: party?.kind ?? null },
      data: JSON.parse(c.data) as Record<string, unknown>,
    },
    approvals: requests
      .filter((r) => r.state !== 'withdrawn')
      .map((r) => ({
        transition: r.transition,
        state: r.state,
        proposedBy: r.proposed_by,
        consumed: r.consumed_at !== null,
        decisions: decisions
          .filter((d) => d.request_id === r.id)
          .map((d) => ({ role: d.role as never, actorId: d.actor_id, decision: d.decision })),
      })),
    documents: documents.map((d) => ({ templateId: d.template_id, state: d.state, seq: seqs.get(d.id) })),
    recordings: links.map((l) => ({ requirementId: l.step, seq: seqs.get(l.id) })),
    done: done.map((e) => ({
      transition: (JSON.parse(e.detail ?? '{}') as { transition?: string }).transition ?? '',
      seq: Number(e.ledger_seq),
    })),
    officers: officers.map((o) => o.user_id),
    overrides: overrides.map(
      (o) => JSON.parse(o.detail ?? '{}') as { transition: string; covers: ('documents' | 'recordings')[] },
    ),
  };
}

/** The ledger sequence at which each document was issued or each recording link made, by id. */
export async function recordSeqs(ex: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  if (ids.length === 0) {
    return seqs;
  }
  const entries = await ex
    .selectFrom('ledger_entries')
    .select(['subject_id', 'seq'])
    .where('subject_type', 'in', ['document', 'recording_link'])
    .where('subject_id', 'in', ids)
    .where('action', 'in', ['document.issued', 'recording_link.created'])
    .execute();
  for (const e of entries) {
    seqs.set(e.subject_id, Number(e.seq));
  }
  return seqs;
}
