import { contextValue, isContextPath, type DocumentContext } from './context';
import { SEX_LABELS, SOURCE_LABELS, KIND_LABELS, formatOfficers, isoDay, toLocalDateTime } from './format';
import type { FieldDef, FieldValue, FieldValues, Template } from './template';

/**
 * The starting values of a new draft: each field with a `prefill` path takes the context's value,
 * shaped for the field's type (a select keeps its option value, text gets the printed label), or
 * else the field's `default` wording.
 * The officer edits from there; nothing here is re-read at render time.
 */
export function prefill(template: Template, context: DocumentContext): FieldValues {
  const values: FieldValues = {};
  for (const field of template.fields) {
    const value = field.prefill ? prefillValue(field, field.prefill, context) : null;
    if (value !== null) {
      values[field.key] = value;
    } else if (field.default !== undefined) {
      values[field.key] = field.default;
    }
  }
  return values;
}

function prefillValue(field: FieldDef, path: string, context: DocumentContext): FieldValue {
  if (!isContextPath(path)) {
    return null;
  }
  const raw = contextValue(context, path);
  if (raw === null || raw === '') {
    return null;
  }
  if (Array.isArray(raw)) {
    return field.type === 'list'
      ? raw.map((o) => listRow(field, o))
      : formatOfficers(raw.filter((o) => o.name !== ''));
  }
  switch (field.type) {
    case 'date':
      return isoDay(raw);
    case 'datetime':
      return toLocalDateTime(raw);
    case 'select':
      return field.options?.some((o) => o.value === raw) ? raw : null;
    case 'number':
    case 'money': {
      const n = Number(raw);
      return Number.isFinite(n) ? n : null;
    }
    case 'list':
      return null;
    case 'text':
    case 'textarea':
      return printable(path, raw);
  }
}

function printable(path: string, raw: string): string {
  switch (path) {
    case 'case.source':
      return SOURCE_LABELS[raw as keyof typeof SOURCE_LABELS] ?? raw;
    case 'case.kind':
      return KIND_LABELS[raw as keyof typeof KIND_LABELS] ?? raw;
    case 'party.sex':
      return SEX_LABELS[raw as keyof typeof SEX_LABELS] ?? raw;
    case 'party.kind':
      return raw === 'person' ? '自然人' : '单位';
    default:
      return raw;
  }
}

/** An officer as a list row: the columns named `name` and `certNo` take those values. */
function listRow(field: FieldDef, officer: { name: string; certNo: string }): Record<string, string> {
  const row: Record<string, string> = {};
  for (const c of field.columns ?? []) {
    if (c.key === 'name' || c.key === 'certNo') {
      row[c.key] = officer[c.key];
    }
  }
  return row;
}
