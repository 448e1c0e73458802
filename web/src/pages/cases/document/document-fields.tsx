import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TemplateFieldDto } from '@quancheng/contracts';
import type { DocumentView, FieldExtra } from '../../../api/documents';
import { useT } from '../../../i18n';
import { useCaseLabels } from '../shared/case-labels';

const DATE = 'YYYY-MM-DD';
const DATETIME = 'YYYY-MM-DDTHH:mm';

type FormValue = string | number | Dayjs | null | undefined | Record<string, unknown>[];
export type FormValues = Record<string, FormValue>;

/** The columns of a list field: as the template says, else the item/note pair every list has. */
function columnsOf(extra: FieldExtra | undefined, rows: unknown) {
  if (extra?.columns?.length) {
    return extra.columns;
  }
  const keys = new Set(['item', 'note']);
  for (const row of Array.isArray(rows) ? rows : []) {
    for (const k of Object.keys(row as object)) {
      keys.add(k);
    }
  }
  return [...keys].map((key) => ({ key, label: null, type: 'text' as const }));
}

/** The stored field values as the form's controls hold them (dates as dayjs). */
export function toFormValues(doc: DocumentView): FormValues {
  const out: FormValues = {};
  for (const f of doc.template.fields) {
    const v = doc.fields[f.key];
    switch (f.type) {
      case 'date':
      case 'datetime':
        out[f.key] = typeof v === 'string' && v ? dayjs(v) : null;
        break;
      case 'number':
      case 'money':
        out[f.key] = typeof v === 'number' ? v : null;
        break;
      case 'list':
        out[f.key] = Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
        break;
      case 'text':
      case 'textarea':
      case 'select':
        out[f.key] = typeof v === 'string' ? v : null;
        break;
    }
  }
  return out;
}

function cleanRow(row: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row ?? {})) {
    if (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) {
      out[k] = v;
    }
  }
  return Object.keys(out).length ? out : null;
}

/** The form's values as the API takes them: dates as text, blanks as null. */
export function toFieldValues(fields: TemplateFieldDto[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    switch (f.type) {
      case 'date':
        out[f.key] = dayjs.isDayjs(v) ? v.format(DATE) : null;
        break;
      case 'datetime':
        out[f.key] = dayjs.isDayjs(v) ? v.format(DATETIME) : null;
        break;
      case 'number':
      case 'money':
        out[f.key] = typeof v === 'number' ? v : null;
        break;
      case 'list':
        out[f.key] = Array.isArray(v)
          ? v.map(cleanRow).filter((r): r is Record<string, unknown> => r !== null)
          : [];
        break;
      case 'text':
      case 'textarea':
      case 'select':
        out[f.key] = typeof v === 'string' && v !== '' ? v : null;
        break;
    }
  }
  return out;
}

function ListField({
  field,
  extra,
  rows,
  disabled,
}: {
  field: TemplateFieldDto;
  extra?: FieldExtra;
  rows: unknown;
  disabled: boolean;
}) {
  const { t } = useT();
  const labels = useCaseLabels();
  const columns = columnsOf(extra, rows);
  const columnLabel = (c: (typeof columns)[number]) =>
    c.label
      ? labels.loc(c.label)
      : c.key === 'item'
        ? t('document.listItem')
        : c.key === 'note'
          ? t('document.listNote')
          : c.key;
  return (
    <Form.List name={field.key}>
      {(items, { add, remove }) => (
        <Flex vertical gap={6}>
          {items.map((item) => (
            <Flex key={item.key} gap={6} align="flex-start">
              {columns.map((c) => (
                <Form.Item key={c.key} name={[item.name, c.key]} style={{ flex: 1, marginBottom: 0 }}>
                  {c.type === 'number' ? (
                    <InputNumber placeholder={columnLabel(c)} disabled={disabled} style={{ width: '100%' }} />
                  ) : (
                    <Input placeholder={columnLabel(c)} aria-label={columnLabel(c)} disabled={disabled} />
                  )}
                </Form.Item>
              ))}
              {!disabled && (
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('document.listRemove')}
                  onClick={() => remove(item.name)}
                />
              )}
            </Flex>
          ))}
          {!disabled && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('document.listAdd')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/**
 * One field's control. Form.Item hands its child `id`, `value` and `onChange`: they are passed on
 * to the antd control, which is what binds it to the form.
 */
function Control({
  field,
  extra,
  disabled,
  ...bound
}: {
  field: TemplateFieldDto;
  extra?: FieldExtra;
  disabled: boolean;
  id?: string;
  value?: unknown;
  onChange?: (...args: unknown[]) => void;
}) {
  const labels = useCaseLabels();
  const b = bound as object;
  switch (field.type) {
    case 'text':
      return <Input {...b} disabled={disabled} />;
    case 'textarea':
      return <Input.TextArea {...b} autoSize={{ minRows: 2, maxRows: 12 }} disabled={disabled} />;
    case 'date':
      return <DatePicker {...b} disabled={disabled} style={{ width: '100%' }} />;
    case 'datetime':
      return (
        <DatePicker
          {...b}
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          disabled={disabled}
          style={{ width: '100%' }}
        />
      );
    case 'select':
      return (
        <Select
          {...b}
          allowClear
          disabled={disabled}
          options={(field.options ?? []).map((o) => {
            const label = extra?.optionLabels[o];
            return { value: o, label: label ? labels.loc(label) : o };
          })}
        />
      );
    case 'number':
      return <InputNumber {...b} disabled={disabled} style={{ width: '100%' }} />;
    case 'money':
      return (
        <InputNumber {...b} disabled={disabled} min={0} precision={2} prefix="¥" style={{ width: '100%' }} />
      );
    case 'list':
      return null;
  }
}

/** The template's fields as a form: each control by the field's type, labels in the UI language. */
export function DocumentFields({ doc, disabled }: { doc: DocumentView; disabled: boolean }) {
  const labels = useCaseLabels();
  return (
    <>
      {doc.template.fields.map((f) => (
        <Form.Item
          key={f.key}
          label={labels.loc(f.label)}
          required={f.required}
          name={f.type === 'list' ? undefined : f.key}
        >
          {f.type === 'list' ? (
            <ListField
              field={f}
              extra={doc.fieldExtras[f.key]}
              rows={doc.fields[f.key]}
              disabled={disabled}
            />
          ) : (
            <Control field={f} extra={doc.fieldExtras[f.key]} disabled={disabled} />
          )}
        </Form.Item>
      ))}
    </>
  );
}
