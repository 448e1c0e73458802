import type { LedgerSubjects } from './ledger/subjects';
import { orgLedgerSubjects } from './modules/org';
import { devicesLedgerSubjects } from './modules/devices';
import { partiesLedgerSubjects } from './modules/parties';
import { recordingsLedgerSubjects } from './modules/recordings';
import { casesLedgerSubjects } from './modules/cases';
import { documentsLedgerSubjects } from './modules/documents';
import { formsLedgerSubjects } from './modules/forms';

/**
 * Every subject type whose rows the ledger records, with how `verify` reads them. The app and
 * `verify`'s worker threads both use this list; a module that writes rows through the ledger
 * adds its subjects here.
 */
export const ledgerSubjects: LedgerSubjects = new Map([
  ...orgLedgerSubjects,
  ...devicesLedgerSubjects,
  ...partiesLedgerSubjects,
  ...recordingsLedgerSubjects,
  ...casesLedgerSubjects,
  ...documentsLedgerSubjects,
  ...formsLedgerSubjects,
]);
