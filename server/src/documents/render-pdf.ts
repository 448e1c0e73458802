import pdfmake from 'pdfmake';
import type { DocumentContext } from './context';
import { DEFAULT_FONTS, fontBytes, type DocumentFonts, type FontFace } from './fonts';
import {
  resolveDocument,
  type RenderOptions,
  type ResolvedBlock,
  type ResolvedDocument,
  type ResolvedList,
  type ResolvedRow,
} from './resolve';
import type { FieldValues, Template } from './template';

/**
 * A4 PDF in the shape of an official document, approximating GB/T 9704-2012: top margin 37 mm,
 * binding (left) 28 mm, a 156 × 225 mm text block; title in bold serif (小标宋-like), body in
 * serif at 三号 (16 pt) for letters and 小四 (12 pt) inside forms; "第 N 页 共 M 页" in the
 * footer; a diagonal 草稿 DRAFT watermark on drafts. Fonts are embedded (subset).
 */

type Node = Record<string, unknown>;

const MM = 72 / 25.4;
const MARGINS = {
  letter: [28 * MM, 37 * MM, 26 * MM, 35 * MM],
  /** Forms keep the text width but use less of the page for margins above and below. */
  form: [28 * MM, 22 * MM, 26 * MM, 25 * MM],
};
const TEXT_WIDTH = 156 * MM;
import { WATERMARK_TEXT } from './watermark';

const SIZES = {
  letter: { agency: 20, title: 22, body: 16, note: 12, lineHeight: 1.1 },
  form: { agency: 16, title: 22, body: 12, note: 10.5, lineHeight: 1.2 },
} as const;

export interface PdfRenderOptions extends RenderOptions {
  fonts?: DocumentFonts;
}

let policiesSet = false;

/** Registers the font files with pdfmake's in-memory file system, once per file. */
function fontRef(face: FontFace): string | [string, string] {
  const name = `quancheng-fonts/${face.file.replace(/[^A-Za-z0-9.-]/g, '_')}`;
  if (!pdfmake.virtualfs.existsSync(name)) {
    pdfmake.virtualfs.writeFileSync(name, fontBytes(face.file));
  }
  return face.postscriptName ? [name, face.postscriptName] : name;
}

/**
 * Reads the font files now rather than on the first render (a CJK collection is ~25 MB), so the
 * first document a user asks for is as quick as the rest; throws FontMissingError if absent.
 */
export function preloadFonts(fonts: DocumentFonts = DEFAULT_FONTS): void {
  fontRef(fonts.regular);
  fontRef(fonts.bold);
}

/** Renders a document as PDF bytes. */
export async function renderPdf(
  template: Template,
  values: FieldValues,
  context: DocumentContext,
  options: PdfRenderOptions,
): Promise<Buffer> {
  const doc = resolveDocument(template, values, context, options);
  const fonts = options.fonts ?? DEFAULT_FONTS;
  if (!policiesSet) {
    // Templates are data: nothing in them may make the renderer fetch a URL or read a file.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    policiesSet = true;
  }
  // A fresh descriptor object per document: pdfmake rewrites the entries it is given.
  pdfmake.setFonts({ Serif: { normal: fontRef(fonts.regular), bold: fontRef(fonts.bold) } });
  return pdfmake.createPdf(definition(doc, context)).getBuffer();
}

function definition(doc: ResolvedDocument, context: DocumentContext): Node {
  const size = SIZES[doc.style];
  // A fixed creation date (the document's date, Beijing midnight): a re-render is comparable.
  const created = new Date(`${doc.date}T00:00:00+08:00`);
  return {
    pageSize: 'A4',
    pageMargins: MARGINS[doc.style],
    info: {
      title: doc.number ? `${doc.title} ${doc.number}` : doc.title,
      author: context.agencyName,
      subject: context.case.cause,
      creator: 'Quancheng',
      producer: 'Quancheng (pdfmake)',
      creationDate: created,
      modDate: created,
    },
    defaultStyle: { font: 'Serif', fontSize: size.body, lineHeight: size.lineHeight },
    ...(doc.draft
      ? {
          watermark: {
            text: WATERMARK_TEXT,
            color: '#9a9a9a',
            opacity: 0.25,
            bold: true,
            fontSize: 72,
            angle: -45,
          },
        }
      : {}),
    footer: (page: number, pages: number): Node => ({
      text: `第 ${page} 页 共 ${pages} 页`,
      alignment: 'center',
      fontSize: 10.5,
      margin: [0, doc.style === 'letter' ? 20 : 30, 0, 0],
    }),
    content: doc.blocks.map((b) => block(b, doc.style)),
  };
}

