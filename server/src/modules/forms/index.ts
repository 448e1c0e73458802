export { createFormsService, useFormNumber, type FormsService } from './forms.service';
export { registerFormRoutes } from './forms.routes';
export { formsLedgerSubjects } from './forms.ledger';
