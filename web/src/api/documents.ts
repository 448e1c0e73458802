import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deliveryList,
  documentDto,
  documentTemplateDto,
  errorDto,
  type DeliveryInput,
  type DocumentDto,
  type DocumentTemplateDto,
} from '@quancheng/contracts';
import { storedLang } from '../i18n';
import { api, apiDownload, ApiError, readCookie, type Parser } from './client';
import { casesKey } from './cases';

const documentsKey = ['documents'] as const;

export const documentPath = (id: string, suffix = '') => `/api/documents/${encodeURIComponent(id)}${suffix}`;

/** Where the browser fetches a document's files (same origin, session cookie). */
export const documentUrls = (id: string) => ({
  pdf: documentPath(id, '/pdf'),
  docx: documentPath(id, '/docx'),
});

type Localized = { 'zh-CN': string; en: string };

/** What a field shows beyond the contract's shape: option labels and a list's columns. */
export interface FieldExtra {
  optionLabels: Record<string, Localized>;
  columns: { key: string; label: Localized | null; type: 'text' | 'number' }[] | null;
}

/** A document with the extras of its template's fields, by field key. */
export type DocumentView = DocumentDto & { fieldExtras: Record<string, FieldExtra> };

const isLocalized = (v: unknown): v is Localized =>
  typeof v === 'object' && v !== null && typeof (v as Localized)['zh-CN'] === 'string';

function extrasOf(raw: unknown): Record<string, FieldExtra> {
  const fields = (raw as { template?: { fields?: unknown } } | null)?.template?.fields;
  const out: Record<string, FieldExtra> = {};
  for (const f of Array.isArray(fields) ? (fields as Record<string, unknown>[]) : []) {
    const optionLabels: Record<string, Localized> = {};
    for (const o of Array.isArray(f.optionLabels) ? (f.optionLabels as unknown[]) : []) {
      if (typeof o === 'object' && o !== null) {
        const { value, label } = o as { value?: unknown; label?: unknown };
        if (typeof value === 'string' && isLocalized(label)) {
          optionLabels[value] = label;
        }
      }
    }
    const columns = Array.isArray(f.columns)
      ? (f.columns as Record<string, unknown>[])
          .filter((c) => typeof c.key === 'string')
          .map((c) => ({
            key: c.key as string,
            label: isLocalized(c.label) ? c.label : null,
            type: c.type === 'number' ? ('number' as const) : ('text' as const),
          }))
      : null;
    if (typeof f.key === 'string') {
      out[f.key] = { optionLabels, columns };
    }
  }
  return out;
}

/** Option values for the contract's `options: string[]`, whether the server sent strings or {value, label}. */
function normalised(raw: unknown): unknown {
  const body = raw as { template?: { fields?: unknown } } | null;
  const fields = body?.template?.fields;
  if (!body?.template || !Array.isArray(fields)) {
    return raw;
  }
  return {
    ...body,
    template: {
      ...body.template,
      fields: (fields as Record<string, unknown>[]).map((f) =>
        Array.isArray(f.options)
          ? {
              ...f,
              options: (f.options as unknown[]).map((o) =>
                typeof o === 'object' && o !== null ? (o as { value?: unknown }).value : o,
              ),
            }
          : f,
      ),
    },
  };
}

const templateList: Parser<DocumentTemplateDto[]> = {
  parse: (raw) =>
    documentTemplateDto
      .array()
      .parse(
        Array.isArray(raw)
          ? (raw as unknown[]).map((t) => (normalised({ template: t }) as { template: unknown }).template)
          : raw,
      ),
};

export function useDocumentTemplates() {
  return useQuery({
    queryKey: [...documentsKey, 'templates'],
    queryFn: ({ signal }) => api('GET', '/api/document-templates', templateList, { signal }),
    staleTime: 10 * 60_000,
  });
}

export const documentView: Parser<DocumentView> = {
  parse: (raw) => ({ ...documentDto.parse(normalised(raw)), fieldExtras: extrasOf(raw) }),
};

export function useDocument(id: string) {
  return useQuery({
    queryKey: [...documentsKey, 'one', id],
    queryFn: ({ signal }) => api('GET', documentPath(id), documentView, { signal }),
  });
}

/**
 * The PDF as the server renders it now (a watermarked preview for a draft), fetched as a Blob:
 * keyed by the document's `updatedAt`, so each save brings a fresh preview and no other request.
 */
export function useDocumentPdf(id: string, version: string | undefined) {
  return useQuery({
    queryKey: [...documentsKey, 'pdf', id, version ?? null],
    queryFn: ({ signal }) => apiDownload(documentUrls(id).pdf, { signal }),
    enabled: version !== undefined,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}

/** A document change shows on its case (documents panel, timeline) too. */
function useDocumentMutation<I>(request: (input: I) => Promise<DocumentView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async (doc) => {
      queryClient.setQueryData([...documentsKey, 'one', doc.id], doc);
      await queryClient.invalidateQueries({ queryKey: [...casesKey, 'one', doc.caseId] });
    },
  });
}

/** 起草: a draft prefilled from the case. */
export function useDraftDocument(caseId: string) {
  return useDocumentMutation((templateId: string) =>
    api('POST', `/api/cases/${encodeURIComponent(caseId)}/documents`, documentView, { body: { templateId } }),
  );
}

export function useSaveDocument(id: string) {
  return useDocumentMutation((fields: Record<string, unknown>) =>
    api('PATCH', documentPath(id), documentView, { body: { fields } }),
  );
}

/** 签发: the number is assigned and the PDF frozen. */
export function useIssueDocument(id: string) {
  return useDocumentMutation(() => api('POST', documentPath(id, '/issue'), documentView));
}

/** The records of service (送达, A18) of an issued document. */
export function useDeliveries(id: string, enabled = true) {
  return useQuery({
    queryKey: [...documentsKey, 'deliveries', id],
    queryFn: ({ signal }) => api('GET', documentPath(id, '/deliveries'), deliveryList, { signal }),
    enabled,
  });
}

/** Records one attempt to serve the document; the case (deadlines, completeness) changes too. */
export function useRecordDelivery(id: string, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeliveryInput) =>
      api('POST', documentPath(id, '/deliveries'), deliveryList, { body: input }),
    onSuccess: async (list) => {
      queryClient.setQueryData([...documentsKey, 'deliveries', id], list);
      await queryClient.invalidateQueries({ queryKey: [...casesKey, 'one', caseId] });
    },
  });
}

/** 更正: a new draft version that supersedes the issued one when issued itself. */
export function useReviseDocument(id: string) {
  return useDocumentMutation((reason: string) =>
    api('POST', documentPath(id, '/revise'), documentView, { body: { reason } }),
  );
}

export async function uploadScan(id: string, file: File): Promise<DocumentView> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': storedLang(),
    'Content-Type': file.type || 'application/octet-stream',
    'x-file-name': encodeURIComponent(file.name),
  };
  const csrf = readCookie('qc_csrf');
  if (csrf) {
    headers['x-csrf-token'] = csrf;
  }
  const response = await fetch(documentPath(id, '/scans'), {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: file,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorDto.safeParse(body);
    throw new ApiError(
      response.status,
      parsed.success ? parsed.data : { code: `http.${response.status}`, message: response.statusText },
    );
  }
  return documentView.parse(body);
}

/** 上传签章扫描件: the signed and sealed paper, as PDF or a photo, kept beside the issued document. */
export function useAttachScan(id: string) {
  return useDocumentMutation((file: File) => uploadScan(id, file));
}

export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
