import { open } from 'node:fs/promises';
import { ascii, byteAt, containsAscii, startsWith, startsWithAscii, uint32be } from './bytes';
import { describeNonMedia } from './describe-non-media';
import type { LocalizedText } from './localized';

export type MediaKind = 'video' | 'audio' | 'photo';

/** What the first bytes say a media file is. */
export interface MediaSniff {
  kind: MediaKind;
  /** Short container/format name from the magic, e.g. `mp4`, `mov`, `mkv`, `wav`, `jpeg`. */
  format: string;
  mime: string;
  /**
   * True when the container can hold video or audio alone (a generic MP4 brand, Matroska, TS…), so
   * `kind` is only the likelier reading; {@link resolveKind} settles it with the probe's streams.
   */
  confirmByProbe: boolean;
}

/** Not a file we accept as a recording; `description` says what it is, for the refusal message. */
export interface NotMedia {
  kind: null;
  description: LocalizedText;
}

export type SniffResult = MediaSniff | NotMedia;

/** How many leading bytes the sniffer looks at. */
export const SNIFF_BYTES = 64 * 1024;

const media = (kind: MediaKind, format: string, mime: string, confirmByProbe = false): MediaSniff => ({
  kind,
  format,
  mime,
  confirmByProbe,
});

/**
 * Decides what a file is from its content alone. The extension is deliberately ignored: an
 * upload named `.mp4` that is really a PDF must be refused by what it is, and a camera's `.dat`
 * that is really MPEG-TS must be accepted.
 */
export function sniffBytes(head: Uint8Array): SniffResult {
  const found = sniffIsoBmff(head) ?? sniffVideo(head) ?? sniffAudio(head) ?? sniffPhoto(head);
  return found ?? { kind: null, description: describeNonMedia(head) };
}

/** Reads at most {@link SNIFF_BYTES} from the start of `path` and sniffs them. */
export async function sniffFile(path: string): Promise<SniffResult> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return sniffBytes(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const QUICKTIME_LEADING_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** ISO base media (MP4, MOV, 3GP, M4A, HEIF/AVIF): the `ftyp` box's major and compatible brands. */
function sniffIsoBmff(buf: Uint8Array): MediaSniff | null {
  const boxSize = uint32be(buf, 0);
  const boxType = ascii(buf, 4, 4);
  if (boxType !== 'ftyp') {
    if (QUICKTIME_LEADING_ATOMS.has(boxType) && (boxSize === 0 || boxSize === 1 || boxSize >= 8)) {
      return media('video', 'mov', 'video/quicktime', true);
    }
    return null;
  }
  if (boxSize < 16) {
    return null;
  }
  const major = ascii(buf, 8, 4);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(boxSize, buf.length); at += 4) {
    compatible.push(ascii(buf, at, 4));
  }
  const brands = [major, ...compatible];
  if (HEIF_BRANDS.has(major) || AVIF_BRANDS.has(major) || GENERIC_HEIF_BRANDS.has(major)) {
    if (
      AVIF_BRANDS.has(major) ||
      (!brands.some((b) => HEIF_BRANDS.has(b)) && brands.some((b) => AVIF_BRANDS.has(b)))
    ) {
      return media('photo', 'avif', 'image/avif');
    }
    return brands.some((b) => HEIF_BRANDS.has(b))
      ? media('photo', 'heic', 'image/heic')
      : media('photo', 'heif', 'image/heif');
  }
  if (major === 'qt  ') {
    return media('video', 'mov', 'video/quicktime', true);
  }
  if (/^3g2/.test(major)) {
    return media('video', '3g2', 'video/3gpp2', true);
  }
  if (/^3g[pse]/.test(major)) {
    return media('video', '3gp', 'video/3gpp', true);
  }
  if (/^(M4A |M4B |M4P |F4A |F4B )$/.test(major)) {
    return media('audio', 'm4a', 'audio/mp4');
  }
  if (/^M4V/.test(major)) {
    return media('video', 'm4v', 'video/x-m4v', true);
  }
  return media('video', 'mp4', 'video/mp4', true);
}

/** Whether MPEG transport-stream sync bytes (0x47) repeat at `stride` from `first`. */
function tsSyncs(buf: Uint8Array, first: number, stride: number): boolean {
  const packets = Math.min(5, Math.floor((buf.length - first) / stride));
  if (packets < 2) {
    return false;
  }
  for (let i = 0; i < packets; i++) {
    if (byteAt(buf, first + i * stride) !== 0x47) {
      return false;
    }
  }
  return true;
}

