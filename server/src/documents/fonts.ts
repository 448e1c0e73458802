import { existsSync, readFileSync } from 'node:fs';

/**
 * The CJK fonts documents are set in. Official documents call for 方正小标宋 (titles) and
 * 仿宋_GB2312 (body); those are not free, so PDFs embed Noto Serif CJK SC from Debian's
 * fonts-noto-cjk (Bold for titles, Regular for body) — a subset of the glyphs used. DOCX files
 * name the official fonts and fall back to Noto on machines that lack them.
 */

export interface FontFace {
  /** A .ttf/.otf, or a .ttc collection with the face's PostScript name. */
  file: string;
  postscriptName?: string;
}

export interface DocumentFonts {
  regular: FontFace;
  bold: FontFace;
}

const NOTO = '/usr/share/fonts/opentype/noto';

export const DEFAULT_FONTS: DocumentFonts = {
  regular: { file: `${NOTO}/NotoSerifCJK-Regular.ttc`, postscriptName: 'NotoSerifCJKsc-Regular' },
  bold: { file: `${NOTO}/NotoSerifCJK-Bold.ttc`, postscriptName: 'NotoSerifCJKsc-Bold' },
};

/** Names written into DOCX files; Word and LibreOffice substitute the fallback when missing. */
export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  title: '宋体',
  fallback: 'Noto Serif CJK SC',
} as const;

export class FontMissingError extends Error {
  constructor(readonly file: string) {
    super(`CJK font not found: ${file} (install Debian's fonts-noto-cjk, or configure the document fonts)`);
  }
}

const loaded = new Map<string, Buffer>();

/** The font file's bytes, read once per process (a CJK collection is ~25 MB). */
export function fontBytes(file: string): Buffer {
  let bytes = loaded.get(file);
  if (!bytes) {
    if (!existsSync(file)) {
      throw new FontMissingError(file);
    }
    bytes = readFileSync(file);
    loaded.set(file, bytes);
  }
  return bytes;
}
