import { resolve } from 'node:path';
import type { LocalizedText } from './localized';
import { defaultMediaTools, failureReason, runTool, type MediaTools } from './run-tool';

export interface VideoStreamFacts {
  codec: string;
  profile: string | null;
  pixelFormat: string | null;
  width: number;
  height: number;
  /** Frames per second (average, else nominal); null when the container does not say. */
  frameRate: number | null;
  /** Display rotation in degrees (0, 90, 180, 270) from the display matrix or `rotate` tag. */
  rotation: number;
}

export interface AudioStreamFacts {
  codec: string;
  sampleRate: number | null;
  channels: number | null;
}

/** Device identity found in embedded tags; cameras disagree on names, so all hits are kept. */
export interface DeviceTags {
  make: string | null;
  model: string | null;
  serial: string | null;
  /** Every tag whose name looks device-related, as written (`com.apple.quicktime.model`, …). */
  raw: Record<string, string>;
}

export interface MediaFacts {
  ok: true;
  /** ffprobe's `format_name`, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, `avi`. */
  container: string;
  containerLongName: string | null;
  durationSeconds: number | null;
  sizeBytes: number | null;
  bitRate: number | null;
  /** The first real video stream (cover art attached to an MP3 does not count). */
  video: VideoStreamFacts | null;
  audio: AudioStreamFacts | null;
  /** Embedded capture/creation time as an ISO-8601 UTC string; null if absent or a zero date. */
  creationTime: string | null;
  device: DeviceTags;
}

export interface ProbeFailure {
  ok: false;
  /** Technical detail for logs and the stored flag (ffprobe's own words, capped). */
  reason: string;
  /** What the user sees: the file is kept but flagged 无法解析. */
  message: LocalizedText;
}

export type ProbeResult = MediaFacts | ProbeFailure;

export const UNPARSABLE: LocalizedText = {
  zh: '无法解析：文件可能已截断或损坏，原件已保留',
  en: 'Unparsable: the file may be truncated or damaged; the original has been kept',
};

export interface ProbeOptions {
  tools?: MediaTools;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Reads a file's technical facts with ffprobe. Never throws for bad media: a truncated or foreign
 * file yields `{ ok: false }` so the caller keeps it (it may still be evidence) and flags it.
 */
export async function probeMedia(path: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const tools = options.tools ?? defaultMediaTools;
  // An absolute path cannot be mistaken for an option or a protocol (`-x`, `http:`).
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', resolve(path)];
  const result = await runTool(tools.ffprobe, args, {
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (result.code !== 0) {
    return failure(failureReason('ffprobe', result));
  }
  return parseProbeOutput(result.stdout);
}

const failure = (reason: string): ProbeFailure => ({ ok: false, reason, message: UNPARSABLE });

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

function tagsOf(v: unknown): Record<string, string> {
  const tags = isObject(v) && isObject(v.tags) ? v.tags : {};
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(tags)) {
    if (typeof value === 'string' || typeof value === 'number') {
      out[k] = String(value);
    }
  }
  return out;
}

/** Parses ffprobe's JSON; exported so the mapping can be tested on hand-written inputs. */
export function parseProbeOutput(stdout: string): ProbeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return failure('ffprobe output is not JSON');
  }
  if (!isObject(parsed) || !isObject(parsed.format)) {
    return failure('ffprobe found no container');
  }
  const format = parsed.format;
  const streams = Array.isArray(parsed.streams) ? parsed.streams.filter(isObject) : [];
  const videoStream = streams.find((s) => s.codec_type === 'video' && !isAttachedPicture(s));
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  if (!videoStream && !audioStream) {
    return failure('no audio or video stream');
  }
  const allTags = [tagsOf(format), ...streams.map(tagsOf)];
  return {
    ok: true,
    container: str(format.format_name) ?? 'unknown',
    containerLongName: str(format.format_long_name),
    durationSeconds: num(format.duration) ?? num(videoStream?.duration) ?? num(audioStream?.duration),
    sizeBytes: num(format.size),
    bitRate: num(format.bit_rate),
    video: videoStream ? videoFacts(videoStream) : null,
    audio: audioStream
      ? {
          codec: str(audioStream.codec_name) ?? 'unknown',
          sampleRate: num(audioStream.sample_rate),
          channels: num(audioStream.channels),
        }
      : null,
    creationTime: creationTime(allTags),
    device: deviceTags(allTags),
  };
}

function isAttachedPicture(stream: Json): boolean {
  return isObject(stream.disposition) && stream.disposition.attached_pic === 1;
}

function rate(v: unknown): number | null {
  const m = typeof v === 'string' ? /^(\d+)\/(\d+)$/.exec(v) : null;
  if (!m || Number(m[2]) === 0 || Number(m[1]) === 0) {
    return null;
  }
  return Math.round((Number(m[1]) / Number(m[2])) * 1000) / 1000;
}

