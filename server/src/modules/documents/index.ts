export { createDocumentsService, type DocumentsService } from './documents.service';
export type { DocumentsContext } from './documents.access';
export { registerDocumentRoutes } from './documents.routes';
export { documentsLedgerSubjects, documentLedgerRows } from './documents.ledger';
export { buildDocumentContext, DEFAULT_AGENCY_NAME } from './documents.context';
