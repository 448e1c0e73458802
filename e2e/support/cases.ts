import type { ApiSession } from './api';

/**
 * Case set-up the browser tests do through the API, for the steps other tests already cover on
 * screen: issuing a document with what a person would type for its required fields.
 */

interface Field {
  key: string;
  type: string;
  required: boolean;
  options?: string[];
}
interface Doc {
  id: string;
  fields: Record<string, unknown>;
  template: { fields: Field[] };
}

/** A value a person would type for a field the template needs before issue. */
function sample(f: Field): unknown {
  switch (f.type) {
    case 'date':
      return '2026-11-27';
    case 'datetime':
      return '2026-11-27T10:00';
    case 'number':
    case 'money':
      return 1000;
    case 'select':
      return f.options?.[0] ?? '其他';
    case 'list':
      return ['材料一'];
    default:
      return '经核查填写';
  }
}

/** Drafts a document of the case, fills what the prefill left empty, and issues it. */
export async function issueDocument(s: ApiSession, caseId: string, templateId: string): Promise<void> {
  const doc = await s.request<Doc>('POST', `/api/cases/${caseId}/documents`, { templateId });
  const fill = Object.fromEntries(
    doc.template.fields
      .filter((f) => f.required)
      .filter((f) => {
        const v = doc.fields[f.key];
        return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
      })
      .map((f) => [f.key, sample(f)]),
  );
  if (Object.keys(fill).length) {
    await s.request('PATCH', `/api/documents/${doc.id}`, { fields: { ...doc.fields, ...fill } });
  }
  await s.request('POST', `/api/documents/${doc.id}/issue`);
}

/** GB 32100-2015: the check character of a unified social credit code. */
export function usccCheck(first17: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += charset.indexOf(first17.charAt(i)) * (weights[i] ?? 0);
  }
  return charset.charAt((31 - (sum % 31)) % 31);
}
