import type { IngestResultDto, RecordingUploadMetadata } from '@quancheng/contracts';
import type { Trx } from '../../db/database';
import type { RecordingTable } from '../../db/types';
import { AppError, forbidden } from '../../http/errors';
import type { JobQueue } from '../../jobs';
import {
  inspectMedia,
  neutraliseFileName,
  parseCaptureFileName,
  type AcceptedInspection,
  type CaptureNameInfo,
} from '../../media';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import type { BlobStore } from '../../storage/blob-store';
import { devicesRepository } from '../devices';
import type { CompletedUploadInput, IngestSink } from '../uploads';
import { recomputeContinuity, placeKeyOf } from './recordings.continuity';
import { descriptiveOf, toUtc } from './recordings.fields';
import { enqueueDerivatives, type RecordingJobs } from './recordings.jobs';
import { parseUploadMetadata } from './recordings.metadata';
import { recordingsPolicy } from './recordings.policy';
import { presentRecording, recordingLedgerRow } from './recordings.presenter';
import { assertDescriptiveValid } from './recordings.references';
import { recordingsRepository } from './recordings.repository';
import { newId } from '../../db/ids';

export interface RecordingsContext {
  deps: ServiceDeps;
  storage: BlobStore;
  jobs: JobQueue<RecordingJobs>;
  dataDir: string;
  continuityToleranceSeconds: number;
}

/** A complete, fsynced local file to turn into a recording (an upload, or a copy the import made). */
export interface IngestInput {
  tempPath: string;
  sha256: string;
  size: number;
  /** Untrusted strings: the tus Upload-Metadata keys of UPLOAD_METADATA_KEYS. */
  metadata: Record<string, string>;
  actor: Actor;
  source: 'upload' | 'import';
}

type Capture = Pick<RecordingTable, 'capture_start' | 'capture_end' | 'capture_source'>;

/** Capture times: the uploader's, else the embedded tags', else the file name's; end from the duration. */
function captureOf(
  meta: RecordingUploadMetadata,
  inspection: AcceptedInspection,
  name: CaptureNameInfo | null,
): Capture {
  const tagTime = inspection.probe.ok ? inspection.probe.creationTime : null;
  const [start, source]: [string | null, Capture['capture_source']] = meta.captureStart
    ? [toUtc(meta.captureStart) ?? null, 'metadata']
    : tagTime
      ? [tagTime, 'tags']
      : name?.captureStart
        ? [name.captureStart, 'file_name']
        : [null, null];
  const duration = inspection.probe.ok ? inspection.probe.durationSeconds : null;
  let end = toUtc(meta.captureEnd) ?? null;
  if (!end && start) {
    if (inspection.kind === 'photo') {
      end = start;
    } else if (duration !== null) {
      end = new Date(Date.parse(start) + Math.round(duration * 1000)).toISOString();
    }
  }
  return { capture_start: start, capture_end: end, capture_source: source };
}

function parsedOf(inspection: AcceptedInspection, name: CaptureNameInfo | null): IngestResultDto['parsed'] {
  return {
    fileName: name
      ? {
          pattern: name.pattern,
          deviceNumber: name.deviceNumber?.toUpperCase() ?? null,
          badge: name.badge ?? null,
          captureStart: name.captureStart ?? null,
          sequence: name.sequence ?? null,
        }
      : null,
    tags: inspection.probe.ok
      ? {
          creationTime: inspection.probe.creationTime,
          make: inspection.probe.device.make,
          model: inspection.probe.device.model,
          serial: inspection.probe.device.serial,
        }
      : null,
  };
}

/**
 * The one way a file becomes a recording, for uploads and the import CLI alike: neutralise the
 * name; an already-recorded SHA-256 answers `duplicate` naming the recording; sniff and probe
 * (non-media is refused 422 with what it actually is, nothing stored; unparsable media is kept
 * and flagged); adopt the blob; then in ONE transaction the row, its officers, its ledger leaf
 * (with the blob's SHA-256), its pending media jobs and the A22.5 flags of its group.
 */
