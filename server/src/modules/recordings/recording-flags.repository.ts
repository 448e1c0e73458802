import type { Executor } from '../../db/database';
import type { RecordingFlagTable } from '../../db/types';

/** A recording as continuity sees it. */
export interface ContinuityCandidate {
  id: string;
  kind: string;
  capture_start: string | null;
  capture_end: string | null;
  file_sequence: number | null;
}

export const recordingFlagsRepository = {
  /** What A25.1 lateness needs of these recordings. */
  async uploadTimes(ex: Executor, ids: readonly string[]) {
    return ids.length === 0
      ? []
      : ex
          .selectFrom('recordings')
          .select(['id', 'uploaded_at', 'capture_start', 'capture_end', 'duration_ms'])
          .where('id', 'in', ids)
          .execute();
  },

  /** Video and audio of one device at one place (the step is decided by the caller). */
  async candidates(ex: Executor, deviceNumber: string, place: string): Promise<ContinuityCandidate[]> {
    return ex
      .selectFrom('recordings')
      .select(['id', 'kind', 'capture_start', 'capture_end', 'file_sequence'])
      .where('device_number', '=', deviceNumber)
      .where('place', '=', place)
      .where('kind', 'in', ['video', 'audio'])
      .execute();
  },

  /** Replaces the flags of these kinds on these recordings with the ones given. */
  async replace(
    ex: Executor,
    recordingIds: readonly string[],
    kinds: readonly RecordingFlagTable['kind'][],
    flags: readonly RecordingFlagTable[],
  ): Promise<void> {
    if (recordingIds.length > 0) {
      await ex
        .deleteFrom('recording_flags')
        .where('recording_id', 'in', recordingIds)
        .where('kind', 'in', kinds)
        .execute();
    }
    if (flags.length > 0) {
      await ex
        .insertInto('recording_flags')
        .values([...flags])
        .execute();
    }
  },
};
