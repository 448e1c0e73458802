import { recordingUploadMetadata, type RecordingUploadMetadata } from '@quancheng/contracts';
import { validationFromIssue } from '../../http/error-handler';
import { invalidField } from '../../http/errors';

/** The tus `Upload-Metadata` keys the recordings sink reads; every other key is ignored. */
export const UPLOAD_METADATA_KEYS = [
  'filename',
  'deviceNumber',
  'officerIds',
  'unitId',
  'place',
  'latitude',
  'longitude',
  'party',
  'caseCause',
  'category',
  'confidentiality',
  'captureStart',
  'captureEnd',
  'note',
] as const;

const NUMBERS = ['latitude', 'longitude'] as const;

/**
 * Reads the untrusted string metadata of an upload into the typed fields, refusing a bad value
 * with a field error (400) before anything is stored. Empty strings mean "not given".
 */
export function parseUploadMetadata(raw: Record<string, string>): RecordingUploadMetadata {
  const given = (key: string): string | undefined => {
    const v = raw[key]?.trim();
    return v ? v : undefined;
  };
  const input: Record<string, unknown> = {};
  for (const key of UPLOAD_METADATA_KEYS) {
    const value = given(key);
    if (value === undefined || key === 'filename') {
      continue;
    }
    if (key === 'officerIds') {
      input.officerIds = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else if ((NUMBERS as readonly string[]).includes(key)) {
      const n = Number(value);
      if (!Number.isFinite(n)) {
        throw invalidField(key, 'v.number');
      }
      input[key] = n;
    } else {
      input[key] = value;
    }
  }
  const parsed = recordingUploadMetadata.safeParse(input);
  if (!parsed.success) {
    throw validationFromIssue(parsed.error.issues[0]);
  }
  return parsed.data;
}
