/**
 * Case list benchmark (issue 5): one page of `casesRepository.list` — the capped count, the page
 * of ids and the rows with their names — over BENCH_CASES (1,000,000) bulk-seeded cases, for a
 * realistic mix of filters, at page 1 and a deep page. Goal: p95 < 50 ms per page. Each figure is
 * also a ratio to a baseline measured in the same run, interleaved with it: the bare indexed
 * `SELECT id FROM cases ORDER BY updated_at DESC, id DESC LIMIT 20` on the raw driver.
 *
 *   npm run bench:cases                                   # SQLite file in the temp dir
 *   DATABASE_URL=postgres://… npm run bench:cases         # PostgreSQL schema qc_bench_cases_<n>
 *   BENCH_CASES=200000 BENCH_RUNS=50 BENCH_PAGE=100 npm run bench:cases
 *   BENCH_DROP=1 npm run bench:cases                      # delete the seeded data afterwards
 *
 * The seeded file/schema is reused by later runs. When the cases migration changes, its indexes
 * are brought in line with it (read from a scratch database migrated beside it), not re-seeded.
 * SQLite is not ANALYZEd (the app never does); PostgreSQL is, as autovacuum would.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseListQuery } from '@quancheng/contracts';
import pg from 'pg';
import type { DatabaseConfig } from '../server/src/config';
import { openDatabase, type DatabaseHandle } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { casesRepository, type LightWindow } from '../server/src/modules/cases/cases.repository';
import type { CaseScope } from '../server/src/modules/cases/cases.policy';

const N = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 40));
const DEEP = Number(process.env.BENCH_PAGE ?? 50);
const URL = process.env.DATABASE_URL;
const MIGRATION = path.resolve(import.meta.dirname, '../server/src/db/migrations/20261128000400_create_cases.ts');
const FINGERPRINT = createHash('sha256').update(readFileSync(MIGRATION)).digest('hex').slice(0, 12);
const INDEXED = ['cases', 'case_officers'];

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** A bare connection beside Kysely's, for the baseline and for bulk work. */
interface Raw {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function rawFor(handle: DatabaseHandle, config: DatabaseConfig): Promise<Raw> {
  if (handle.sqlite) {
    const sqlite = handle.sqlite;
    return Promise.resolve({
      query: (text, params = []) => {
        const stmt = sqlite.prepare(text);
        return Promise.resolve(
          stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []),
        );
      },
      close: () => Promise.resolve(),
    });
  }
  if (config.dialect !== 'postgresql') {
    throw new Error('unreachable');
  }
  const client = new pg.Client({
    connectionString: config.url,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  return client.connect().then(() => ({
    query: async (text, params = []) => (await client.query(text, params)).rows as Record<string, unknown>[],
    close: () => client.end(),
  }));
}

/** Index DDL for the benchmarked tables, as the database reports it (constraints' indexes aside). */
async function indexDdl(raw: Raw, postgres: boolean, schema?: string): Promise<Map<string, string>> {
  const rows = postgres
    ? await raw.query(
        `select c.relname as name, pg_get_indexdef(i.indexrelid) as sql from pg_index i
           join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
           join pg_namespace n on n.oid = t.relnamespace
          where n.nspname = $1 and t.relname = any($2)
            and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
        [schema, INDEXED],
      )
    : await raw.query(
        `select name, sql from sqlite_master where type = 'index' and sql is not null
           and tbl_name in (${INDEXED.map(() => '?').join(', ')})`,
        INDEXED,
      );
  return new Map(rows.map((r) => [String(r.name), String(r.sql).replaceAll(`${schema}.`, '')]));
}

/** Makes the seeded database's indexes those of the current migration. */
async function syncIndexes(raw: Raw, config: DatabaseConfig): Promise<void> {
  const postgres = config.dialect === 'postgresql';
  const scratch = postgres
    ? { ...config, schema: `qc_bench_scratch_${process.pid}` }
    : { dialect: 'sqlite' as const, file: path.join(mkdtempSync(path.join(os.tmpdir(), 'qc-scratch-')), 's.sqlite') };
  if (scratch.dialect === 'postgresql') {
    await raw.query(`create schema ${scratch.schema}`);
  }
  const handle = openDatabase(scratch);
  try {
    await migrateToLatest(handle);
    const scratchRaw = await rawFor(handle, scratch);
    const want = await indexDdl(scratchRaw, postgres, scratch.dialect === 'postgresql' ? scratch.schema : undefined);
    await scratchRaw.close();
    const have = await indexDdl(raw, postgres, postgres ? config.schema : undefined);
    for (const [name, ddl] of have) {
      if (want.get(name) !== ddl) {
        console.log(`  drop index ${name}`);
        await raw.query(`drop index ${name}`);
      }
    }
    for (const [name, ddl] of want) {
      if (have.get(name) !== ddl) {
        const start = process.hrtime.bigint();
        await raw.query(ddl);
        console.log(`  ${ddl} (${(ms(start) / 1000).toFixed(1)} s)`);
      }
    }
    if (postgres) {
      await raw.query('analyze cases');
      await raw.query('analyze case_officers');
    }
  } finally {
    await handle.close();
    if (scratch.dialect === 'postgresql') {
      await raw.query(`drop schema ${scratch.schema} cascade`);
    } else {
      rmSync(path.dirname(scratch.file), { recursive: true, force: true });
    }
  }
}
