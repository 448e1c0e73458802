import { contextValue, isContextPath, type DocumentContext } from './context';
import { formatDate, formatFieldValue, formatOfficers, isFilled, isoDay } from './format';
import { cells, latestDecision, partyLines, partyRows, printContext } from './resolve-parts';
import type { Block, FieldDef, FieldValues, ListColumn, TableRow, Template } from './template';

/**
 * A template filled in: every placeholder replaced, every party/officer/approval block expanded
 * into plain text. The PDF and DOCX renderers draw this same model, so the two files say the
 * same thing.
 */

export interface RenderOptions {
  /** A draft carries the watermark and shows unfilled placeholders as 【label】. */
  draft: boolean;
  /** The 文号 assigned at issue; drafts show the pattern with the sequence left blank. */
  number?: string;
  /** The date the document bears (YYYY-MM-DD); defaults to the context's today. */
  issueDate?: string;
}

export interface Cell {
  text: string;
  label: boolean;
  span: number;
}
export type ResolvedRow =
  | { kind: 'cells'; cells: Cell[]; minHeight?: number }
  | { kind: 'opinion'; label: string; text: string; sign: string; date: string; minHeight: number }
  | { kind: 'list'; label: string; list: ResolvedList };
export interface ResolvedList {
  columns: { label: string; width: number }[];
  rows: string[][];
}
export type ResolvedBlock =
  | { kind: 'heading'; agency: string; title: string; subtitle?: string }
  | { kind: 'number'; text: string; align: 'right' | 'center' }
  | {
      kind: 'paragraph';
      text: string;
      indent: boolean;
      align: 'left' | 'center' | 'right' | 'justify';
      bold: boolean;
    }
  | { kind: 'table'; rows: ResolvedRow[] }
  | { kind: 'list'; title?: string; list: ResolvedList }
  | { kind: 'signature'; agency: string; date: string; seal: boolean }
  | { kind: 'note'; text: string; align: 'left' | 'center' | 'right' | 'justify' }
  | { kind: 'spacer'; lines: number };

