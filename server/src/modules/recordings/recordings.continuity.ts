import type { Executor } from '../../db/database';
import type { RecordingFlagTable } from '../../db/types';
import { checkContinuity, uploadLateness, type ContinuitySegment } from '../../media';
import { recordingFlagsRepository, type ContinuityCandidate } from './recording-flags.repository';
import { recordingLinksRepository } from './recording-links.repository';
import { newId } from '../../db/ids';

/** One device at one place: the recordings A22.5 wants continuous (split further by case step). */
export interface PlaceKey {
  deviceNumber: string;
  place: string;
}

export function placeKeyOf(r: { device_number: string | null; place: string | null }): PlaceKey | null {
  return r.device_number && r.place ? { deviceNumber: r.device_number, place: r.place } : null;
}

function segmentsOf(candidates: readonly ContinuityCandidate[]): ContinuitySegment[] {
  return candidates.flatMap((c) =>
    c.capture_start && c.capture_end && c.capture_end >= c.capture_start
      ? [
          {
            id: c.id,
            captureStart: c.capture_start,
            captureEnd: c.capture_end,
            ...(c.file_sequence === null ? {} : { fileOrder: c.file_sequence }),
          },
        ]
      : [],
  );
}

/**
 * Recomputes the A22.5 flags of every recording of these device-and-place groups, inside the
 * write that changed one of them (an ingest, a corrected time or place, a link to a case step).
 * Within a group, recordings linked to different case steps are checked separately (a recording
 * linked to several steps counts under its first); unlinked ones together. A flag is stored on
 * the later recording of the pair and names the earlier one. `touched` recordings that left
 * every group have their old flags removed.
 */
export async function recomputeContinuity(
  trx: Executor,
  keys: readonly (PlaceKey | null)[],
  touched: readonly string[],
  options: { toleranceSeconds: number; at: string },
): Promise<void> {
  const seen = new Set<string>();
  const ids = new Set(touched);
  const rows: RecordingFlagTable[] = [];
  for (const key of keys) {
    const name = key ? `${key.deviceNumber}\u0000${key.place}` : '';
    if (!key || seen.has(name)) {
      continue;
    }
    seen.add(name);
    const candidates = await recordingFlagsRepository.candidates(trx, key.deviceNumber, key.place);
    const steps = await recordingLinksRepository.activeSteps(
      trx,
      candidates.map((c) => c.id),
    );
    const byStep = new Map<string, ContinuityCandidate[]>();
    for (const c of candidates) {
      ids.add(c.id);
      const step = steps.get(c.id)?.[0] ?? '';
      byStep.set(step, [...(byStep.get(step) ?? []), c]);
    }
    for (const members of byStep.values()) {
      for (const flag of checkContinuity(segmentsOf(members), {
        toleranceSeconds: options.toleranceSeconds,
      })) {
        rows.push({
          id: newId(),
          recording_id: flag.nextId,
          kind: flag.kind,
          other_id: flag.previousId,
          seconds: flag.kind === 'order' ? null : flag.seconds,
          detail: JSON.stringify(flag),
          created_at: options.at,
        });
      }
    }
  }
  await recordingFlagsRepository.replace(trx, [...ids], ['gap', 'overlap', 'order'], rows);
  await recomputeLateUploads(trx, touched, options.at);
}

/**
 * A25.1: a recording uploaded more than 24 hours after it ended carries a `late_upload` flag with
 * the delay, recomputed whenever its times change (an ingest, a corrected capture time).
 */
async function recomputeLateUploads(trx: Executor, ids: readonly string[], at: string): Promise<void> {
  const rows: RecordingFlagTable[] = [];
  for (const r of await recordingFlagsRepository.uploadTimes(trx, ids)) {
    const lateness = uploadLateness(r);
    if (lateness.late && lateness.uploadHours !== null) {
      rows.push({
        id: newId(),
        recording_id: r.id,
        kind: 'late_upload',
        other_id: null,
        seconds: Math.round(lateness.uploadHours * 3600),
        detail: JSON.stringify(lateness),
        created_at: at,
      });
    }
  }
  await recordingFlagsRepository.replace(trx, ids, ['late_upload'], rows);
}
