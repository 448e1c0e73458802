/** A25.1: AV is stored in the system within 24 hours after the enforcement matter ends. */
export const AV_UPLOAD_HOURS = 24;

const HOUR = 3_600_000;

export interface UploadTimes {
  uploaded_at: string;
  capture_start: string | null;
  capture_end: string | null;
  duration_ms: number | null;
}

export interface UploadLateness {
  /** When the recording ended (capture end, or start + duration); null when unknown. */
  capturedUntil: string | null;
  /** Hours from the end to the upload, one decimal; null when the end is unknown. */
  uploadHours: number | null;
  /** More than AV_UPLOAD_HOURS after the end (逾期上传). */
  late: boolean;
}

/**
 * How long after a recording ended it reached the system. The matter's end is taken as the
 * recording's own end — its capture end, else its start plus its duration — the moment the officer
 * stopped recording; a recording whose times are unknown cannot be judged and is not flagged.
 */
export function uploadLateness(r: UploadTimes): UploadLateness {
  let until = r.capture_end;
  if (!until && r.capture_start && r.duration_ms !== null) {
    until = new Date(new Date(r.capture_start).getTime() + Number(r.duration_ms)).toISOString();
  }
  if (!until) {
    return { capturedUntil: null, uploadHours: null, late: false };
  }
  const hours = (new Date(r.uploaded_at).getTime() - new Date(until).getTime()) / HOUR;
  return { capturedUntil: until, uploadHours: Math.round(hours * 10) / 10, late: hours > AV_UPLOAD_HOURS };
}
