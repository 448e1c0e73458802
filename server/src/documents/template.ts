import { z } from 'zod';

/**
 * The template model (文书模板). A template is data, not code: a bureau adjusts wording, fields and
 * layout by editing a JSON file (see docs/DOCUMENTS.md), and a document keeps the template
 * `version` it was drafted under so a re-render years later looks like what was issued.
 */

export const localized = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

export const FIELD_TYPES = [
  'text',
  'textarea',
  'date',
  'datetime',
  'select',
  'list',
  'number',
  'money',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Roles whose decisions fill opinion boxes; the names of contracts' ROLES. */
export const OPINION_ROLES = ['officer', 'unit_head', 'agency_head', 'legal'] as const;
export type OpinionRole = (typeof OPINION_ROLES)[number];

const key = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a field key is lowerCamelCase');

const listColumn = z.strictObject({
  key,
  label: localized,
  type: z.enum(['text', 'number']).default('text'),
  /** Relative width in the rendered table. */
  width: z.number().positive().default(1),
});
export type ListColumn = z.infer<typeof listColumn>;

export const fieldDef = z
  .strictObject({
    key,
    label: localized,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    /** `select`: the allowed values; the zh-CN label is what a document prints. */
    options: z
      .array(z.strictObject({ value: z.string().min(1), label: localized }))
      .min(1)
      .optional(),
    /** `list`: the columns of each row (e.g. material, pages). */
    columns: z.array(listColumn).min(1).optional(),
    /** A path into the DocumentContext (`case.cause`, `party.name`, `officers`, `today`). */
    prefill: z.string().optional(),
    /** The value a new draft starts with when `prefill` finds nothing (boilerplate wording). */
    default: z.union([z.string(), z.number()]).optional(),
    maxLength: z.number().int().positive().optional(),
    help: localized.optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select' && !f.options) {
      ctx.addIssue({ code: 'custom', message: `select field ${f.key} needs options` });
    }
    if (f.type === 'list' && !f.columns) {
      ctx.addIssue({ code: 'custom', message: `list field ${f.key} needs columns` });
    }
  });
export type FieldDef = z.infer<typeof fieldDef>;

/** Template text: literal wording with `{{field}}` or `{{case.cause}}`-style placeholders. */
const text = z.string();
const align = z.enum(['left', 'center', 'right', 'justify']);

const tableRow = z.discriminatedUnion('type', [
  /** One boxed label cell and one value cell across the rest of the row. */
  z.strictObject({ type: z.literal('field'), label: text, value: text, minHeight: z.number().optional() }),
  /** Two label/value pairs side by side. */
  z.strictObject({
    type: z.literal('pair'),
    cells: z.tuple([
      z.strictObject({ label: text, value: text }),
      z.strictObject({ label: text, value: text }),
    ]),
  }),
  /** The party's rows: person (name, sex, ID, address, phone) or organisation (name, USCC, …). */
  z.strictObject({ type: z.literal('party'), label: text.default('当事人') }),
  /** 执法人员 with certificate numbers (A19.2). */
  z.strictObject({ type: z.literal('officers'), label: text.default('执法人员') }),
  /**
   * An opinion/approval box: the text of `role`'s decision when the case has one, else the
   * value of `field`; closed by signature (and certificate number) and date lines.
   */
  z.strictObject({
    type: z.literal('opinion'),
    label: text,
    role: z.enum(OPINION_ROLES),
    field: key.optional(),
    certNo: z.boolean().default(false),
    minHeight: z.number().optional(),
  }),
  /** A list field as a nested table inside a boxed row. */
  z.strictObject({ type: z.literal('list'), label: text, field: key }),
]);
export type TableRow = z.infer<typeof tableRow>;

export const block = z.discriminatedUnion('type', [
  /** Agency name line and the document title, centred. */
  z.strictObject({
    type: z.literal('heading'),
    agency: text.default('{{agencyName}}'),
    title: text.optional(),
    subtitle: text.optional(),
  }),
  /** 文号 line; drafts show the pattern with the number left blank. */
  z.strictObject({ type: z.literal('number'), align: z.enum(['right', 'center']).default('right') }),
  z.strictObject({
    type: z.literal('paragraph'),
    text,
    indent: z.boolean().default(true),
    align: align.default('justify'),
    bold: z.boolean().default(false),
    /** Printed only when this field (or context path) has a value. */
    when: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('table'), rows: z.array(tableRow).min(1) }),
  /** Party block as lines (letters): 当事人：名称 / 统一社会信用代码 / 法定代表人 / 地址 / 电话. */
  z.strictObject({ type: z.literal('party'), label: text.default('当事人') }),
  /** "执法人员：张三（执法证号 13…）、李四（…）" (A19.2). */
  z.strictObject({ type: z.literal('officers'), label: text.default('执法人员') }),
  /** A list field as a numbered table (e.g. the material list of a 移送函). */
  z.strictObject({ type: z.literal('list'), field: key, title: text.optional() }),
  /** Issuing agency and date, right-aligned, with the seal mark. */
  z.strictObject({
    type: z.literal('signature'),
    agency: text.default('{{agencyName}}'),
    date: text.default('{{issueDate}}'),
    seal: z.boolean().default(true),
  }),
  /** Smaller lines: receipt, copies, contact (e.g. "本决定书一式两份……"). */
  z.strictObject({ type: z.literal('note'), text, align: align.default('left') }),
  z.strictObject({ type: z.literal('spacer'), lines: z.number().int().min(1).max(10).default(1) }),
]);
export type Block = z.infer<typeof block>;

export const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  version: z.number().int().positive(),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  /** e.g. `临人社监不受〔{year}〕第{n}号`; absent for forms that are never numbered. */
  numberPattern: z
    .string()
    .refine((p) => p.includes('{n}'), 'a number pattern contains {n}')
    .optional(),
  /**
   * `form`: a pre-printed numbered form (A10.1): its number is the one printed on the paper, used
   * on the case by the procedure (`data.formNumber`), never taken from a sequence.
   */
  numberFrom: z.enum(['form']).optional(),
  recipient: z.enum(['party', 'complainant', 'internal', 'authority']),
  /** `letter`: 三号 body, GB/T 9704-like; `form`: boxed table, smaller type. */
  style: z.enum(['letter', 'form']),
  fields: z.array(fieldDef),
  layout: z.array(block).min(1),
});
export type Template = z.infer<typeof templateSchema>;
/** What a template author writes (defaults not yet applied). */
export type TemplateInput = z.input<typeof templateSchema>;

export type ListRowValue = Record<string, string | number>;
export type FieldValue = string | number | ListRowValue[] | null;
export type FieldValues = Record<string, FieldValue>;
