import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import type { DatabaseHandle } from './database';
import * as createOrg from './migrations/20261128000000_create_org';
import * as createLedger from './migrations/20261128000100_create_ledger';
import * as createJobs from './migrations/20261128000200_create_jobs';
import * as createDevicesRecordings from './migrations/20261128000300_create_devices_recordings';
import * as createCases from './migrations/20261128000400_create_cases';
import * as createDeliveries from './migrations/20261129000000_create_deliveries';
import * as createForms from './migrations/20261129010000_create_forms';
import * as createFinePayments from './migrations/20261129020000_create_fine_payments';
import * as createLedgerLockFunction from './migrations/20261129030000_create_ledger_lock_function';

/**
 * Migrations are listed here, in order, rather than discovered from the file system: the same list
 * works under tsx, in a bundle and in tests. File names: `YYYYMMDDHHmmss_verb_object.ts`.
 */
const MIGRATIONS: Record<string, Migration> = {
  '20261128000000_create_org': createOrg,
  '20261128000100_create_ledger': createLedger,
  '20261128000200_create_jobs': createJobs,
  '20261128000300_create_devices_recordings': createDevicesRecordings,
  '20261128000400_create_cases': createCases,
  '20261129000000_create_deliveries': createDeliveries,
  '20261129010000_create_forms': createForms,
  '20261129020000_create_fine_payments': createFinePayments,
  '20261129030000_create_ledger_lock_function': createLedgerLockFunction,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export class MigrationError extends Error {}

/**
 * Applies every pending migration. With a PostgreSQL schema the bookkeeping tables live in it too:
 * otherwise the Migrator would find another schema's tables and skip creating its own.
 */
export async function migrateToLatest({
  db,
  schema,
}: Pick<DatabaseHandle, 'db' | 'schema'>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'qc_migrations',
    migrationLockTableName: 'qc_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results = [] } = await migrator.migrateToLatest();
  // Kysely takes no cross-process migration lock on SQLite: when two processes start on a new
  // file at once, the loser's migration fails (and rolls back) because the winner just applied
  // it. Asked again, the loser finds nothing pending. A real failure fails every time.
  for (let attempt = 1; error && attempt <= 3; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    ({ error, results = [] } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(
      `migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return results;
}
