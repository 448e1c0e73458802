import type { LocalizedText } from './localized';
import { browserPlayable, probeMedia, type ProbeOptions, type ProbeResult } from './probe';
import { sniffFile, type MediaKind, type MediaSniff, type NotMedia } from './sniff';

/**
 * The final kind of a sniffed file. Magic bytes alone cannot tell an audio-only MP4 (a voice
 * memo) from a video; when the container could be either, the probe's streams decide. A file the
 * probe cannot read keeps the sniffed kind: it is stored and flagged, not re-guessed.
 */
export function resolveKind(sniff: MediaSniff, probe: ProbeResult): MediaKind {
  if (sniff.kind === 'photo' || !sniff.confirmByProbe || !probe.ok) {
    return sniff.kind;
  }
  if (probe.video) {
    return 'video';
  }
  return probe.audio ? 'audio' : sniff.kind;
}

/** The refusal for a non-media upload, naming what the file actually is. */
export function notMediaMessage(description: LocalizedText): LocalizedText {
  return {
    zh: `该文件实际是${description.zh}，不是音视频或照片，不能作为音像记录上传`,
    en: `Not accepted as a recording: the file is not audio, video or a photo (detected: ${description.en})`,
  };
}

export interface RefusedInspection {
  accepted: false;
  description: LocalizedText;
  message: LocalizedText;
}

export interface AcceptedInspection {
  accepted: true;
  kind: MediaKind;
  format: string;
  mime: string;
  probe: ProbeResult;
  /** False when ffprobe could not read the file: keep it and flag it 无法解析. */
  parsable: boolean;
  /** Whether browsers can show the original as is; otherwise a proxy is made. */
  playable: boolean;
}

export type Inspection = RefusedInspection | AcceptedInspection;

/** Sniff, then probe: everything the ingest needs to accept, refuse or flag a stored file. */
export async function inspectMedia(path: string, options: ProbeOptions = {}): Promise<Inspection> {
  const sniff = await sniffFile(path);
  if (sniff.kind === null) {
    return refuse(sniff);
  }
  const probe = await probeMedia(path, options);
  return {
    accepted: true,
    kind: resolveKind(sniff, probe),
    format: sniff.format,
    mime: sniff.mime,
    probe,
    parsable: probe.ok,
    playable: probe.ok && browserPlayable(probe, sniff.format),
  };
}

function refuse(sniff: NotMedia): RefusedInspection {
  return { accepted: false, description: sniff.description, message: notMediaMessage(sniff.description) };
}