function sniffVideo(buf: Uint8Array): MediaSniff | null {
  if (startsWithAscii(buf, 'RIFF') && startsWithAscii(buf, 'AVI ', 8)) {
    return media('video', 'avi', 'video/x-msvideo', true);
  }
  if (startsWith(buf, [0x1a, 0x45, 0xdf, 0xa3])) {
    return containsAscii(buf, 'webm', 64)
      ? media('video', 'webm', 'video/webm', true)
      : media('video', 'mkv', 'video/x-matroska', true);
  }
  if (tsSyncs(buf, 0, 188)) {
    return media('video', 'mpegts', 'video/mp2t', true);
  }
  if (tsSyncs(buf, 4, 192)) {
    return media('video', 'm2ts', 'video/mp2t', true);
  }
  if (startsWith(buf, [0x00, 0x00, 0x01, 0xba])) {
    return media('video', 'mpeg-ps', 'video/mpeg', true);
  }
  if (startsWith(buf, [0x00, 0x00, 0x01, 0xb3])) {
    return media('video', 'mpeg-video', 'video/mpeg');
  }
  if (startsWithAscii(buf, 'FLV') && byteAt(buf, 3) === 0x01) {
    return media('video', 'flv', 'video/x-flv', true);
  }
  if (startsWith(buf, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) {
    return media('video', 'asf', 'video/x-ms-asf', true);
  }
  if (startsWithAscii(buf, 'OggS') && containsAscii(buf, 'theora', 256)) {
    return media('video', 'ogv', 'video/ogg', true);
  }
  return null;
}

function isMpegAudioFrame(buf: Uint8Array, at: number): boolean {
  const b1 = byteAt(buf, at + 1);
  const b2 = byteAt(buf, at + 2);
  return (
    byteAt(buf, at) === 0xff &&
    (b1 & 0xe0) === 0xe0 &&
    ((b1 >> 3) & 3) !== 1 &&
    ((b1 >> 1) & 3) !== 0 &&
    b2 >> 4 !== 15 &&
    ((b2 >> 2) & 3) !== 3
  );
}

function isAdtsFrame(buf: Uint8Array, at: number): boolean {
  const b1 = byteAt(buf, at + 1);
  return byteAt(buf, at) === 0xff && (b1 & 0xf6) === 0xf0 && ((byteAt(buf, at + 2) >> 2) & 0xf) < 13;
}

function sniffAudio(buf: Uint8Array): MediaSniff | null {
  if ((startsWithAscii(buf, 'RIFF') || startsWithAscii(buf, 'RF64')) && startsWithAscii(buf, 'WAVE', 8)) {
    return media('audio', 'wav', 'audio/wav');
  }
  if (startsWithAscii(buf, 'FORM') && /^AIF[FC]$/.test(ascii(buf, 8, 4))) {
    return media('audio', 'aiff', 'audio/aiff');
  }
  if (startsWithAscii(buf, 'ID3') && byteAt(buf, 3) <= 4) {
    const tagSize = [6, 7, 8, 9].reduce((n, i) => (n << 7) | (byteAt(buf, i) & 0x7f), 0);
    const after = 10 + tagSize + ((byteAt(buf, 5) & 0x10) !== 0 ? 10 : 0);
    if (startsWithAscii(buf, 'fLaC', after)) {
      return media('audio', 'flac', 'audio/flac');
    }
    return isAdtsFrame(buf, after) ? media('audio', 'aac', 'audio/aac') : media('audio', 'mp3', 'audio/mpeg');
  }
  if (startsWithAscii(buf, 'fLaC')) {
    return media('audio', 'flac', 'audio/flac');
  }
  if (startsWithAscii(buf, 'OggS')) {
    if (containsAscii(buf, 'OpusHead', 256)) {
      return media('audio', 'opus', 'audio/ogg');
    }
    return media('audio', 'ogg', 'audio/ogg', !containsAscii(buf, 'vorbis', 256));
  }
  if (startsWithAscii(buf, '#!AMR-WB\n')) {
    return media('audio', 'amr-wb', 'audio/amr-wb');
  }
  if (startsWithAscii(buf, '#!AMR')) {
    return media('audio', 'amr', 'audio/amr');
  }
  if (startsWithAscii(buf, 'caff')) {
    return media('audio', 'caf', 'audio/x-caf');
  }
  if (isAdtsFrame(buf, 0)) {
    return media('audio', 'aac', 'audio/aac');
  }
  if (isMpegAudioFrame(buf, 0)) {
    return ((byteAt(buf, 1) >> 1) & 3) === 1
      ? media('audio', 'mp3', 'audio/mpeg')
      : media('audio', 'mpeg-audio', 'audio/mpeg');
  }
  return null;
}

const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function sniffPhoto(buf: Uint8Array): MediaSniff | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) {
    return media('photo', 'jpeg', 'image/jpeg');
  }
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return media('photo', 'png', 'image/png');
  }
  if (startsWithAscii(buf, 'GIF87a') || startsWithAscii(buf, 'GIF89a')) {
    return media('photo', 'gif', 'image/gif');
  }
  if (startsWithAscii(buf, 'RIFF') && startsWithAscii(buf, 'WEBP', 8)) {
    return media('photo', 'webp', 'image/webp');
  }
  if (startsWithAscii(buf, 'II*\0') || startsWithAscii(buf, 'MM\0*')) {
    return media('photo', 'tiff', 'image/tiff');
  }
  const dibHeader =
    byteAt(buf, 14) | (byteAt(buf, 15) << 8) | (byteAt(buf, 16) << 16) | (byteAt(buf, 17) << 24);
  if (startsWithAscii(buf, 'BM') && startsWith(buf, [0, 0, 0, 0], 6) && BMP_HEADER_SIZES.has(dibHeader)) {
    return media('photo', 'bmp', 'image/bmp');
  }
  return null;
}
