import { z } from 'zod';
import { pageQuery } from './schemas';

/**
 * Audio-video evidence (音像记录) and the body cameras that make it (执法记录仪): the shapes the
 * API takes and gives, shared with the web app. See server/src/modules/recordings/README.md.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** An ISO-8601 instant with a zone (`2026-11-28T09:30:00+08:00` or `…Z`). */
export const isoInstant = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, 'v.instant')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'v.instant');

// ---------- devices ----------
export const DEVICE_STATUSES = ['active', 'repair', 'retired'] as const;
export const deviceStatus = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof deviceStatus>;
export const DEVICE_STATUS_LABELS: Record<DeviceStatus, { 'zh-CN': string; en: string }> = {
  active: { 'zh-CN': '在用', en: 'In use' },
  repair: { 'zh-CN': '维修中', en: 'Under repair' },
  retired: { 'zh-CN': '已报废', en: 'Retired' },
};

/** Body-camera numbers as cameras write them; stored upper-case. */
export const deviceNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, 'v.device_number')
  .transform((s) => s.toUpperCase());

export const deviceDto = z.object({
  id: z.string(),
  deviceNumber: z.string(),
  model: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  officerId: z.string().nullable(),
  officerName: z.string().nullable(),
  status: deviceStatus,
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});
export type DeviceDto = z.infer<typeof deviceDto>;

export const deviceCreateInput = z.strictObject({
  deviceNumber,
  model: text(64).nullable().optional(),
  unitId: z.uuid(),
  officerId: z.uuid().nullable().optional(),
  status: deviceStatus.optional(),
  note: text(500).nullable().optional(),
});
export type DeviceCreateInput = z.infer<typeof deviceCreateInput>;

/** The number is the device's identity on its recordings: it is not changed, a new device is made. */
export const deviceUpdateInput = z.strictObject({
  model: text(64).nullable().optional(),
  unitId: z.uuid().optional(),
  officerId: z.uuid().nullable().optional(),
  status: deviceStatus.optional(),
  note: text(500).nullable().optional(),
});
export type DeviceUpdateInput = z.infer<typeof deviceUpdateInput>;

