import type { Db, Dialect } from './db/database';
import type { Ledger } from './ledger/ledger';

/** What every service is built with. Passed explicitly; tests build their own. */
export interface ServiceDeps {
  db: Db;
  dialect: Dialect;
  ledger: Ledger;
  now: () => Date;
}
