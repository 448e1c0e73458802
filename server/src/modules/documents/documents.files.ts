import { AppError } from '../../http/errors';
import { sniffBytes } from '../../media';

export { sha256Of, storeBytes } from '../../storage/store-bytes';

/** RFC 8187 `ext-value`: percent-encodes everything but attr-char. */
function rfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `filename*` (RFC 6266/8187) with the real name, an ASCII `filename` for old clients. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string, fallback: string): string {
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${rfc8187(name)}`;
}

/** 不予受理决定书 临人社监不受〔2026〕第1号（第2版）.pdf — what a person saves it as. */
export function documentFileName(
  doc: { title: string; number: string | null; version: number; state: string },
  ext: 'pdf' | 'docx',
): string {
  const parts = [doc.title, doc.number ? ` ${doc.number}` : ''];
  if (doc.version > 1) {
    parts.push(`（第${doc.version}版）`);
  }
  if (doc.state === 'draft') {
    parts.push('（草稿）');
  }
  return `${parts.join('').replace(/[\\/:*?"<>|\r\n]/g, '_')}.${ext}`;
}

export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];
export const SCAN_MAX_BYTES = 20 * 1024 * 1024;

const LABELS: Record<ScanType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

function sniffScanType(bytes: Uint8Array): ScanType | null {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    return 'application/pdf';
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return 'image/jpeg';
  }
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  return null;
}

/**
 * The declared type must be what the bytes are: a PNG sent as `application/pdf` is refused (415)
 * naming what it really is; so is anything that is none of PDF, JPEG and PNG.
 */
export function checkScanBytes(declared: string | undefined, bytes: Uint8Array): ScanType {
  const type = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(SCAN_TYPES as readonly string[]).includes(type)) {
    throw new AppError(415, 'document.scan_type_unsupported');
  }
  if (bytes.length === 0) {
    throw new AppError(400, 'document.scan_empty');
  }
  const actual = sniffScanType(bytes);
  if (actual === type) {
    return actual;
  }
  const sniffed = sniffBytes(bytes.subarray(0, 64 * 1024));
  const what = actual
    ? { 'zh-CN': `${LABELS[actual]} 文件`, en: `a ${LABELS[actual]} file` }
    : sniffed.kind === null
      ? { 'zh-CN': sniffed.description.zh, en: sniffed.description.en }
      : { 'zh-CN': sniffed.mime, en: sniffed.mime };
  throw new AppError(415, 'document.scan_type_mismatch', {
    actual: what,
    declared: LABELS[type as ScanType],
  });
}
