import type { LedgerSubjects } from './ledger/subjects';
import { orgLedgerSubjects } from './modules/org/org.ledger';
import { devicesLedgerSubjects } from './modules/devices/devices.ledger';
import { partiesLedgerSubjects } from './modules/parties/parties.ledger';
import { recordingsLedgerSubjects } from './modules/recordings/recordings.ledger';
import { casesLedgerSubjects } from './modules/cases/cases.ledger';
import { documentsLedgerSubjects } from './modules/documents/documents.ledger';
import { formsLedgerSubjects } from './modules/forms/forms.ledger';

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
