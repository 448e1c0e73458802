import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsPattern } from '../../db/like';
import type { DocumentScanTable, DocumentTable } from '../../db/types';

/** A document with the names a reader needs. */
export type DocumentRecord = DocumentTable & { issued_by_name: string | null };
/** A scan with its uploader's name. */
export type ScanRecord = DocumentScanTable & { uploaded_by_name: string };

function baseSelect(ex: Executor) {
  return ex
    .selectFrom('documents')
    .leftJoin('users as issuer', 'issuer.id', 'documents.issued_by')
    .selectAll('documents')
    .select('issuer.name as issued_by_name');
}

/** The SQL of documents and their scans, plus the case facts a document is drafted from. */
export const documentsRepository = {
  findById(ex: Executor, id: string): Promise<DocumentRecord | undefined> {
    return baseSelect(ex).where('documents.id', '=', id).executeTakeFirst();
  },

  async insert(ex: Executor, row: DocumentTable): Promise<void> {
    await ex.insertInto('documents').values(row).execute();
  },

  async update(ex: Executor, id: string, patch: Partial<Omit<DocumentTable, 'id'>>): Promise<void> {
    await ex.updateTable('documents').set(patch).where('id', '=', id).execute();
  },

  scans(ex: Executor, documentIds: readonly string[]): Promise<ScanRecord[]> {
    return documentIds.length
      ? ex
          .selectFrom('document_scans')
          .innerJoin('users', 'users.id', 'document_scans.uploaded_by')
          .selectAll('document_scans')
          .select('users.name as uploaded_by_name')
          .where('document_scans.document_id', 'in', documentIds)
          .orderBy('document_scans.uploaded_at')
          .orderBy('document_scans.id')
          .execute()
      : Promise.resolve([]);
  },

  findScan(ex: Executor, documentId: string, scanId: string): Promise<DocumentScanTable | undefined> {
    return ex
      .selectFrom('document_scans')
      .selectAll()
      .where('id', '=', scanId)
      .where('document_id', '=', documentId)
      .executeTakeFirst();
  },

  async insertScan(ex: Executor, row: DocumentScanTable): Promise<void> {
    await ex.insertInto('document_scans').values(row).execute();
  },

  rowsByIds(ex: Executor, ids: readonly string[]): Promise<DocumentTable[]> {
    return ids.length
      ? ex.selectFrom('documents').selectAll().where('id', 'in', ids).execute()
      : Promise.resolve([]);
  },

  scanRowsOf(ex: Executor, documentIds: readonly string[]): Promise<DocumentScanTable[]> {
    return documentIds.length
      ? ex
          .selectFrom('document_scans')
          .selectAll()
          .where('document_id', 'in', documentIds)
          .orderBy('document_id')
          .orderBy('id')
          .execute()
      : Promise.resolve([]);
  },

  /** Document ids in id order, a page at a time (for `verify`). */
  async idsPage(ex: Executor, after: string | null, limit: number): Promise<string[]> {
    let q = ex.selectFrom('documents').select('id').orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return (await q.execute()).map((r) => r.id);
  },

  search(ex: Executor, q: string, limit: number) {
    const like = containsPattern(q);
    return ex
      .selectFrom('documents')
      .select(['id', 'title', 'number', 'version'])
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(title)`, 'like', like),
          eb(sql<string>`lower(coalesce(number, ''))`, 'like', like),
        ]),
      )
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  },

  /** The last number a gapless sequence handed out (0 when none yet); a read, not a claim. */
  async lastNumber(ex: Executor, scope: string, year: number): Promise<number> {
    const row = await ex
      .selectFrom('number_sequences')
      .select('last')
      .where('scope', '=', scope)
      .where('year', '=', year)
      .executeTakeFirst();
    return row ? Number(row.last) : 0;
  },

  // ---------- what a draft is made from ----------

  party(ex: Executor, id: string) {
    return ex.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** A unit and its ancestors, nearest first (the top one stands for the bureau). */
  async unitChain(ex: Executor, unitId: string): Promise<{ id: string; name: string }[]> {
    const chain: { id: string; name: string }[] = [];
    let next: string | null = unitId;
    while (next !== null && chain.length < 16 && !chain.some((u) => u.id === next)) {
      const unit = await ex
        .selectFrom('units')
        .select(['id', 'name', 'parent_id'])
        .where('id', '=', next)
        .executeTakeFirst();
      if (!unit) {
        break;
      }
      chain.push({ id: unit.id, name: unit.name });
      next = unit.parent_id;
    }
    return chain;
  },

  /** The proposals (not withdrawn) of a case and every decision on them, oldest first. */
  async approvals(ex: Executor, caseId: string) {
    const requests = await ex
      .selectFrom('approval_requests')
      .innerJoin('users', 'users.id', 'approval_requests.proposed_by')
      .select([
        'approval_requests.id',
        'approval_requests.opinion',
        'approval_requests.proposed_at',
        'users.name as proposer_name',
      ])
      .where('approval_requests.case_id', '=', caseId)
      .where('approval_requests.state', '!=', 'withdrawn')
      .orderBy('approval_requests.proposed_at')
      .execute();
    const decisions = requests.length
      ? await ex
          .selectFrom('approval_decisions')
          .innerJoin('users', 'users.id', 'approval_decisions.actor_id')
          .select([
            'approval_decisions.request_id',
            'approval_decisions.role',
            'approval_decisions.decision',
            'approval_decisions.opinion',
            'approval_decisions.at',
            'users.name',
          ])
          .where(
            'approval_decisions.request_id',
            'in',
            requests.map((r) => r.id),
          )
          .orderBy('approval_decisions.at')
          .execute()
      : [];
    return { requests, decisions };
  },
};
