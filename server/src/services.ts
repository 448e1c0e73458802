import type { Db, Dialect } from './db/database';
import type { Write } from './db/writer';
import type { Ledger } from './ledger/ledger';

/** What every service is built with. Passed explicitly; tests build their own. */
export interface ServiceDeps {
  db: Db;
  dialect: Dialect;
  ledger: Ledger;
  /** Runs a write transaction, sharing commits with concurrent writes (group commit). */
  write: Write;
  now: () => Date;
}
