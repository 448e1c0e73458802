import { shanghaiDay } from '../time';
import type { DocumentContext } from './context';
import type { FieldDef, FieldValue, ListRowValue } from './template';

/**
 * How values print in an official document: dates as 2024年3月5日 (GB/T 9704-2012 uses Arabic
 * numerals), money with two decimals, select values by their zh-CN label.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/** `2024-03-05` → `2024年3月5日`; anything else is returned unchanged. */
export function formatDate(value: string): string {
  const m = DATE.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A local `YYYY-MM-DDTHH:mm` (as an officer types it) or an ISO instant with a zone, as
 * `YYYY-MM-DDTHH:mm` in Asia/Shanghai.
 */
export function toLocalDateTime(value: string): string | null {
  if (LOCAL_DATETIME.test(value)) {
    return value.slice(0, 16).replace(' ', 'T');
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    return null;
  }
  const p = Object.fromEntries(shanghaiParts.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** `2024-03-05T14:30` → `2024年3月5日14时30分`. */
export function formatDateTime(value: string): string {
  const local = toLocalDateTime(value);
  const m = local ? LOCAL_DATETIME.exec(local) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日${m[4]}时${m[5]}分` : value;
}

/** The Asia/Shanghai date of an ISO instant, as `YYYY-MM-DD`. */
export function isoDay(value: string): string {
  return DATE.test(value) ? value : shanghaiDay(new Date(value));
}

const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const formatMoney = (n: number): string => money.format(n);

/** 张三（执法证号 13001）、李四（执法证号 13002） — A19.2. */
export function formatOfficers(officers: DocumentContext['officers']): string {
  return officers.map((o) => `${o.name}（执法证号 ${o.certNo}）`).join('、');
}

export const SOURCE_LABELS: Record<DocumentContext['case']['source'], string> = {
  inspection: '日常巡查',
  complaint: '投诉',
  report: '举报',
  referral: '上级交办',
};

export const KIND_LABELS: Record<DocumentContext['case']['kind'], string> = {
  penalty: '行政处罚',
  compulsion: '行政强制',
  levy: '行政征收',
  fee: '行政收费',
  inspection: '行政检查',
};

export const SEX_LABELS = { male: '男', female: '女' } as const;

/** True when a value counts as filled in (for required fields and `when`). */
export function isFilled(value: FieldValue | undefined): boolean {
  if (value === null || value === undefined) {
    return false;
  }
  if (typeof value === 'string') {
    return value.trim().length > 0;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return Number.isFinite(value);
}

/** One list row as inline text: `劳动合同（3页）`. */
function formatListRow(field: FieldDef, row: ListRowValue): string {
  const [first, ...rest] = (field.columns ?? []).map((c) => row[c.key]).filter((v) => v !== undefined);
  const extra = rest.filter((v) => String(v).trim() !== '').map(String);
  return extra.length > 0 ? `${String(first ?? '')}（${extra.join('，')}）` : String(first ?? '');
}

/** A field value as it prints inside running text or a table cell. */
export function formatFieldValue(field: FieldDef, value: FieldValue | undefined): string {
  if (value === undefined || value === null || !isFilled(value)) {
    return '';
  }
  if (Array.isArray(value)) {
    return field.type === 'list' ? value.map((row) => formatListRow(field, row)).join('；') : '';
  }
  const scalar = String(value);
  switch (field.type) {
    case 'date':
      return formatDate(scalar);
    case 'datetime':
      return formatDateTime(scalar);
    case 'money':
      return typeof value === 'number' ? formatMoney(value) : scalar;
    case 'select':
      return field.options?.find((o) => o.value === value)?.label['zh-CN'] ?? scalar;
    case 'list':
      return '';
    case 'number':
    case 'text':
    case 'textarea':
      return scalar;
  }
}