export function createIngest(ctx: RecordingsContext) {
  const { deps, storage, jobs } = ctx;

  async function duplicateAnswer(
    actor: Actor,
    id: string,
    parsed: IngestResultDto['parsed'],
  ): Promise<IngestResultDto> {
    const [record] = await recordingsRepository.load(deps.db, [id]);
    if (!record) {
      throw new Error(`recording ${id} vanished`);
    }
    const visible = recordingsPolicy.read(actor, record);
    return {
      status: 'duplicate',
      recording: visible ? presentRecording(actor, record) : null,
      duplicateOf: { id: record.id, uploadedAt: record.uploaded_at },
      parsed,
    };
  }

  return async function ingest(input: IngestInput): Promise<IngestResultDto> {
    const { actor } = input;
    if (!recordingsPolicy.upload(actor)) {
      throw forbidden();
    }
    const originalName = neutraliseFileName(input.metadata.filename ?? '', 'unnamed');
    const meta = parseUploadMetadata(input.metadata);
    const nameInfo = parseCaptureFileName(originalName);
    const noParse = { fileName: null, tags: null };

    const existing = await recordingsRepository.findIdBySha(deps.db, input.sha256);
    if (existing) {
      return duplicateAnswer(actor, existing, noParse);
    }
    const inspection = await inspectMedia(input.tempPath);
    if (!inspection.accepted) {
      throw new AppError(422, 'recording.not_media', {
        zh: inspection.description.zh,
        en: inspection.description.en,
      });
    }

    const deviceNumber =
      meta.deviceNumber !== undefined ? meta.deviceNumber : (nameInfo?.deviceNumber?.toUpperCase() ?? null);
    const device = deviceNumber ? await devicesRepository.findByNumber(deps.db, deviceNumber) : undefined;
    const unitId =
      meta.unitId ??
      (device && recordingsPolicy.uploadToUnit(actor, device.unit_id) ? device.unit_id : actor.unitId);
    const officerIds =
      meta.officerIds ??
      (device?.officer_id ? [device.officer_id] : actor.roles.includes('officer') ? [actor.id] : []);
    const capture = captureOf(meta, inspection, nameInfo);
    const descriptive = {
      officerIds,
      unitId,
      captureStart: capture.capture_start,
      captureEnd: capture.capture_end,
    };
    // Every refusal happens before the bytes are adopted: a refused upload leaves no blob.
    await assertDescriptiveValid(deps.db, actor, descriptive, unitId !== actor.unitId);

    await storage.adopt(input.tempPath, input.sha256);

    const probe = inspection.probe;
    const at = deps.now().toISOString();
    const row: RecordingTable = {
      id: newId(),
      kind: inspection.kind,
      sha256: input.sha256,
      size_bytes: input.size,
      original_name: originalName,
      mime: inspection.mime,
      format: inspection.format,
      parsable: inspection.parsable ? 1 : 0,
      playable: inspection.playable ? 1 : 0,
      facts: probe.ok ? JSON.stringify(probe) : null,
      unparsable_reason: probe.ok ? null : probe.reason.slice(0, 1000),
      duration_ms:
        probe.ok && probe.durationSeconds !== null ? Math.round(probe.durationSeconds * 1000) : null,
      ...capture,
      device_number: deviceNumber,
      badge: nameInfo?.badge ?? null,
      file_sequence: nameInfo?.sequence ?? null,
      unit_id: unitId,
      place: meta.place ?? null,
      latitude: meta.latitude ?? null,
      longitude: meta.longitude ?? null,
      party: meta.party ?? null,
      case_cause: meta.caseCause ?? null,
      category: meta.category ?? null,
      confidentiality: meta.confidentiality ?? 'internal',
      note: meta.note ?? null,
      source: input.source,
      uploaded_by: actor.id,
      uploaded_at: at,
      updated_at: at,
    };

    const stored = await deps.write(async (trx: Trx) => {
      // A concurrent upload of the same bytes may have committed first.
      const raced = await recordingsRepository.findIdBySha(trx, input.sha256);
      if (raced) {
        return raced;
      }
      await recordingsRepository.insert(trx, row, officerIds);
      await enqueueDerivatives(trx, jobs, row, at);
      await recomputeContinuity(trx, [placeKeyOf(row)], [row.id], {
        toleranceSeconds: ctx.continuityToleranceSeconds,
        at,
      });
      await deps.ledger.append(trx, {
        actorId: actor.id,
        action: 'recording.ingested',
        subject: { type: 'recording', id: row.id },
        row: recordingLedgerRow(row, officerIds),
        blobSha256: input.sha256,
        detail: { source: input.source, initial: descriptiveOf(row, officerIds) },
      });
      return null;
    });
    const parsed = parsedOf(inspection, nameInfo);
    if (stored) {
      return duplicateAnswer(actor, stored, parsed);
    }
    const [record] = await recordingsRepository.load(deps.db, [row.id]);
    if (!record) {
      throw new Error(`recording ${row.id} was not stored`);
    }
    return { status: 'stored', recording: presentRecording(actor, record), duplicateOf: null, parsed };
  };
}

export type Ingest = ReturnType<typeof createIngest>;

/** The uploads module's sink: every completed upload goes through `ingest`. */
export function recordingsIngestSink(ingest: Ingest): IngestSink {
  return {
    onUploadComplete: (input: CompletedUploadInput) =>
      ingest({
        tempPath: input.tempPath,
        sha256: input.sha256,
        size: input.size,
        metadata: input.metadata,
        actor: input.actor,
        source: 'upload',
      }),
  };
}
