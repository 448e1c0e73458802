import type { Executor } from '../../db/database';
import type { RecordingLinkTable } from '../../db/types';

export const recordingLinksRepository = {
  async findActive(ex: Executor, recordingId: string, caseId: string, step: string) {
    return ex
      .selectFrom('recording_links')
      .selectAll()
      .where('recording_id', '=', recordingId)
      .where('case_id', '=', caseId)
      .where('step', '=', step)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
  },

  async findById(ex: Executor, id: string): Promise<RecordingLinkTable | undefined> {
    return ex.selectFrom('recording_links').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(ex: Executor, row: RecordingLinkTable): Promise<void> {
    await ex.insertInto('recording_links').values(row).execute();
  },

  /** Unlinking stamps the row; nothing recorded is deleted. */
  async markRemoved(ex: Executor, id: string, by: string, at: string, reason: string | null): Promise<void> {
    await ex
      .updateTable('recording_links')
      .set({ removed_by: by, removed_at: at, removed_reason: reason })
      .where('id', '=', id)
      .execute();
  },

  /** The active step keys of these recordings (`case_id`, `step`), in a stable order. */
  async activeSteps(ex: Executor, recordingIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (recordingIds.length === 0) {
      return out;
    }
    const rows = await ex
      .selectFrom('recording_links')
      .select(['recording_id', 'case_id', 'step'])
      .where('recording_id', 'in', recordingIds)
      .where('removed_at', 'is', null)
      .orderBy('case_id')
      .orderBy('step')
      .execute();
    for (const r of rows) {
      out.set(r.recording_id, [...(out.get(r.recording_id) ?? []), `${r.case_id}\u0000${r.step}`]);
    }
    return out;
  },

  async pageById(ex: Executor, after: string | null, limit: number): Promise<RecordingLinkTable[]> {
    let q = ex.selectFrom('recording_links').selectAll().orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return q.execute();
  },

  async rowsByIds(ex: Executor, ids: readonly string[]): Promise<RecordingLinkTable[]> {
    return ids.length ? ex.selectFrom('recording_links').selectAll().where('id', 'in', ids).execute() : [];
  },
};
