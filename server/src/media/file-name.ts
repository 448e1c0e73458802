/** Upload file names: made safe to store and show, and read for what body cameras encode in them. */

export const MAX_FILE_NAME_BYTES = 255;
const MAX_EXTENSION_CHARS = 16;

// Control characters (C0, DEL, C1) and invisible format characters: bidi embeddings, overrides and
// isolates (which can make `exe.mp4` display as `mp4.exe`), zero-width characters, the BOM; and
// line and paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Characters Windows refuses in names; replaced so a later download saves everywhere.
const WINDOWS_RESERVED_CHARS = /[<>:"|?*]/g;
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Cuts `s` to at most `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(s: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) {
      break;
    }
    out += ch;
    bytes += n;
  }
  return out;
}

function splitExtension(name: string): [stem: string, extension: string] {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  if (ext.length < 2 || ext.length > MAX_EXTENSION_CHARS + 1 || /\s/.test(ext)) {
    return [name, ''];
  }
  return [name.slice(0, dot), ext];
}

/**
 * The uploaded name made harmless for storage and display: only the last path component (either
 * separator), NFC, no control or bidi characters, no Windows-reserved characters, trimmed, at most
 * 255 UTF-8 bytes with the extension kept, never empty. The bytes are stored by hash, so this name
 * is a label: it never becomes a path.
 */
export function neutraliseFileName(raw: string, fallback = 'unnamed'): string {
  const lastComponent = raw.split(/[/\\]/).pop() ?? '';
  let name = lastComponent
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(WINDOWS_RESERVED_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if (/^\.*$/.test(name)) {
    name = fallback;
  }
  if (WINDOWS_DEVICE_NAMES.test(name)) {
    name = `_${name}`;
  }
  if (utf8Length(name) <= MAX_FILE_NAME_BYTES) {
    return name;
  }
  const [stem, ext] = splitExtension(name);
  const keptStem = truncateUtf8(stem, MAX_FILE_NAME_BYTES - utf8Length(ext)).trimEnd();
  return keptStem === '' ? truncateUtf8(name, MAX_FILE_NAME_BYTES) : keptStem + ext;
}

/** What a body camera's file name says about the recording. */
export interface CaptureNameInfo {
  /** Which known naming pattern matched, e.g. `gat947`. */
  pattern: string;
  deviceNumber?: string;
  /** Officer's badge / enforcement-certificate number. */
  badge?: string;
  /** ISO-8601 UTC; the camera's clock is China time (UTC+8). */
  captureStart?: string;
  sequence?: number;
}

interface NamePattern {
  name: string;
  /** Named groups: device, badge, date (YYYYMMDD), time (HHmmss), seq. */
  re: RegExp;
}

const DT = String.raw`(?<date>\d{8})[-_ ]?(?<time>\d{6})`;
const SEQ = String.raw`(?:[-_](?<seq>\d{1,6}))`;
const FLAG = String.raw`(?:[-_][A-Za-z]{1,4})?`;
const DEVICE = String.raw`(?<device>(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{4,24}|\d{5,24})`;

/**
 * Known names, most specific first. GA/T 947 cameras and most collection stations write
 * `<device>_<badge>_<YYYYMMDDHHmmss>_<seq>` (some add a marker such as `_IMP` for a file the
 * officer flagged important); other vendors put the time first; phones and voice recorders write
 * `IMG_`/`VID_`/`REC` with a time only.
 */
const PATTERNS: readonly NamePattern[] = [
  { name: 'gat947', re: new RegExp(`^${DEVICE}_(?<badge>[A-Za-z0-9]{4,12})_${DT}${SEQ}?${FLAG}$`) },
  {
    name: 'phone',
    re: new RegExp(
      `^(?:IMG|VID|PXL|MVIMG|PANO|AUD)[-_]${DT}(?:[-_~](?<seq>\\d{1,6}))?(?:[-_.][A-Za-z0-9_]*)?$`,
      'i',
    ),
  },
  { name: 'rec', re: new RegExp(`^REC[-_]?(?:${DT}${SEQ}?|(?<onlySeq>\\d{1,6}))${FLAG}$`, 'i') },
  {
    name: 'dsj',
    re: new RegExp(`^DSJ[-_](?:${DEVICE}[-_](?:(?<badge>[A-Za-z0-9]{4,12})[-_])?)?${DT}${SEQ}?${FLAG}$`, 'i'),
  },
  { name: 'time-device-seq', re: new RegExp(`^${DT}[-_]${DEVICE}${SEQ}${FLAG}$`) },
  { name: 'device-time', re: new RegExp(`^${DEVICE}[-_]${DT}${SEQ}?${FLAG}$`) },
  { name: 'timestamp', re: new RegExp(`^${DT}${SEQ}?${FLAG}$`) },
];

/** `YYYYMMDD` + `HHmmss` read as China time, as ISO UTC; null unless it is a real instant. */
export function chinaTimeToIso(date: string, time: string): string | null {
  const [y, mo, d] = [date.slice(0, 4), date.slice(4, 6), date.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  const [h, mi, s] = [time.slice(0, 2), time.slice(2, 4), time.slice(4, 6)].map(Number) as [
    number,
    number,
    number,
  ];
  if (y < 2000 || y > 2099 || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  const utc = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const check = new Date(utc + 8 * 3600_000);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return null;
  }
  return new Date(utc).toISOString();
}

function fromMatch(pattern: string, g: Record<string, string | undefined>): CaptureNameInfo | null {
  const info: CaptureNameInfo = { pattern };
  if (g.date !== undefined && g.time !== undefined) {
    const iso = chinaTimeToIso(g.date, g.time);
    if (iso === null) {
      return null;
    }
    info.captureStart = iso;
  }
  if (g.device !== undefined) {
    info.deviceNumber = g.device;
  }
  if (g.badge !== undefined) {
    info.badge = g.badge;
  }
  const seq = g.seq ?? g.onlySeq;
  if (seq !== undefined) {
    info.sequence = Number(seq);
  }
  return info;
}

/**
 * Device number, badge, capture start and sequence from a body-camera file name, for the uploader
 * to confirm; null when the name follows no known pattern. A name whose digits are not a real
 * date and time matches nothing rather than yielding a wrong time.
 */
export function parseCaptureFileName(fileName: string): CaptureNameInfo | null {
  const base = (fileName.split(/[/\\]/).pop() ?? '').trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  for (const { name, re } of PATTERNS) {
    const m = re.exec(stem);
    const info = m?.groups ? fromMatch(name, m.groups) : null;
    if (info) {
      return info;
    }
  }
  return null;
}
