import type {
  RecordingCorrectionInput,
  RecordingDto,
  RecordingHistory,
  RecordingList,
  RecordingListQuery,
} from '@quancheng/contracts';
import type { Executor } from '../../db/database';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { JobStatus } from '../../jobs';
import type { Actor } from '../../security/actor';
import { recomputeContinuity, placeKeyOf } from './recordings.continuity';
import { changesBetween, columnsOf, descriptiveOf, toUtc, type Descriptive } from './recordings.fields';
import type { RecordingsContext } from './recordings.ingest';
import { recordingsPolicy } from './recordings.policy';
import { presentRecording, recordingLedgerRow } from './recordings.presenter';
import { assertDescriptiveValid } from './recordings.references';
import { recordingsRepository, type RecordingRecord } from './recordings.repository';

/** The corrected values: what the input gives, the current value for what it leaves out. */
function applyCorrection(current: Descriptive, input: RecordingCorrectionInput): Descriptive {
  const pick = <K extends keyof Descriptive>(key: K, given: Descriptive[K] | undefined): Descriptive[K] =>
    given === undefined ? current[key] : given;
  return {
    deviceNumber: pick('deviceNumber', input.deviceNumber),
    officerIds: input.officerIds ? [...new Set(input.officerIds)].sort() : current.officerIds,
    unitId: pick('unitId', input.unitId),
    place: pick('place', input.place),
    latitude: pick('latitude', input.latitude),
    longitude: pick('longitude', input.longitude),
    party: pick('party', input.party),
    caseCause: pick('caseCause', input.caseCause),
    category: pick('category', input.category),
    confidentiality: pick('confidentiality', input.confidentiality),
    captureStart: pick('captureStart', toUtc(input.captureStart)),
    captureEnd: pick('captureEnd', toUtc(input.captureEnd)),
    note: pick('note', input.note),
  };
}

/** Reading, searching and correcting recordings (ingest is recordings.ingest.ts). */
export function createRecordingsService(ctx: RecordingsContext) {
  const { deps, jobs } = ctx;
  const { db, ledger, now, write } = deps;

  /** Loads a recording the actor may see, or answers "not found" as if it did not exist. */
  async function visible(ex: Executor, actor: Actor, id: string): Promise<RecordingRecord> {
    const [record] = await recordingsRepository.load(ex, [id]);
    if (!record || !recordingsPolicy.read(actor, record)) {
      throw notFound();
    }
    return record;
  }

  async function jobStatuses(record: RecordingRecord): Promise<Map<string, JobStatus>> {
    const out = new Map<string, JobStatus>();
    for (const d of record.derivatives) {
      if (d.job_id && d.state === 'pending') {
        const status = await jobs.get(d.job_id);
        if (status) {
          out.set(d.job_id, status);
        }
      }
    }
    return out;
  }

  return {
    visible,

    async list(actor: Actor, query: RecordingListQuery): Promise<RecordingList> {
      const scope = recordingsPolicy.scope(actor);
      if (!scope) {
        throw forbidden();
      }
      const { ids, total } = await recordingsRepository.list(db, query, scope);
      const records = await recordingsRepository.load(db, ids);
      return {
        items: records.map((r) => presentRecording(actor, r)),
        total,
        page: query.page,
        pageSize: query.pageSize,
        abilities: { upload: recordingsPolicy.upload(actor) },
      };
    },

    /** The metadata view. Not an access leaf: only playback and download touch the evidence. */
    async get(actor: Actor, id: string): Promise<RecordingDto> {
      const record = await visible(db, actor, id);
      return presentRecording(actor, record, await jobStatuses(record));
    },

    async correct(actor: Actor, id: string, input: RecordingCorrectionInput): Promise<RecordingDto> {
      const record = await write(async (trx) => {
        const current = await visible(trx, actor, id);
        if (!recordingsPolicy.edit(actor, current)) {
          throw forbidden();
        }
        const before = descriptiveOf(current, current.officerIds);
        const after = applyCorrection(before, input);
        const changes = changesBetween(before, after);
        if (Object.keys(changes).length === 0) {
          throw new AppError(400, 'recording.nothing_changed');
        }
        await assertDescriptiveValid(trx, actor, after, after.unitId !== before.unitId);
        const at = now().toISOString();
        await recordingsRepository.update(trx, id, { ...columnsOf(after), updated_at: at });
        if (changes.officerIds) {
          await recordingsRepository.setOfficers(trx, id, after.officerIds);
        }
        const row = await recordingsRepository.findRow(trx, id);
        if (!row) {
          throw notFound();
        }
        await recomputeContinuity(trx, [placeKeyOf(current), placeKeyOf(row)], [id], {
          toleranceSeconds: ctx.continuityToleranceSeconds,
          at,
        });
        await ledger.append(trx, {
          actorId: actor.id,
          action: 'recording.corrected',
          subject: { type: 'recording', id },
          row: recordingLedgerRow(row, after.officerIds),
          detail: { changes, reason: input.reason },
        });
        return visible(trx, actor, id);
      });
      return presentRecording(actor, record);
    },

    /**
     * The recording's ledger entries, oldest first: its ingest (with the values it started with),
     * each correction (each changed field before and after, and why), views, downloads and links.
     */
    async history(actor: Actor, id: string): Promise<RecordingHistory> {
      await visible(db, actor, id);
      const linkIds = await recordingsRepository.linkIdsOf(db, id);
      const entries = await recordingsRepository.ledgerEntries(db, [
        { type: 'recording', ids: [id] },
        { type: 'recording_link', ids: linkIds },
      ]);
      return {
        items: entries.map((e) => {
          const event = JSON.parse(e.event) as { detail?: Record<string, unknown> };
          const detail = event.detail ?? {};
          return {
            seq: Number(e.seq),
            at: e.at,
            action: e.action,
            actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
            changes: (detail.changes as Record<string, { from: unknown; to: unknown }> | undefined) ?? null,
            reason: typeof detail.reason === 'string' ? detail.reason : null,
            blobSha256: e.blob_sha256,
            initial: (detail.initial as Record<string, unknown> | undefined) ?? null,
          };
        }),
      };
    },
  };
}

export type RecordingsService = ReturnType<typeof createRecordingsService>;
