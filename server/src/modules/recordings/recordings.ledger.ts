import { sql } from 'kysely';
import { containsPattern } from '../../db/like';
import type { LedgerSubject } from '../../ledger/subjects';
import { recordingLinksRepository } from './recording-links.repository';
import { recordingLedgerRow } from './recordings.presenter';
import { recordingsRepository } from './recordings.repository';
import type { Executor } from '../../db/database';
import type { RecordingTable } from '../../db/types';

async function withOfficers(ex: Executor, rows: RecordingTable[]) {
  const officers = await recordingsRepository.officerIdsOf(
    ex,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ id: row.id, row: recordingLedgerRow(row, officers.get(row.id) ?? []) }));
}

/** Recordings are recorded as their row plus their officers (recordingLedgerRow). */
const recordingSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await ex
      .selectFrom('recordings')
      .select(['id', 'original_name', 'capture_start'])
      .where(sql<string>`lower(original_name)`, 'like', containsPattern(q))
      .orderBy('uploaded_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: r.capture_start ? `${r.original_name} · ${r.capture_start}` : r.original_name,
    }));
  },
  async load(ex, ids) {
    const rows = await withOfficers(ex, await recordingsRepository.rowsByIds(ex, ids));
    return new Map(rows.map((r) => [r.id, r.row]));
  },
  async page(ex, after, limit) {
    return withOfficers(ex, await recordingsRepository.pageById(ex, after, limit));
  },
};

/** Links are recorded as their table row (unlinking stamps it; nothing is deleted). */
const linkSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await ex
      .selectFrom('recording_links')
      .select(['id', 'case_id', 'step'])
      .where(sql<string>`lower(case_id)`, 'like', containsPattern(q))
      .orderBy('linked_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, label: `${r.case_id} · ${r.step}` }));
  },
  async load(ex, ids) {
    const rows = await recordingLinksRepository.rowsByIds(ex, ids);
    return new Map(rows.map((r) => [r.id, r]));
  },
  async page(ex, after, limit) {
    return (await recordingLinksRepository.pageById(ex, after, limit)).map((row) => ({ id: row.id, row }));
  },
};

export const recordingsLedgerSubjects: [string, LedgerSubject][] = [
  ['recording', recordingSubject],
  ['recording_link', linkSubject],
];