export const deviceListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  unitId: z.uuid().optional(),
  officerId: z.uuid().optional(),
  status: deviceStatus.optional(),
  sort: z.enum(['deviceNumber', 'updatedAt', 'status']).default('deviceNumber'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type DeviceListQuery = z.infer<typeof deviceListQuery>;

export const deviceList = z.object({
  items: z.array(deviceDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  abilities: z.object({ create: z.boolean() }),
});
export type DeviceList = z.infer<typeof deviceList>;

// ---------- recordings ----------
export const RECORDING_KINDS = ['video', 'audio', 'photo'] as const;
export const recordingKind = z.enum(RECORDING_KINDS);
export type RecordingKind = z.infer<typeof recordingKind>;

/** The scene of A4.2 the recording covers. */
export const RECORDING_CATEGORIES = [
  'patrol',
  'inspection',
  'evidence',
  'questioning',
  'preservation',
  'service',
  'hearing',
  'other',
] as const;
export const recordingCategory = z.enum(RECORDING_CATEGORIES);
export type RecordingCategory = z.infer<typeof recordingCategory>;
export const RECORDING_CATEGORY_LABELS: Record<RecordingCategory, { 'zh-CN': string; en: string }> = {
  patrol: { 'zh-CN': '日常巡查', en: 'Patrol' },
  inspection: { 'zh-CN': '现场检查', en: 'On-site inspection' },
  evidence: { 'zh-CN': '调查取证', en: 'Evidence collection' },
  questioning: { 'zh-CN': '询问', en: 'Questioning' },
  preservation: { 'zh-CN': '先行登记保存', en: 'Evidence preservation' },
  service: { 'zh-CN': '文书送达', en: 'Service of documents' },
  hearing: { 'zh-CN': '听证', en: 'Hearing' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** A29.4: who may see it is narrowed for sensitive material (personal privacy, trade secrets). */
export const CONFIDENTIALITY_LEVELS = ['normal', 'internal', 'sensitive'] as const;
export const confidentiality = z.enum(CONFIDENTIALITY_LEVELS);
export type Confidentiality = z.infer<typeof confidentiality>;
export const CONFIDENTIALITY_LABELS: Record<Confidentiality, { 'zh-CN': string; en: string }> = {
  normal: { 'zh-CN': '普通', en: 'Normal' },
  internal: { 'zh-CN': '内部', en: 'Internal' },
  sensitive: { 'zh-CN': '敏感（个人隐私、商业秘密）', en: 'Sensitive (privacy, trade secrets)' },
};

/** Flags a recording can carry; `insertion` lists both overlap and file-order contradictions. */
export const RECORDING_FLAGS = [
  'gap',
  'overlap',
  'order',
  'unparsable',
  'unknown_device',
  'late_upload',
] as const;
export const recordingFlagKind = z.enum(RECORDING_FLAGS);
export type RecordingFlagKind = z.infer<typeof recordingFlagKind>;
export const recordingFlagFilter = z.enum([
  'gap',
  'insertion',
  'overlap',
  'order',
  'unparsable',
  'unknown_device',
  'late_upload',
  'any',
]);

const localized = z.object({ zh: z.string(), en: z.string() });

export const recordingFlag = z.object({
  kind: recordingFlagKind,
  text: localized,
  /** Gap or overlap length. */
  seconds: z.number().nullable(),
  /** The neighbouring recording the flag is about (gap/overlap/order). */
  otherId: z.string().nullable(),
});

export const derivativeState = z.enum(['none', 'pending', 'done', 'failed']);
export const derivativeDto = z.object({
  state: derivativeState,
  /** The job making it, while pending (and after), for its status; null when none is needed. */
  jobId: z.string().nullable(),
  /** 0–100 while the job runs (detail view only; null in lists). */
  progress: z.number().nullable(),
  attempts: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const mediaFactsDto = z.object({
  container: z.string(),
  durationSeconds: z.number().nullable(),
  bitRate: z.number().nullable(),
  video: z
    .object({
      codec: z.string(),
      width: z.number(),
      height: z.number(),
      frameRate: z.number().nullable(),
      rotation: z.number(),
    })
    .nullable(),
  audio: z
    .object({ codec: z.string(), sampleRate: z.number().nullable(), channels: z.number().nullable() })
    .nullable(),
  creationTime: z.string().nullable(),
  deviceTags: z.object({
    make: z.string().nullable(),
    model: z.string().nullable(),
    serial: z.string().nullable(),
  }),
});

export const recordingLinkDto = z.object({
  id: z.string(),
  recordingId: z.string(),
  caseId: z.string(),
  step: z.string(),
  note: z.string().nullable(),
  linkedBy: z.string(),
  linkedAt: z.string(),
});
export type RecordingLinkDto = z.infer<typeof recordingLinkDto>;

export const recordingAbilities = z.object({
  edit: z.boolean(),
  download: z.boolean(),
  link: z.boolean(),
  play: z.boolean(),
});

export const recordingDto = z.object({
  id: z.string(),
  kind: recordingKind,
  originalName: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  mime: z.string(),
  format: z.string(),
  parsable: z.boolean(),
  /** The original plays in browsers as is (else the proxy is played). */
  playable: z.boolean(),
  facts: mediaFactsDto.nullable(),
  captureStart: z.string().nullable(),
  captureEnd: z.string().nullable(),
  /** Where the capture start came from: the uploader, embedded tags, the file name, or unknown. */
  captureSource: z.enum(['metadata', 'tags', 'file_name']).nullable(),
  deviceNumber: z.string().nullable(),
  /** The registered device of that number; null for none or an unknown number (flagged). */
  device: z.object({ id: z.string(), model: z.string().nullable(), status: deviceStatus }).nullable(),
  badge: z.string().nullable(),
  fileSequence: z.number().int().nullable(),
  officers: z.array(z.object({ id: z.string(), name: z.string() })),
  unitId: z.string(),
  unitName: z.string(),
  place: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  party: z.string().nullable(),
  caseCause: z.string().nullable(),
  category: recordingCategory.nullable(),
  confidentiality,
  note: z.string().nullable(),
  source: z.enum(['upload', 'import']),
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
  uploadedAt: z.string(),
  updatedAt: z.string(),
  flags: z.array(recordingFlag),
  poster: derivativeDto,
  proxy: derivativeDto,
  links: z.array(recordingLinkDto),
  abilities: recordingAbilities,
});
export type RecordingDto = z.infer<typeof recordingDto>;

export const recordingSortKeys = [
  'captureStart',
  'uploadedAt',
  'sizeBytes',
  'duration',
  'originalName',
  'deviceNumber',
] as const;

export const recordingListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  unitId: z.uuid().optional(),
  deviceNumber: z.string().trim().max(32).optional(),
  officerId: z.uuid().optional(),
  /** Capture start within [from, to]. */
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  party: z.string().trim().max(64).optional(),
  caseCause: z.string().trim().max(64).optional(),
  category: recordingCategory.optional(),
  kind: recordingKind.optional(),
  flag: recordingFlagFilter.optional(),
  caseId: z.string().trim().min(1).max(64).optional(),
  step: z.string().trim().min(1).max(64).optional(),
  sort: z.enum(recordingSortKeys).default('captureStart'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type RecordingListQuery = z.infer<typeof recordingListQuery>;

export const recordingList = z.object({
  items: z.array(recordingDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  abilities: z.object({ upload: z.boolean() }),
});
export type RecordingList = z.infer<typeof recordingList>;

/** Descriptive fields an uploader sets at upload and corrects later. */
const descriptive = {
  deviceNumber: deviceNumber.nullable().optional(),
  officerIds: z.array(z.uuid()).max(20).optional(),
  unitId: z.uuid().optional(),
  place: text(200).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  party: text(200).nullable().optional(),
  caseCause: text(200).nullable().optional(),
  category: recordingCategory.nullable().optional(),
  confidentiality: confidentiality.optional(),
  captureStart: isoInstant.nullable().optional(),
  captureEnd: isoInstant.nullable().optional(),
  note: text(1000).nullable().optional(),
};

/**
 * The tus `Upload-Metadata` keys the recordings sink reads (all optional, each a string; lists
 * comma-separated): filename, deviceNumber, officerIds, unitId, place, latitude, longitude, party,
 * caseCause, category, confidentiality, captureStart, captureEnd, note. Any other key is ignored.
 */
export const recordingUploadMetadata = z.object(descriptive);
export type RecordingUploadMetadata = z.infer<typeof recordingUploadMetadata>;

/** A correction: the changed fields and why. Each is a new ledger leaf; the history keeps the old values. */
export const recordingCorrectionInput = z.strictObject({ ...descriptive, reason: text(500) });
export type RecordingCorrectionInput = z.infer<typeof recordingCorrectionInput>;

export const recordingHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** For corrections: each changed field's value before and after. */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  reason: z.string().nullable(),
  blobSha256: z.string().nullable(),
  /** As first recorded (ingest only): the descriptive fields the recording started with. */
  initial: z.record(z.string(), z.unknown()).nullable(),
});
export const recordingHistory = z.object({ items: z.array(recordingHistoryEntry) });
export type RecordingHistory = z.infer<typeof recordingHistory>;

export const recordingLinkInput = z.strictObject({
  caseId: text(64),
  step: text(64),
  note: text(500).nullable().optional(),
});
export type RecordingLinkInput = z.infer<typeof recordingLinkInput>;
export const recordingUnlinkInput = z.strictObject({
  caseId: text(64),
  step: text(64),
  reason: text(500).optional(),
});
export type RecordingUnlinkInput = z.infer<typeof recordingUnlinkInput>;
export const recordingLinkList = z.object({ items: z.array(recordingLinkDto) });
export const caseLinksQuery = z.object({ step: text(64).optional() });

/** The sink's answer to the final PATCH of an upload (and the import CLI's per-file result). */
export const ingestResultDto = z.object({
  status: z.enum(['stored', 'duplicate']),
  /** Null only for a duplicate of a recording the uploader may not see. */
  recording: recordingDto.nullable(),
  /** For a duplicate: the recording that already holds these bytes. */
  duplicateOf: z.object({ id: z.string(), uploadedAt: z.string() }).nullable(),
  /** What was read from the file name and embedded tags, for the uploader to confirm. */
  parsed: z.object({
    fileName: z
      .object({
        pattern: z.string(),
        deviceNumber: z.string().nullable(),
        badge: z.string().nullable(),
        captureStart: z.string().nullable(),
        sequence: z.number().nullable(),
      })
      .nullable(),
    tags: z
      .object({
        creationTime: z.string().nullable(),
        make: z.string().nullable(),
        model: z.string().nullable(),
        serial: z.string().nullable(),
      })
      .nullable(),
  }),
});
export type IngestResultDto = z.infer<typeof ingestResultDto>;