function rotationOf(stream: Json): number {
  const sideData = Array.isArray(stream.side_data_list) ? stream.side_data_list.filter(isObject) : [];
  const degrees =
    sideData.map((d) => num(d.rotation)).find((r) => r !== null) ?? num(tagsOf(stream).rotate) ?? 0;
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

function videoFacts(s: Json): VideoStreamFacts {
  return {
    codec: str(s.codec_name) ?? 'unknown',
    profile: str(s.profile),
    pixelFormat: str(s.pix_fmt),
    width: num(s.width) ?? 0,
    height: num(s.height) ?? 0,
    frameRate: rate(s.avg_frame_rate) ?? rate(s.r_frame_rate),
    rotation: rotationOf(s),
  };
}

const CREATION_TAGS = ['com.apple.quicktime.creationdate', 'creation_time', 'date'];

/** The first plausible embedded time; QuickTime's 1904 and Unix's 1970 zero dates mean "unset". */
function creationTime(tagSets: readonly Record<string, string>[]): string | null {
  for (const name of CREATION_TAGS) {
    for (const tags of tagSets) {
      const value = Object.entries(tags).find(([k]) => k.toLowerCase() === name)?.[1];
      const iso = value === undefined ? null : normaliseTime(value);
      if (iso !== null) {
        return iso;
      }
    }
  }
  return null;
}

/** ISO-8601 UTC from the shapes cameras write; a time with no zone is taken as China time (UTC+8). */
export function normaliseTime(value: string): string | null {
  const m =
    /^(\d{4})[-:](\d{2})[-:](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      value.trim(),
    );
  if (!m) {
    return null;
  }
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const offset =
    zone === undefined ? '+08:00' : /^z$/i.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1980) {
    return null;
  }
  return date.toISOString();
}

const DEVICE_TAG = /(make|manufacturer|model|serial|device|camera|equipment|(^|[._])sn$)/i;

function deviceTags(tagSets: readonly Record<string, string>[]): DeviceTags {
  const raw: Record<string, string> = {};
  for (const tags of tagSets) {
    for (const [k, v] of Object.entries(tags)) {
      if (DEVICE_TAG.test(k) && v.trim() !== '' && !(k in raw)) {
        raw[k] = v.trim();
      }
    }
  }
  const pick = (re: RegExp): string | null => Object.entries(raw).find(([k]) => re.test(k))?.[1] ?? null;
  return {
    make: pick(/(make|manufacturer)$/i),
    model: pick(/model$/i),
    serial: pick(/serial|(^|[._])sn$|device_?id/i),
    raw,
  };
}

const ISO_BMFF = /(^|,)(mov|mp4)(,|$)/;
const MATROSKA = /(^|,)(matroska|webm)(,|$)/;
const BROWSER_H264_PIXELS = new Set(['yuv420p', 'yuvj420p']);
const WEB_AUDIO_IN_MP4 = new Set(['aac', 'mp3']);
const WEBM_VIDEO = new Set(['vp8', 'vp9', 'av1']);
const WEBM_AUDIO = new Set(['opus', 'vorbis']);
const STILL_IMAGE_CODECS = new Set(['mjpeg', 'png', 'gif', 'webp', 'bmp']);
const STILL_IMAGE_CONTAINERS = /^(image2|[a-z0-9]+_pipe|gif|webp)$/;
const WEB_AUDIO: Readonly<Record<string, RegExp>> = {
  mp3: /(^|,)(mp3|mov|mp4)(,|$)/,
  aac: /(^|,)(aac|mov|mp4)(,|$)/,
  opus: /(^|,)(ogg|webm)(,|$)/,
  vorbis: /(^|,)(ogg|webm)(,|$)/,
  flac: /(^|,)(flac|ogg)(,|$)/,
  pcm_u8: /^wav$/,
  pcm_s16le: /^wav$/,
  pcm_s24le: /^wav$/,
  pcm_f32le: /^wav$/,
};

/**
 * Whether Chromium, Firefox and Safari can all play (or show) the original as it is, so no proxy
 * is needed: H.264 4:2:0 with AAC/MP3 or no sound in MP4/MOV, VP8/VP9/AV1 in WebM, the common
 * audio formats, and JPEG/PNG/GIF/WebP/BMP stills. Everything else (H.265, MPEG-4 Part 2, AVI,
 * MJPEG, 10-bit or 4:4:4 H.264, AMR…) gets an H.264/AAC proxy. `sniffedFormat` tells Matroska
 * from WebM and MP4 from 3GP, which ffprobe's container name does not.
 */
export function browserPlayable(facts: MediaFacts, sniffedFormat?: string): boolean {
  const { container, video, audio } = facts;
  if (video) {
    if (STILL_IMAGE_CODECS.has(video.codec) && STILL_IMAGE_CONTAINERS.test(container)) {
      return true;
    }
    if (ISO_BMFF.test(container) && sniffedFormat !== '3gp' && sniffedFormat !== '3g2') {
      return (
        video.codec === 'h264' &&
        (video.pixelFormat === null || BROWSER_H264_PIXELS.has(video.pixelFormat)) &&
        (audio === null || WEB_AUDIO_IN_MP4.has(audio.codec))
      );
    }
    if (MATROSKA.test(container) && sniffedFormat !== 'mkv') {
      return WEBM_VIDEO.has(video.codec) && (audio === null || WEBM_AUDIO.has(audio.codec));
    }
    return false;
  }
  if (audio) {
    if (sniffedFormat === 'mkv' || sniffedFormat === '3gp' || sniffedFormat === '3g2') {
      return false;
    }
    return WEB_AUDIO[audio.codec]?.test(container) ?? false;
  }
  return false;
}
