import {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
  type IRunOptions,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { DocumentContext } from './context';
import { finishDocx } from './docx-package';
import { DOCX_FONTS } from './fonts';
import {
  resolveDocument,
  type RenderOptions,
  type ResolvedBlock,
  type ResolvedDocument,
  type ResolvedList,
  type ResolvedRow,
} from './resolve';
import type { FieldValues, Template } from './template';
import { WATERMARK_TEXT } from './watermark';

/**
 * The same document as Word (.docx), for a bureau that edits or prints from Word: A4 with the
 * GB/T 9704-like margins of the PDF, body in 仿宋_GB2312 and titles in 宋体 (Noto Serif CJK SC
 * named as the fallback), a PAGE / NUMPAGES field in the footer, the draft watermark in the header.
 */

const SIZES = {
  letter: { agency: 20, title: 22, body: 16, note: 12 },
  form: { agency: 16, title: 22, body: 12, note: 10.5 },
} as const;

const twip = convertMillimetersToTwip;
const TEXT_WIDTH = twip(156);
const LABEL_WIDTH = twip(30);
const VALUE_WIDTH = (TEXT_WIDTH - 2 * LABEL_WIDTH) / 2;

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const run = (text: string, size: number, extra: IRunOptions = {}) =>
  new TextRun({ text, size: size * 2, font: font(DOCX_FONTS.body), ...extra });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const ALIGN: Record<'left' | 'center' | 'right' | 'justify', Align> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

/** Renders a document as .docx bytes. */
export async function renderDocx(
  template: Template,
  values: FieldValues,
  context: DocumentContext,
  options: RenderOptions,
): Promise<Buffer> {
  const doc = resolveDocument(template, values, context, options);
  const size = SIZES[doc.style];
  const created = new Date(`${doc.date}T00:00:00+08:00`);
  const file = new Document({
    title: doc.number ? `${doc.title} ${doc.number}` : doc.title,
    creator: context.agencyName,
    subject: context.case.cause,
    styles: { default: { document: { run: { font: font(DOCX_FONTS.body), size: size.body * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin:
              doc.style === 'letter'
                ? { top: twip(37), left: twip(28), right: twip(26), bottom: twip(35), footer: twip(18) }
                : { top: twip(22), left: twip(28), right: twip(26), bottom: twip(25), footer: twip(12) },
          },
        },
        headers: doc.draft
          ? {
              default: new Header({
                children: [
                  new Paragraph({
                    children: [new TextWatermark({ text: WATERMARK_TEXT, font: DOCX_FONTS.title })],
                  }),
                ],
              }),
            }
          : {},
        footers: { default: footer() },
        children: doc.blocks.flatMap((b) => block(b, doc.style)),
      },
    ],
  });
  const bytes = await Packer.toBuffer(file);
  return finishDocx(bytes, { created, author: context.agencyName });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            size: 21,
            font: font(DOCX_FONTS.body),
            children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
          }),
        ],
      }),
    ],
  });
}

function block(b: ResolvedBlock, style: ResolvedDocument['style']): (Paragraph | Table)[] {
  const size = SIZES[style];
  const title = { bold: true, font: font(DOCX_FONTS.title) };
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(b.agency, size.agency, title)] }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [run(b.title, size.title, title)],
        }),
        ...(b.subtitle
          ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(b.subtitle, size.body)] })]
          : []),
      ];
    case 'number':
      return [
        new Paragraph({
          alignment: ALIGN[b.align],
          spacing: { after: 240 },
          children: [run(b.text, size.body)],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: ALIGN[b.align],
          indent: b.indent ? { firstLine: size.body * 2 * 20 } : {},
          children: [run(b.text, size.body, { bold: b.bold })],
        }),
      ];
    case 'table':
      return [formTable(b.rows, size.body)];
    case 'list':
      return [
        ...(b.title ? [new Paragraph({ children: [run(b.title, size.body)] })] : []),
        listTable(b.list, size.body - 2, TEXT_WIDTH),
      ];
    case 'signature':
      return [b.agency, b.date, ...(b.seal ? ['（印章）'] : [])].map(
        (text, i) =>
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: size.body * 2 * 20 },
            spacing: i === 0 ? { before: 480 } : {},
            children: [run(text, size.body)],
          }),
      );
    case 'note':
      return [new Paragraph({ alignment: ALIGN[b.align], children: [run(b.text, size.note)] })];
    case 'spacer':
      return Array.from({ length: b.lines }, () => new Paragraph({ children: [] }));
  }
}

function cell(
  text: string | Paragraph[],
  size: number,
  opts: { span?: number; label?: boolean; width: number },
) {
  const children =
    typeof text === 'string'
      ? text.split('\n').map(
          (line) =>
            new Paragraph({
              alignment: opts.label ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [run(line, size, { bold: opts.label ?? false })],
            }),
        )
      : text;
  return new TableCell({
    columnSpan: opts.span ?? 1,
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: opts.label ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    children,
  });
}

/** Boxed label/value rows on a four-column grid, as the PDF draws them. */
function formTable(rows: ResolvedRow[], size: number): Table {
  const wide = VALUE_WIDTH * 2 + LABEL_WIDTH;
  const body = rows.map((r) => {
    switch (r.kind) {
      case 'cells':
        return new TableRow({
          cantSplit: true,
          ...(r.minHeight ? { height: { value: twip(r.minHeight), rule: 'atLeast' as const } } : {}),
          children: r.cells.map((c) =>
            cell(c.text, size, {
              span: c.span,
              label: c.label,
              width: c.span === 3 ? wide : c.label ? LABEL_WIDTH : VALUE_WIDTH,
            }),
          ),
        });
      case 'opinion':
        return new TableRow({
          cantSplit: true,
          height: { value: twip(r.minHeight), rule: 'atLeast' as const },
          children: [
            cell(r.label, size, { label: true, width: LABEL_WIDTH }),
            cell(
              [
                new Paragraph({ children: [run(r.text, size)] }),
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  spacing: { before: 240 },
                  children: [run(r.sign, size)],
                }),
                new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(r.date, size)] }),
              ],
              size,
              { span: 3, width: wide },
            ),
          ],
        });
      case 'list':
        return new TableRow({
          children: [
            cell(r.label, size, { label: true, width: LABEL_WIDTH }),
            new TableCell({
              columnSpan: 3,
              width: { size: wide, type: WidthType.DXA },
              children: [listTable(r.list, size - 1, wide - 200), new Paragraph({ children: [] })],
            }),
          ],
        });
    }
  });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH],
    rows: body,
  });
}

function listTable(list: ResolvedList, size: number, width: number): Table {
  const total = list.columns.reduce((n, c) => n + c.width, 0);
  const widths = list.columns.map((c) => Math.floor((width * c.width) / total));
  const header = new TableRow({
    tableHeader: true,
    children: list.columns.map((c, i) => cell(c.label, size, { label: true, width: widths[i] ?? 0 })),
  });
  const rows =
    list.rows.length > 0
      ? list.rows.map(
          (r) => new TableRow({ children: r.map((text, i) => cell(text, size, { width: widths[i] ?? 0 })) }),
        )
      : [new TableRow({ children: [cell('（无）', size, { span: list.columns.length, width })] })];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...rows],
  });
}
