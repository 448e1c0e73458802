export { createCasesService, type CasesService } from './cases.service';
export { registerCaseRoutes, registerNotificationRoutes } from './cases.routes';
export { createDeadlineNotices, type DeadlineNotices } from './cases.notifications';
export { casesLedgerSubjects } from './cases.ledger';
export { casesRepository, type CaseRecord } from './cases.repository';
export { casesPolicy } from './cases.policy';
