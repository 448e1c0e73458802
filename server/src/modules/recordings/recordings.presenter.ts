import type { RecordingCategory, RecordingDto, Confidentiality } from '@quancheng/contracts';
import type { RecordingDerivativeTable, RecordingTable } from '../../db/types';
import type { JobStatus } from '../../jobs';
import { continuityFlagText, type ContinuityFlag } from '../../media/continuity';
import { UNPARSABLE, type MediaFacts } from '../../media/probe';
import type { Actor } from '../../security/actor';
import { recordingsPolicy } from './recordings.policy';
import type { RecordingRecord } from './recordings.repository';

/** The recording as the ledger records it: the table row plus its officers, sorted. */
export function recordingLedgerRow(row: RecordingTable, officerIds: readonly string[]): object {
  return {
    id: row.id,
    kind: row.kind,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    originalName: row.original_name,
    mime: row.mime,
    format: row.format,
    parsable: row.parsable,
    playable: row.playable,
    facts: row.facts,
    unparsableReason: row.unparsable_reason,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    captureStart: row.capture_start,
    captureEnd: row.capture_end,
    captureSource: row.capture_source,
    deviceNumber: row.device_number,
    badge: row.badge,
    fileSequence: row.file_sequence,
    unitId: row.unit_id,
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    party: row.party,
    caseCause: row.case_cause,
    category: row.category,
    confidentiality: row.confidentiality,
    note: row.note,
    source: row.source,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    updatedAt: row.updated_at,
    officerIds: [...officerIds].sort(),
  };
}

function factsDto(json: string | null): RecordingDto['facts'] {
  if (!json) {
    return null;
  }
  const f = JSON.parse(json) as MediaFacts;
  return {
    container: f.container,
    durationSeconds: f.durationSeconds,
    bitRate: f.bitRate,
    video: f.video
      ? {
          codec: f.video.codec,
          width: f.video.width,
          height: f.video.height,
          frameRate: f.video.frameRate,
          rotation: f.video.rotation,
        }
      : null,
    audio: f.audio,
    creationTime: f.creationTime,
    deviceTags: { make: f.device.make, model: f.device.model, serial: f.device.serial },
  };
}

function lateUploadText(hours: number) {
  const h = Math.round(hours * 10) / 10;
  return {
    zh: `逾期上传：录制结束 ${h} 小时后才存入系统（应在24小时内，A25.1）`,
    en: `Uploaded late: stored ${h} hours after the recording ended (within 24 hours, A25.1)`,
  };
}

function flagsOf(r: RecordingRecord): RecordingDto['flags'] {
  const flags: RecordingDto['flags'] = r.flags.map((f) => ({
    kind: f.kind,
    text:
      f.kind === 'late_upload'
        ? lateUploadText(Number(f.seconds ?? 0) / 3600)
        : continuityFlagText(JSON.parse(f.detail ?? '{}') as ContinuityFlag),
    seconds: f.seconds,
    otherId: f.other_id,
  }));
  if (r.parsable === 0) {
    flags.push({ kind: 'unparsable', text: UNPARSABLE, seconds: null, otherId: null });
  }
  if (r.device_number && !r.device) {
    flags.push({
      kind: 'unknown_device',
      text: {
        zh: `设备编号 ${r.device_number} 未在设备台账中登记`,
        en: `Device number ${r.device_number} is not in the device registry`,
      },
      seconds: null,
      otherId: null,
    });
  }
  return flags;
}

function derivative(
  rows: readonly RecordingDerivativeTable[],
  kind: 'poster' | 'proxy',
  jobs: ReadonlyMap<string, JobStatus>,
): RecordingDto['poster'] {
  const row = rows.find((d) => d.kind === kind);
  if (!row) {
    return { state: 'none', jobId: null, progress: null, attempts: null, error: null };
  }
  const job = row.job_id ? jobs.get(row.job_id) : undefined;
  return {
    state: row.state,
    jobId: row.job_id,
    progress: row.state === 'done' ? 100 : (job?.progress ?? null),
    attempts: job?.attempts ?? null,
    error: row.error ?? job?.lastError ?? null,
  };
}

export function accessFacts(r: RecordingRecord) {
  return {
    unit_id: r.unit_id,
    uploaded_by: r.uploaded_by,
    confidentiality: r.confidentiality,
    officerIds: r.officerIds,
  };
}

/** Whether the browser can be given something to play now: the proxy, or the original as is. */
export function playableNow(r: RecordingRecord): boolean {
  const proxy = r.derivatives.find((d) => d.kind === 'proxy');
  return proxy?.state === 'done' || r.playable === 1 || (r.kind === 'photo' && r.parsable === 1);
}

export function presentRecording(
  actor: Actor,
  r: RecordingRecord,
  jobs: ReadonlyMap<string, JobStatus> = new Map(),
): RecordingDto {
  const facts = accessFacts(r);
  return {
    id: r.id,
    kind: r.kind,
    originalName: r.original_name,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    mime: r.mime,
    format: r.format,
    parsable: r.parsable === 1,
    playable: r.playable === 1,
    facts: factsDto(r.facts),
    captureStart: r.capture_start,
    captureEnd: r.capture_end,
    captureSource: r.capture_source,
    deviceNumber: r.device_number,
    device: r.device,
    badge: r.badge,
    fileSequence: r.file_sequence,
    officers: r.officers,
    unitId: r.unit_id,
    unitName: r.unit_name,
    place: r.place,
    latitude: r.latitude,
    longitude: r.longitude,
    party: r.party,
    caseCause: r.case_cause,
    category: r.category as RecordingCategory | null,
    confidentiality: r.confidentiality as Confidentiality,
    note: r.note,
    source: r.source,
    uploadedBy: { id: r.uploaded_by, name: r.uploader_name },
    uploadedAt: r.uploaded_at,
    updatedAt: r.updated_at,
    flags: flagsOf(r),
    poster: derivative(r.derivatives, 'poster', jobs),
    proxy: derivative(r.derivatives, 'proxy', jobs),
    links: r.links.map((l) => ({
      id: l.id,
      recordingId: l.recording_id,
      caseId: l.case_id,
      step: l.step,
      note: l.note,
      linkedBy: l.linked_by,
      linkedAt: l.linked_at,
    })),
    abilities: {
      edit: recordingsPolicy.edit(actor, facts),
      download: recordingsPolicy.download(actor, facts),
      link: recordingsPolicy.link(actor, facts),
      play: playableNow(r),
    },
  };
}
