export { createLedgerService, presentFinding, type LedgerService } from './ledger.service';
export { registerLedgerRoutes } from './ledger.routes';
