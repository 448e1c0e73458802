import { describe, expect, it } from 'vitest';
import { sniffBytes } from './sniff';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** An ISO-BMFF `ftyp` box with the given major and compatible brands. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 2, 0], ...compatible, [0, 0, 0, 8], 'free');
}

const riff = (form: string): Uint8Array =>
  bytes('RIFF', [0x24, 0, 0, 0], form, 'fmt ', new Array<number>(24).fill(1));

function transportStream(stride: number, offset: number, packets: number): Uint8Array {
  const buf = new Uint8Array(stride * packets).fill(0xff);
  for (let i = 0; i < packets; i++) {
    buf[offset + i * stride] = 0x47;
  }
  return buf;
}

describe('sniffBytes: media by magic', () => {
  it.each([
    ['generic MP4 (isom)', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video', 'mp4', 'video/mp4', true],
    ['MP4 (mp42)', ftyp('mp42', 'mp42', 'isom'), 'video', 'mp4', 'video/mp4', true],
    ['QuickTime MOV', ftyp('qt  ', 'qt  '), 'video', 'mov', 'video/quicktime', true],
    [
      'old QuickTime without ftyp',
      bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 0], 'mdat'),
      'video',
      'mov',
      'video/quicktime',
      true,
    ],
    ['3GP', ftyp('3gp4', '3gp4', 'isom'), 'video', '3gp', 'video/3gpp', true],
    ['3G2', ftyp('3g2a', '3g2a'), 'video', '3g2', 'video/3gpp2', true],
    ['M4A', ftyp('M4A ', 'M4A ', 'isom'), 'audio', 'm4a', 'audio/mp4', false],
    ['M4V', ftyp('M4V ', 'M4V ', 'isom'), 'video', 'm4v', 'video/x-m4v', true],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'photo', 'heic', 'image/heic', false],
    ['HEIF via mif1 + heic', ftyp('mif1', 'mif1', 'heic'), 'photo', 'heic', 'image/heic', false],
    ['HEIF (mif1 only)', ftyp('mif1', 'mif1'), 'photo', 'heif', 'image/heif', false],
    ['AVIF', ftyp('avif', 'avif', 'mif1', 'miaf'), 'photo', 'avif', 'image/avif', false],
    ['AVI', riff('AVI '), 'video', 'avi', 'video/x-msvideo', true],
    [
      'Matroska',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88], 'matroska'),
      'video',
      'mkv',
      'video/x-matroska',
      true,
    ],
    [
      'WebM',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'),
      'video',
      'webm',
      'video/webm',
      true,
    ],
    ['MPEG-TS', transportStream(188, 0, 6), 'video', 'mpegts', 'video/mp2t', true],
    ['M2TS (192-byte packets)', transportStream(192, 4, 6), 'video', 'm2ts', 'video/mp2t', true],
    ['MPEG-PS', bytes([0, 0, 1, 0xba, 0x44, 0, 4, 0, 4, 1]), 'video', 'mpeg-ps', 'video/mpeg', true],
    ['FLV', bytes('FLV', [1, 5, 0, 0, 0, 9]), 'video', 'flv', 'video/x-flv', true],
    [
      'ASF/WMV',
      bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9]),
      'video',
      'asf',
      'video/x-ms-asf',
      true,
    ],
    [
      'Ogg Theora',
      bytes('OggS', [0, 2], new Array<number>(22).fill(0), [0x80], 'theora'),
      'video',
      'ogv',
      'video/ogg',
      true,
    ],
    ['WAV', riff('WAVE'), 'audio', 'wav', 'audio/wav', false],
    [
      'MP3 with ID3',
      bytes('ID3', [4, 0, 0, 0, 0, 0, 2], [0, 0], [0xff, 0xfb, 0x90, 0x64]),
      'audio',
      'mp3',
      'audio/mpeg',
      false,
    ],
    ['MP3 frame sync', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]), 'audio', 'mp3', 'audio/mpeg', false],
    ['AAC ADTS', bytes([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), 'audio', 'aac', 'audio/aac', false],
    [
      'AAC ADTS behind ID3',
      bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xf1, 0x50, 0x80]),
      'audio',
      'aac',
      'audio/aac',
      false,
    ],
    ['FLAC', bytes('fLaC', [0, 0, 0, 0x22]), 'audio', 'flac', 'audio/flac', false],
    [
      'Ogg Opus',
      bytes('OggS', [0, 2], new Array<number>(22).fill(0), 'OpusHead'),
      'audio',
      'opus',
      'audio/ogg',
      false,
    ],
    [
      'Ogg Vorbis',
      bytes('OggS', [0, 2], new Array<number>(22).fill(0), [1], 'vorbis'),
      'audio',
      'ogg',
      'audio/ogg',
      false,
    ],
    ['AMR', bytes('#!AMR\n', [0x3c]), 'audio', 'amr', 'audio/amr', false],
    ['AMR-WB', bytes('#!AMR-WB\n', [0x3c]), 'audio', 'amr-wb', 'audio/amr-wb', false],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe1, 0, 0x10], 'Exif'), 'photo', 'jpeg', 'image/jpeg', false],
    [
      'PNG',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'),
      'photo',
      'png',
      'image/png',
      false,
    ],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'photo', 'gif', 'image/gif', false],
    ['WebP', riff('WEBP'), 'photo', 'webp', 'image/webp', false],
    [
      'BMP',
      bytes('BM', [0x3a, 0, 0, 0], [0, 0, 0, 0], [0x36, 0, 0, 0], [40, 0, 0, 0]),
      'photo',
      'bmp',
      'image/bmp',
      false,
    ],
    ['TIFF (little-endian)', bytes('II*\0', [8, 0, 0, 0]), 'photo', 'tiff', 'image/tiff', false],
    ['TIFF (big-endian)', bytes('MM\0*', [0, 0, 0, 8]), 'photo', 'tiff', 'image/tiff', false],
  ] as const)('%s', (_name, head, kind, format, mime, confirmByProbe) => {
    expect(sniffBytes(head)).toEqual({ kind, format, mime, confirmByProbe });
  });
});

