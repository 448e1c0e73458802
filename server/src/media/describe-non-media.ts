import { ascii, byteAt, containsAscii, startsWith, startsWithAscii, uint32be } from './bytes';
import type { LocalizedText } from './localized';

const text = (zh: string, en: string): LocalizedText => ({ zh, en });

export const EMPTY_FILE = text('空文件', 'empty file');
export const PLAIN_TEXT = text('纯文本', 'plain text');
export const UNKNOWN_BINARY = text('未知的二进制文件', 'unknown binary file');

type Rule = readonly [test: (buf: Uint8Array) => boolean, description: LocalizedText];

const magic =
  (bytes: readonly number[], offset = 0) =>
  (buf: Uint8Array): boolean =>
    startsWith(buf, bytes, offset);
const magicText =
  (s: string, offset = 0) =>
  (buf: Uint8Array): boolean =>
    startsWithAscii(buf, s, offset);

/** Inside a ZIP, the first entries' names tell Office and other packaged formats apart. */
function describeZip(buf: Uint8Array): LocalizedText {
  const has = (s: string): boolean => containsAscii(buf, s);
  if (has('mimetypeapplication/vnd.oasis.opendocument')) {
    return text('OpenDocument 文档', 'OpenDocument file');
  }
  if (has('word/')) {
    return text('Word 文档（DOCX）', 'Word document (DOCX)');
  }
  if (has('xl/')) {
    return text('Excel 表格（XLSX）', 'Excel workbook (XLSX)');
  }
  if (has('ppt/')) {
    return text('PowerPoint 演示文稿（PPTX）', 'PowerPoint presentation (PPTX)');
  }
  if (has('AndroidManifest.xml') || has('classes.dex')) {
    return text('Android 安装包（APK）', 'Android package (APK)');
  }
  if (has('META-INF/')) {
    return text('Java 归档（JAR）', 'Java archive (JAR)');
  }
  return text('ZIP 压缩包', 'ZIP archive');
}

/** 'MZ' alone is two letters; a real PE file points at a `PE\0\0` header or is plainly binary. */
function isWindowsExecutable(buf: Uint8Array): boolean {
  if (!startsWithAscii(buf, 'MZ')) {
    return false;
  }
  if (buf.length >= 0x40) {
    const peAt = byteAt(buf, 0x3c) | (byteAt(buf, 0x3d) << 8) | (byteAt(buf, 0x3e) << 16);
    if (startsWith(buf, [0x50, 0x45, 0, 0], peAt)) {
      return true;
    }
  }
  return buf.subarray(0, 512).includes(0);
}

const MACHO = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe]);

const BINARY_RULES: readonly Rule[] = [
  [magicText('%PDF-'), text('PDF 文档', 'PDF document')],
  [magicText('%!PS'), text('PostScript 文档', 'PostScript document')],
  [magicText('{\\rtf'), text('RTF 文档', 'RTF document')],
  [
    magic([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    text('Office 97–2003 文档（DOC/XLS/PPT）', 'Microsoft Office 97–2003 document (DOC/XLS/PPT)'),
  ],
  [magicText('Rar!\x1a\x07'), text('RAR 压缩包', 'RAR archive')],
  [magic([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), text('7z 压缩包', '7z archive')],
  [magic([0x1f, 0x8b]), text('gzip 压缩文件', 'gzip-compressed file')],
  [
    (b) => startsWithAscii(b, 'BZh') && byteAt(b, 3) >= 0x31 && byteAt(b, 3) <= 0x39,
    text('bzip2 压缩文件', 'bzip2-compressed file'),
  ],
  [magic([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), text('xz 压缩文件', 'xz-compressed file')],
  [magic([0x28, 0xb5, 0x2f, 0xfd]), text('Zstandard 压缩文件', 'Zstandard-compressed file')],
  [magicText('ustar', 257), text('tar 归档文件', 'tar archive')],
  [isWindowsExecutable, text('Windows 可执行文件', 'Windows executable')],
  [magic([0x7f, 0x45, 0x4c, 0x46]), text('Linux 可执行文件（ELF）', 'Linux executable (ELF)')],
  [(b) => MACHO.has(uint32be(b, 0)), text('macOS 可执行文件', 'macOS executable')],
  [magicText('SQLite format 3\0'), text('SQLite 数据库', 'SQLite database')],
  [magicText('MThd'), text('MIDI 乐谱文件（不含录音）', 'MIDI score (no recorded sound)')],
];

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Text if it has no NUL and almost no control bytes; UTF-8 or a legacy encoding such as GB18030. */
function looksLikeText(buf: Uint8Array): 'utf8' | 'other' | null {
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    return 'other';
  }
  let controls = 0;
  for (const b of buf) {
    if (b === 0) {
      return null;
    }
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) {
      controls++;
    }
  }
  if (controls > buf.length / 100) {
    return null;
  }
  try {
    UTF8.decode(buf, { stream: true });
    return 'utf8';
  } catch {
    return 'other';
  }
}

function describeMarkup(start: string): LocalizedText | null {
  if (start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg'))) {
    return text('SVG 矢量图', 'SVG vector image');
  }
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return text('HTML 网页', 'HTML page');
  }
  if (start.startsWith('<?xml')) {
    return text('XML 文档', 'XML document');
  }
  if (start.startsWith('#!')) {
    return text('脚本文件', 'script');
  }
  return null;
}

/**
 * A human name for a file that is not audio, video or a photo, so the refusal can say what the
 * upload actually is ("这是 PDF 文档，不是音视频或照片") instead of a bare "unsupported type".
 */
export function describeNonMedia(buf: Uint8Array): LocalizedText {
  if (buf.length === 0) {
    return EMPTY_FILE;
  }
  if (startsWithAscii(buf, 'PK\x03\x04') || startsWithAscii(buf, 'PK\x05\x06')) {
    return describeZip(buf);
  }
  for (const [test, description] of BINARY_RULES) {
    if (test(buf)) {
      return description;
    }
  }
  const kind = looksLikeText(buf);
  if (kind === null) {
    return UNKNOWN_BINARY;
  }
  const start = ascii(buf, 0, 1024)
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  return (
    describeMarkup(start) ??
    (kind === 'utf8' ? PLAIN_TEXT : text('纯文本（非 UTF-8 编码）', 'plain text (not UTF-8)'))
  );
}
