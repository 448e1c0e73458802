/**
 * Official documents (文书): templates as data, their field schemas and prefill, and the PDF and
 * DOCX renderers. The cases module drafts and issues documents through this API; see
 * docs/DOCUMENTS.md.
 */
export {
  templateSchema,
  fieldDef,
  block,
  FIELD_TYPES,
  OPINION_ROLES,
  type Template,
  type TemplateInput,
  type FieldDef,
  type FieldType,
  type FieldValue,
  type FieldValues,
  type ListRowValue,
  type Block,
  type TableRow,
  type Localized,
} from './template';
export {
  CONTEXT_PATHS,
  isContextPath,
  type DocumentContext,
  type DocumentParty,
  type DocumentApproval,
  type ContextPath,
} from './context';
export {
  fieldsSchema,
  draftSchema,
  issueSchema,
  checkFields,
  requiredMessage,
  type FieldCheck,
  type FieldProblem,
} from './fields';
export { prefill } from './prefill';
export {
  resolveDocument,
  formatDocumentNumber,
  draftNumber,
  type RenderOptions,
  type ResolvedDocument,
} from './resolve';
export {
  getTemplate,
  listTemplates,
  createTemplateRegistry,
  parseTemplate,
  templateProblems,
  TemplateError,
  type TemplateRegistry,
} from './registry';
export { renderPdf, preloadFonts, type PdfRenderOptions } from './render-pdf';
export { renderDocx } from './render-docx';
export { DEFAULT_FONTS, DOCX_FONTS, FontMissingError, type DocumentFonts, type FontFace } from './fonts';
export { WATERMARK_TEXT } from './watermark';