describe('sniffBytes: what a non-media file is, in both languages', () => {
  const zip = (...names: string[]): Uint8Array =>
    bytes('PK', [3, 4, 20, 0, 0, 0, 8, 0], new Array<number>(18).fill(0), ...names.map((n) => `${n}\0\0\0`));

  it.each([
    ['PDF', bytes('%PDF-1.7\n%âãÏÓ\n'), 'PDF 文档', 'PDF document'],
    ['ZIP', zip('photos/readme.txt'), 'ZIP 压缩包', 'ZIP archive'],
    ['DOCX', zip('[Content_Types].xml', 'word/document.xml'), 'Word 文档（DOCX）', 'Word document (DOCX)'],
    ['XLSX', zip('[Content_Types].xml', 'xl/workbook.xml'), 'Excel 表格（XLSX）', 'Excel workbook (XLSX)'],
    ['RAR', bytes('Rar!\x1a\x07\x01\x00'), 'RAR 压缩包', 'RAR archive'],
    ['7z', bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), '7z 压缩包', '7z archive'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'gzip 压缩文件', 'gzip-compressed file'],
    [
      'Office 97',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'Office 97–2003 文档（DOC/XLS/PPT）',
      'Microsoft Office 97–2003 document (DOC/XLS/PPT)',
    ],
    [
      'Windows EXE',
      bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]),
      'Windows 可执行文件',
      'Windows executable',
    ],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1, 0]), 'Linux 可执行文件（ELF）', 'Linux executable (ELF)'],
    ['SQLite', bytes('SQLite format 3\0', [0x10, 0]), 'SQLite 数据库', 'SQLite database'],
    ['HTML', bytes('\n  <!DOCTYPE html><html><body>hi</body></html>'), 'HTML 网页', 'HTML page'],
    [
      'SVG',
      bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'SVG 矢量图',
      'SVG vector image',
    ],
    ['XML', bytes('<?xml version="1.0"?><case/>'), 'XML 文档', 'XML document'],
    ['script', bytes('#!/bin/sh\nrm -rf /\n'), '脚本文件', 'script'],
    ['UTF-8 text', Buffer.from('现场检查笔录\r\n当事人：某公司\tOK\n'), '纯文本', 'plain text'],
    [
      'GB18030 text',
      bytes([0xcf, 0xd6, 0xb3, 0xa1, 0xbc, 0xec, 0xb2, 0xe9, 0x0d, 0x0a]),
      '纯文本（非 UTF-8 编码）',
      'plain text (not UTF-8)',
    ],
    ['empty file', new Uint8Array(0), '空文件', 'empty file'],
    [
      'random binary',
      bytes([0x00, 0x13, 0x37, 0x00, 0x02, 0x99, 0x01, 0x00, 0x05]),
      '未知的二进制文件',
      'unknown binary file',
    ],
  ] as const)('%s', (_name, head, zh, en) => {
    expect(sniffBytes(head)).toEqual({ kind: null, description: { zh, en } });
  });

  it('two letters "MZ" starting a text file are not an executable', () => {
    expect(sniffBytes(bytes('MZ is a prefix in this note.\n'))).toMatchObject({
      description: { en: 'plain text' },
    });
  });

  it('a stray 0x47 byte is not a transport stream', () => {
    expect(sniffBytes(bytes('G is for gap\n'))).toMatchObject({ kind: null });
  });

  it('UTF-8 cut mid-character at the 64 KiB boundary is still text', () => {
    const text = Buffer.from('执'.repeat(100));
    expect(sniffBytes(text.subarray(0, text.length - 1))).toMatchObject({
      description: { en: 'plain text' },
    });
  });
});
