import { z } from 'zod';
import { isFilled } from './format';
import type { FieldDef, FieldValues, Localized, Template } from './template';

/**
 * The values a document's fields may hold. A draft may be incomplete (every field optional, each
 * still of its type); issuing requires every `required` field, refused with a message naming the
 * field's label in both languages.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const validDate = (s: string) => {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
};

const TEXT_MAX = 2000;
const TEXTAREA_MAX = 20000;

function valueSchema(field: FieldDef): z.ZodType {
  switch (field.type) {
    case 'text':
      return z.string().max(field.maxLength ?? TEXT_MAX);
    case 'textarea':
      return z.string().max(field.maxLength ?? TEXTAREA_MAX);
    case 'date':
      return z.union([z.literal(''), z.string().regex(DATE).refine(validDate, 'not a calendar date')]);
    case 'datetime':
      return z.union([z.literal(''), z.string().regex(DATETIME).refine(validDate, 'not a calendar date')]);
    case 'select':
      return z.union([
        z.literal(''),
        z.enum((field.options ?? []).map((o) => o.value) as [string, ...string[]]),
      ]);
    case 'number':
      return z.number().finite();
    case 'money':
      return z
        .number()
        .finite()
        .nonnegative()
        .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most two decimals');
    case 'list': {
      const shape = Object.fromEntries(
        (field.columns ?? []).map((c) => [
          c.key,
          (c.type === 'number' ? z.number().finite() : z.string().max(TEXT_MAX)).optional(),
        ]),
      );
      return z.array(z.strictObject(shape)).max(500);
    }
  }
}

export const requiredMessage = (label: Localized): Localized => ({
  'zh-CN': `请填写“${label['zh-CN']}”`,
  en: `“${label.en}” is required`,
});

function buildSchema(template: Template, enforceRequired: boolean) {
  const shape = Object.fromEntries(template.fields.map((f) => [f.key, valueSchema(f).nullable().optional()]));
  return z.strictObject(shape).superRefine((values, ctx) => {
    if (!enforceRequired) {
      return;
    }
    for (const field of template.fields) {
      if (field.required && !isFilled(values[field.key] as FieldValues[string] | undefined)) {
        const message = requiredMessage(field.label);
        ctx.addIssue({
          code: 'custom',
          path: [field.key],
          message: message['zh-CN'],
          params: { field: field.key, label: field.label, message },
        });
      }
    }
  });
}

/** Field values of a draft: any subset, each of its type. */
export const draftSchema = (template: Template) => buildSchema(template, false);
/** Field values at issue: as a draft, and every required field filled in. */
export const issueSchema = (template: Template) => buildSchema(template, true);
/** The schema for `mode`; `draft` unless told otherwise. */
export const fieldsSchema = (template: Template, mode: 'draft' | 'issue' = 'draft') =>
  mode === 'issue' ? issueSchema(template) : draftSchema(template);

export interface FieldProblem {
  /** Field key, or '' for a problem with the whole object (an unknown key). */
  field: string;
  message: Localized;
}

export type FieldCheck = { ok: true; values: FieldValues } | { ok: false; problems: FieldProblem[] };

/**
 * Validates values for `mode`, returning bilingual problems the service can turn into a 400
 * (`field` names the culprit, the message names its label).
 */
export function checkFields(template: Template, values: unknown, mode: 'draft' | 'issue'): FieldCheck {
  const result = fieldsSchema(template, mode).safeParse(values);
  if (result.success) {
    return { ok: true, values: result.data as FieldValues };
  }
  const problems = result.error.issues.map((issue): FieldProblem => {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : '';
    const params = (issue as { params?: { message?: Localized } }).params;
    if (params?.message) {
      return { field: key, message: params.message };
    }
    const field = template.fields.find((f) => f.key === key);
    const label = field?.label ?? { 'zh-CN': key, en: key };
    return {
      field: key,
      message: {
        'zh-CN': field ? `“${label['zh-CN']}”格式不正确` : `不认识的字段：${issue.message}`,
        en: field ? `“${label.en}” is not valid: ${issue.message}` : `Unknown field: ${issue.message}`,
      },
    };
  });
  return { ok: false, problems };
}