function block(b: ResolvedBlock, style: ResolvedDocument['style']): Node {
  const size = SIZES[style];
  switch (b.kind) {
    case 'heading':
      return {
        stack: [
          { text: b.agency, fontSize: size.agency, bold: true },
          { text: b.title, fontSize: size.title, bold: true, margin: [0, 4, 0, 0] },
          ...(b.subtitle ? [{ text: b.subtitle, fontSize: size.body }] : []),
        ],
        alignment: 'center',
        lineHeight: 1.2,
        margin: [0, 0, 0, style === 'letter' ? 12 : 6],
      };
    case 'number':
      return { text: b.text, alignment: b.align, margin: [0, 0, style === 'letter' ? size.body : 0, 12] };
    case 'paragraph':
      return {
        text: b.text,
        alignment: b.align,
        bold: b.bold,
        ...(b.indent ? { leadingIndent: size.body * 2 } : {}),
      };
    case 'table':
      return formTable(b.rows, size.body);
    case 'list':
      return {
        stack: [
          ...(b.title ? [{ text: b.title, margin: [0, 6, 0, 4] }] : []),
          listTable(b.list, size.body - 2, TEXT_WIDTH),
        ],
        margin: [0, 4, 0, 8],
      };
    case 'signature':
      return {
        unbreakable: true,
        columns: [
          { width: '*', text: '' },
          {
            width: 'auto',
            stack: [b.agency, b.date, ...(b.seal ? ['（印章）'] : [])],
            alignment: 'center',
          },
        ],
        margin: [0, 12, size.body * 2, 0],
      };
    case 'note':
      return { text: b.text, fontSize: size.note, alignment: b.align, margin: [0, 2, 0, 2] };
    case 'spacer':
      return { text: '\n'.repeat(Math.max(0, b.lines - 1)) + ' ' };
  }
}

const LABEL_WIDTH = 30 * MM;
const CELL_PAD = 8;

/** Estimated rendered height of `text` in a cell `width` wide, to honour a row's minimum. */
function textHeight(text: string, width: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(width / fontSize));
  const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil([...l].length / perLine)), 0);
  return lines * fontSize * 1.45;
}

function padTo(text: string, minHeightMm: number | undefined, width: number, fontSize: number): Node {
  const min = (minHeightMm ?? 0) * MM;
  const pad = Math.max(0, min - textHeight(text, width, fontSize));
  return { text, margin: [0, 0, 0, pad] };
}

/** Boxed label/value cells on a four-column grid (label, value, label, value). */
function formTable(rows: ResolvedRow[], fontSize: number): Node {
  // Content widths: the table adds 8 pt of padding per cell and a 1 pt rule between cells.
  const valueWidth = (TEXT_WIDTH - 4 * CELL_PAD - 5 - 2 * LABEL_WIDTH) / 2;
  const wide = valueWidth * 2 + LABEL_WIDTH + 2 * (CELL_PAD + 1);
  const body = rows.map((r): Node[] => {
    switch (r.kind) {
      case 'cells':
        return r.cells.flatMap((c): Node[] => {
          const width = c.span === 3 ? wide : c.label ? LABEL_WIDTH : valueWidth;
          const cell = c.label
            ? { text: c.text, alignment: 'center', bold: true }
            : padTo(c.text, r.minHeight, width, fontSize);
          return [{ ...cell, colSpan: c.span }, ...Array.from({ length: c.span - 1 }, () => ({}))];
        });
      case 'opinion':
        return [
          { text: r.label, alignment: 'center', bold: true },
          {
            colSpan: 3,
            stack: [
              padTo(r.text, r.minHeight - 12, wide, fontSize),
              { text: r.sign, alignment: 'right', margin: [0, 2, 0, 0] },
              { text: r.date, alignment: 'right' },
            ],
          },
          {},
          {},
        ];
      case 'list':
        return [
          { text: r.label, alignment: 'center', bold: true },
          { colSpan: 3, stack: [listTable(r.list, fontSize - 1, wide)] },
          {},
          {},
        ];
    }
  });
  // One table per row, on the same grid, so a short row (an opinion box with its signature and
  // date) never splits across pages while a long one (the facts) still may.
  return {
    stack: body.map((cells, i) => ({
      table: {
        widths: [LABEL_WIDTH, valueWidth, LABEL_WIDTH, valueWidth],
        body: [cells],
        dontBreakRows: estimatedRowHeight(rows[i], wide, fontSize) < 150 * MM,
      },
      layout: { paddingTop: () => 4, paddingBottom: () => 4 },
    })),
    fontSize,
    lineHeight: 1.2,
  };
}

function estimatedRowHeight(row: ResolvedRow | undefined, width: number, fontSize: number): number {
  if (!row) {
    return 0;
  }
  switch (row.kind) {
    case 'cells':
      return Math.max(
        (row.minHeight ?? 0) * MM,
        ...row.cells.map((c) => textHeight(c.text, width / 3, fontSize)),
      );
    case 'opinion':
      return Math.max(row.minHeight * MM, textHeight(row.text, width, fontSize) + 3 * fontSize * 1.45);
    case 'list':
      return (row.list.rows.length + 1) * fontSize * 2.5;
  }
}

/** A numbered list as a table, columns sized by their relative widths. */
function listTable(list: ResolvedList, fontSize: number, width: number): Node {
  const total = list.columns.reduce((n, c) => n + c.width, 0);
  const usable = width - list.columns.length * (CELL_PAD + 1) - 1;
  return {
    table: {
      headerRows: 1,
      widths: list.columns.map((c) => (usable * c.width) / total),
      body: [
        list.columns.map((c) => ({ text: c.label, bold: true, alignment: 'center' })),
        ...(list.rows.length > 0
          ? list.rows
          : [list.columns.map((_, i) => (i === 0 ? { text: '（无）', colSpan: list.columns.length } : {}))]),
      ],
    },
    fontSize,
    lineHeight: 1.2,
  };
}
