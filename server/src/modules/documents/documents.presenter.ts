import type { Template } from '../../documents';
import type { Actor } from '../../security/actor';
import type { DocumentAccess } from './documents.policy';
import { documentsPolicy } from './documents.policy';
import type { DocumentRecord, ScanRecord } from './documents.repository';
import type { DocumentTemplateView, DocumentView } from './documents.schemas';

export function presentTemplate(t: Template): DocumentTemplateView {
  return {
    id: t.id,
    version: t.version,
    title: t.title,
    titleEn: t.titleEn,
    numbered: t.numberPattern !== undefined || t.numberFrom !== undefined,
    fields: t.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      ...(f.options
        ? { options: f.options.map((o) => o.value), optionLabels: f.options.map((o) => ({ ...o })) }
        : {}),
      ...(f.columns ? { columns: f.columns.map((c) => ({ key: c.key, label: c.label, type: c.type })) } : {}),
      ...(f.help ? { help: f.help } : {}),
    })),
  };
}

export function presentDocument(
  actor: Actor,
  doc: DocumentRecord,
  scans: readonly ScanRecord[],
  template: Template,
  access: DocumentAccess,
): DocumentView {
  return {
    id: doc.id,
    caseId: doc.case_id,
    templateId: doc.template_id,
    templateVersion: Number(doc.template_version),
    title: doc.title,
    version: Number(doc.version),
    state: doc.state,
    number: doc.number,
    issuedAt: doc.issued_at,
    pdfSha256: doc.pdf_sha256,
    fields: JSON.parse(doc.fields) as Record<string, unknown>,
    supersedesId: doc.supersedes_id,
    issuedByName: doc.issued_by_name,
    createdAt: doc.created_at,
    updatedAt: doc.updated_at,
    template: presentTemplate(template),
    scans: scans.map((s) => ({
      id: s.id,
      sha256: s.sha256,
      name: s.name,
      mime: s.mime,
      sizeBytes: Number(s.size_bytes),
      uploadedByName: s.uploaded_by_name,
      uploadedAt: s.uploaded_at,
    })),
    abilities: documentsPolicy.abilities(actor, doc, access),
  };
}
