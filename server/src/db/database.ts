import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';

// int8 (counts, ledger sequence numbers) as JS numbers: exact up to 2^53, far beyond our sizes.
pg.types.setTypeParser(20, (v) => Number(v));
import type { DatabaseConfig } from '../config';
import type { Database } from './types';
import { deferInsertsOn } from './deferred-inserts';

export type Dialect = DatabaseConfig['dialect'];
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The PostgreSQL schema everything lives in, when not the default. */
  schema?: string;
  /**
   * SQLite: the one connection Kysely runs on. Only for hot paths that run synchronously inside
   * a transaction Kysely opened on it (the ledger's appends); everything else goes through `db`.
   */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

const sqliteHandles = new WeakMap<object, SQLite.Database>();

/**
 * SQLite: the connection under a database opened here, for bulk reads that would spend most of
 * their time making row objects through Kysely (`verify` reads rows as arrays on it). Undefined
 * on PostgreSQL and for transactions.
 */
export function sqliteOf(ex: Executor): SQLite.Database | undefined {
  return sqliteHandles.get(ex);
}

const postgresPools = new WeakMap<object, pg.Pool>();

/** Statement texts that run as named prepared statements on PostgreSQL, by name. */
const namedStatements = new Map<string, string>();

/**
 * Marks a hot statement's text (the ledger's appends) to run as a named prepared statement on
 * every PostgreSQL connection: parsed and planned once per connection instead of on every call
 * (≈ 50 µs of a ≈ 180 µs insert here). Kysely sends the text with its parameters; connections
 * opened here swap in the name (see `nameHotStatements`). SQLite prepares through its cache.
 */
export function preparedOnPostgres(text: string): string {
  if (!namedStatements.has(text)) {
    namedStatements.set(text, `qc_hot_${namedStatements.size + 1}`);
  }
  return text;
}

/**
 * Every text a caller (Kysely) sends on this client goes through the write-behind of
 * `deferredInsertOnPostgres`, and the texts marked by `preparedOnPostgres` run as named
 * statements. Calls with a config object or a callback (the pool's own) pass through untouched.
 *
 * The wrapped texts are run in `pg`'s callback form, answered through a promise made here. Its
 * promise form cost far more for large results: a million rows in pages of 4,000 took 2.8 s of
 * CPU against 1.5 s (pg 8.23, a plain client, this machine), most of it in scavenges that copied
 * about four times as much. Kysely asks for the promise form; verify reads every business row
 * through it.
 */
function wrapClient(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult> | undefined;
  const answered = (config: string | pg.QueryConfig, values?: unknown[]) =>
    new Promise<pg.QueryResult>((resolve, reject) => {
      void query(config, values, (error: Error | null, result: pg.QueryResult) =>
        error ? reject(error) : resolve(result),
      );
    });
  const deferring = deferInsertsOn((text, values) => {
    const name = values ? namedStatements.get(text) : undefined;
    return name ? answered({ name, text, values }) : answered(text, values);
  });
  client.query = ((config: unknown, values?: unknown, ...rest: unknown[]) =>
    typeof config === 'string' && rest.length === 0 && (values === undefined || Array.isArray(values))
      ? deferring(config, values)
      : query(config, values, ...rest)) as typeof client.query;
}

/**
 * PostgreSQL: the pool under a database opened here, for the same bulk reads (as arrays, through
 * named prepared statements). Undefined on SQLite and for transactions.
 */
export function postgresPoolOf(ex: Executor): pg.Pool | undefined {
  return postgresPools.get(ex);
}

/**
 * Opens the database. SQLite runs in WAL mode with synchronous=FULL (an acknowledged write
 * survives a power cut), foreign keys on and a busy timeout; PostgreSQL keeps its default
 * synchronous_commit=on. A PostgreSQL `schema` puts every table there (used by tests).
 */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.dialect === 'sqlite') {
    mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Group commit runs every write in its own savepoint, and SQLite copies each page a savepoint
    // first touches into a sub-journal so that it can roll back alone. Kept in a temporary file,
    // that copy cost more than the write itself (bench/ledger.ts: ≈ 35 µs a write); in memory it
    // is a memcpy. It holds nothing durable: a crash loses only the open transaction either way.
    sqlite.pragma('temp_store = MEMORY');
    const db = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    sqliteHandles.set(db, sqlite);
    return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    // A query is sent as soon as it is made, not after the one before has been answered: the
    // write-behind sends a transaction's savepoints without waiting (deferred-inserts.ts), and
    // the statement after each goes out right behind it. Answers still come back in order.
    pipeline: true,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  pool.on('connect', wrapClient);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  postgresPools.set(db, pool);
  return {
    db,
    dialect: 'postgresql',
    ...(config.schema ? { schema: config.schema } : {}),
    close: () => db.destroy(),
  };
}

/** Cheap liveness probe for /api/health. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs as much as running a small statement. The
 * same SQL text (parameters are bound separately) reuses its prepared statement, least recently
 * used first out. Safe because the dialect runs one query at a time on its one connection.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          cache.delete(cache.keys().next().value as string);
        }
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). A deferred
 * transaction that reads and then writes fails at once with SQLITE_BUSY if another connection
 * wrote meanwhile; an immediate one waits its turn under busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
