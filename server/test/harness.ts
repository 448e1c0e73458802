import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { buildApp, type App } from '../src/app';
import { loadConfig, type Config, type DatabaseConfig } from '../src/config';
import type { Dialect } from '../src/db/database';
import { jobsSchemaFor } from '../src/jobs';

export const PG_TEST_URL = process.env.PG_TEST_URL;

/** A clock the test moves by hand. */
export function testClock(start = '2026-11-28T02:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    advanceMinutes(m: number) {
      t += m * 60_000;
    },
  };
}
export type TestClock = ReturnType<typeof testClock>;

export interface TestDatabase {
  dialect: Dialect;
  config: DatabaseConfig;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh database of the dialect: a new SQLite file, or a new PostgreSQL schema. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qc-test-'));
  if (dialect === 'sqlite') {
    return {
      dialect,
      dataDir,
      config: { dialect, file: path.join(dataDir, 'test.sqlite') },
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  if (!PG_TEST_URL) {
    throw new Error('PG_TEST_URL is not set');
  }
  const schema = `qc_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    dialect,
    dataDir,
    config: { dialect, url: PG_TEST_URL, schema },
    async drop() {
      const c = new pg.Client({ connectionString: PG_TEST_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      // pg-boss keeps the job queue beside the app's schema.
      await c.query(`drop schema if exists ${jobsSchemaFor(schema)} cascade`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(database: TestDatabase, overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' });
  return { ...base, database: database.config, ...overrides };
}

export interface TestContext {
  app: App;
  clock: TestClock;
  database: TestDatabase;
}

export async function startTestApp(
  dialect: Dialect,
  overrides: Partial<Config> = {},
): Promise<TestContext & { stop(): Promise<void> }> {
  const database = await freshDatabase(dialect);
  const clock = testClock();
  const app = await buildApp(testConfig(database, overrides), { now: clock.now });
  return {
    app,
    clock,
    database,
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * Runs a suite once per database dialect: always on SQLite, and on PostgreSQL when PG_TEST_URL is
 * set. Without it the PostgreSQL suite is listed as skipped, with the reason in its name.
 */
export function describeEachDialect(title: string, body: (dialect: Dialect) => void): void {
  describe(`[sqlite] ${title}`, () => body('sqlite'));
  if (PG_TEST_URL) {
    describe(`[postgresql] ${title}`, () => body('postgresql'));
  } else {
    describe.skip(`[postgresql] ${title} — skipped: PG_TEST_URL not set`, () => body('postgresql'));
  }
}