export interface ResolvedDocument {
  title: string;
  style: Template['style'];
  draft: boolean;
  number: string | null;
  /** YYYY-MM-DD: the creation date written into the files. */
  date: string;
  blocks: ResolvedBlock[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;
/** Blank as printed on paper forms, for a date to be written by hand. */
const BLANK_DATE = '　　　　年　　月　　日';

/** The number a draft shows: the pattern with this year and a blank sequence number. */
export function draftNumber(pattern: string, today: string): string {
  return pattern.replace('{year}', today.slice(0, 4)).replace('{n}', '　　');
}

/** A document number from its pattern, e.g. `临人社监不受〔2024〕第7号`. */
export function formatDocumentNumber(pattern: string, year: number, n: number): string {
  return pattern.replace('{year}', String(year)).replace('{n}', String(n));
}

class Resolver {
  private readonly fields: Map<string, FieldDef>;
  private readonly issueDate: string;

  constructor(
    private readonly template: Template,
    private readonly values: FieldValues,
    private readonly context: DocumentContext,
    private readonly options: RenderOptions,
  ) {
    this.fields = new Map(template.fields.map((f) => [f.key, f]));
    this.issueDate = options.issueDate ?? context.today;
  }

  /** The printed value of a field key or context path; '' when empty. */
  value(name: string): string {
    const field = this.fields.get(name);
    if (field) {
      return formatFieldValue(field, this.values[name]);
    }
    if (!isContextPath(name)) {
      return '';
    }
    const raw = contextValue(this.context, name, {
      number: this.options.number ?? null,
      issueDate: this.issueDate,
    });
    if (raw === null) {
      return '';
    }
    if (Array.isArray(raw)) {
      return formatOfficers(raw);
    }
    return printContext(name, raw);
  }

  has(name: string): boolean {
    const field = this.fields.get(name);
    return field ? isFilled(this.values[name]) : this.value(name) !== '';
  }

  /** Template text with every placeholder replaced; `draftMarks` shows gaps as 【label】. */
  text(template: string, draftMarks = false): string {
    return template.replace(PLACEHOLDER, (_m, name: string) => {
      const v = this.value(name);
      if (v !== '' || !draftMarks || !this.options.draft) {
        return v;
      }
      return `【${this.fields.get(name)?.label['zh-CN'] ?? name}】`;
    });
  }

  resolve(): ResolvedDocument {
    return {
      title: this.template.title,
      style: this.template.style,
      draft: this.options.draft,
      number: this.options.number ?? null,
      date: this.issueDate,
      blocks: this.template.layout.flatMap((b) => this.block(b)),
    };
  }

  private block(b: Block): ResolvedBlock[] {
    switch (b.type) {
      case 'heading':
        return [
          {
            kind: 'heading',
            agency: this.text(b.agency),
            title: this.text(b.title ?? this.template.title),
            ...(b.subtitle ? { subtitle: this.text(b.subtitle) } : {}),
          },
        ];
      case 'number':
        return this.numberBlock(b.align);
      case 'paragraph':
        if (b.when && !this.has(b.when)) {
          return [];
        }
        return [
          {
            kind: 'paragraph',
            text: this.text(b.text, true),
            indent: b.indent,
            align: b.align,
            bold: b.bold,
          },
        ];
      case 'table':
        return [{ kind: 'table', rows: b.rows.flatMap((r) => this.row(r)) }];
      case 'party':
        return partyLines(this.context.party, b.label).map((text) => ({
          kind: 'paragraph' as const,
          text,
          indent: false,
          align: 'left' as const,
          bold: false,
        }));
      case 'officers':
        return [
          {
            kind: 'paragraph',
            text: `${b.label}：${formatOfficers(this.context.officers)}`,
            indent: false,
            align: 'left',
            bold: false,
          },
        ];
      case 'list':
        return [
          { kind: 'list', ...(b.title ? { title: this.text(b.title) } : {}), list: this.list(b.field) },
        ];
      case 'signature':
        return [{ kind: 'signature', agency: this.text(b.agency), date: this.text(b.date), seal: b.seal }];
      case 'note':
        return [{ kind: 'note', text: this.text(b.text), align: b.align }];
      case 'spacer':
        return [{ kind: 'spacer', lines: b.lines }];
    }
  }

  private numberBlock(align: 'right' | 'center'): ResolvedBlock[] {
    const pattern = this.template.numberPattern;
    const preprinted = this.template.numberFrom ? (this.context.case.formNumber ?? null) : null;
    const text = this.options.number ?? (pattern ? draftNumber(pattern, this.issueDate) : preprinted);
    return text ? [{ kind: 'number', text, align }] : [];
  }

  private row(r: TableRow): ResolvedRow[] {
    switch (r.type) {
      case 'field':
        return [
          cells(
            [
              [this.text(r.label), true, 1],
              [this.text(r.value), false, 3],
            ],
            r.minHeight,
          ),
        ];
      case 'pair':
        return [
          cells([
            [this.text(r.cells[0].label), true, 1],
            [this.text(r.cells[0].value), false, 1],
            [this.text(r.cells[1].label), true, 1],
            [this.text(r.cells[1].value), false, 1],
          ]),
        ];
      case 'party':
        return partyRows(this.context.party, r.label);
      case 'officers':
        return [
          cells([
            [r.label, true, 1],
            [formatOfficers(this.context.officers), false, 3],
          ]),
        ];
      case 'opinion':
        return [this.opinion(r)];
      case 'list':
        return [{ kind: 'list', label: this.text(r.label), list: this.list(r.field) }];
    }
  }

  private opinion(r: Extract<TableRow, { type: 'opinion' }>): ResolvedRow {
    const decision = latestDecision(this.context.approvals, r.role);
    const typed = r.field ? this.value(r.field) : '';
    const text = decision
      ? decision.opinion.trim() || (decision.decision === 'approve' ? '同意。' : '不同意。')
      : typed;
    const date = decision ? formatDate(isoDay(decision.at)) : BLANK_DATE;
    let signer = decision?.name ?? '';
    if (r.certNo) {
      const officers = decision
        ? this.context.officers.filter((o) => o.name === decision.name)
        : this.context.officers;
      signer = officers.length > 0 ? formatOfficers(officers) : signer;
    }
    const sign = `签名：${signer || '　　　　　　　　'}`;
    return { kind: 'opinion', label: this.text(r.label), text, sign, date, minHeight: r.minHeight ?? 16 };
  }

  private list(key: string): ResolvedList {
    const field = this.fields.get(key);
    const columns: ListColumn[] = field?.columns ?? [];
    const raw = this.values[key];
    const rows = Array.isArray(raw) ? raw : [];
    return {
      columns: [
        { label: '序号', width: 0.8 },
        ...columns.map((c) => ({ label: c.label['zh-CN'], width: c.width })),
      ],
      rows: rows.map((row, i) => [String(i + 1), ...columns.map((c) => String(row[c.key] ?? ''))]),
    };
  }
}

export function resolveDocument(
  template: Template,
  values: FieldValues,
  context: DocumentContext,
  options: RenderOptions,
): ResolvedDocument {
  return new Resolver(template, values, context, options).resolve();
}
