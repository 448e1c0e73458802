import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db, Executor } from '../db/database';
import type {
  EnqueueOptions,
  JobDefinition,
  JobListQuery,
  JobLogger,
  JobPage,
  JobPayload,
} from './job-queue';
import type { ClaimedJob, JobStore } from './job-store';
import { countJobs, errorOf, readJob, readJobs, setProgress } from './pg-boss-status';
import { newId } from '../db/ids';

/** The schema pg-boss keeps its tables in: beside the application's, never inside it. */
export function jobsSchemaFor(schema: string | undefined): string {
  return schema ? `${schema}_jobs` : 'quancheng_jobs';
}

/** A job that never started is kept this long before pg-boss archives it: restarts lose none. */
const WAITING_RETENTION_MINUTES = 365 * 24 * 60;

export interface PgBossStoreOptions {
  db: Db;
  /** The application's PostgreSQL schema, if not the default. */
  schema: string | undefined;
  logger: JobLogger;
  /** How often expired leases are taken back and old jobs archived (pg-boss maintenance). */
  maintenanceIntervalSeconds: number;
}

/**
 * The PostgreSQL backend: pg-boss 10 over the application's own connection pool, in its own
 * schema. Jobs are fetched, completed and failed through pg-boss's API; the shared runner does
 * the polling so both backends behave alike. Status reads query pg-boss's tables directly,
 * because pg-boss has no listing and its lookup by id needs the queue name.
 */
export function createPgBossJobStore(options: PgBossStoreOptions): JobStore {
  const schema = jobsSchemaFor(options.schema);
  const base = { db: poolAdapter(options.db), schema, schedule: false, migrate: true };
  // Sends, fetches and installs the schema; starts no timers, so enqueue-only processes need no stop.
  const boss = new PgBoss({ ...base, supervise: false });
  // Runs only while the queue runs: expires dead workers' leases, archives finished jobs.
  const maintainer = new PgBoss({
    ...base,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
    deleteAfterDays: 30,
  });
  for (const b of [boss, maintainer]) {
    b.on('error', (error) => options.logger.error({ err: error }, 'pg-boss error'));
  }
  let installed: Promise<unknown> | null = null;
  const install = () => (installed ??= boss.start());
  const queues = new Map<string, Promise<void>>();

  let creating: Promise<unknown> = Promise.resolve();

  /**
   * pg-boss 10 takes jobs only for queues that exist; the retry policy lives on the queue.
   * Creating a queue attaches a partition, and two creations at once can deadlock: this process
   * creates one at a time, and a deadlock with another process is tried again.
   */
  function ensureQueue(def: JobDefinition): Promise<void> {
    let ready = queues.get(def.name);
    if (!ready) {
      ready = creating.then(() => install()).then(() => createQueue(boss, def));
      creating = ready.catch(() => undefined);
      ready.catch(() => queues.delete(def.name));
      queues.set(def.name, ready);
    }
    return ready;
  }

  return {
    backend: 'pg-boss',

    async enqueue(def: JobDefinition, payload: JobPayload, enqueue: EnqueueOptions) {
      await ensureQueue(def);
      const id = newId();
      // Under the 'short' policy a key allows one waiting job; a job without a key gets its own.
      const send: PgBoss.SendOptions = { id, singletonKey: enqueue.singletonKey ?? id };
      if (enqueue.executor) {
        send.db = transactionAdapter(enqueue.executor);
      }
      return boss.send(def.name, payload, send);
    },

    async claim(def: JobDefinition) {
      await ensureQueue(def);
      const [job] = await boss.fetch<JobPayload>(def.name, { batchSize: 1, includeMetadata: true });
      if (!job) {
        return null;
      }
      return {
        id: job.id,
        name: job.name,
        payload: job.data,
        attempt: job.retryCount + 1,
        expireInSeconds: job.expireInSeconds,
        lastError: errorOf(job.output),
      };
    },

    async progress(job: ClaimedJob, percent: number) {
      await setProgress(options.db, schema, job, percent);
    },

    async complete(job: ClaimedJob, result: unknown) {
      await boss.complete(job.name, job.id, { result: result ?? null, lastError: job.lastError });
    },

    async fail(job: ClaimedJob, message: string) {
      await boss.fail(job.name, job.id, { message });
    },

    // pg-boss's maintenance (the maintainer) takes expired leases back.
    reclaimExpired: () => Promise.resolve(0),

    async get(id: string) {
      await install();
      return readJob(options.db, schema, id);
    },

    async list(query: JobListQuery): Promise<JobPage> {
      await install();
      const [items, total] = await Promise.all([
        readJobs(options.db, schema, query),
        countJobs(options.db, schema, query),
      ]);
      return { items, total };
    },

    async start(definitions: readonly JobDefinition[]) {
      await install();
      await Promise.all(definitions.map(ensureQueue));
      await maintainer.start();
    },

    async stop() {
      await maintainer.stop({ graceful: false });
      await boss.stop({ graceful: false });
    },
  };
}

async function createQueue(boss: PgBoss, def: JobDefinition, attempt = 1): Promise<void> {
  const policy = queuePolicy(def);
  try {
    await boss.createQueue(def.name, policy);
    await boss.updateQueue(def.name, policy);
  } catch (error) {
    if (attempt < 5 && (error as { code?: unknown }).code === '40P01') {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      return createQueue(boss, def, attempt + 1);
    }
    throw error;
  }
}

function queuePolicy(def: JobDefinition): PgBoss.Queue & { name: string } {
  return {
    name: def.name,
    policy: 'short',
    retryLimit: def.retryLimit,
    // pg-boss counts whole seconds, and at least one when backing off.
    retryDelay: Math.max(def.retryBackoff ? 1 : 0, Math.ceil(def.retryDelaySeconds)),
    retryBackoff: def.retryBackoff,
    expireInSeconds: Math.max(1, Math.ceil(def.expireInSeconds)),
    retentionMinutes: WAITING_RETENTION_MINUTES,
  };
}

/**
 * pg-boss over the application's pool. Its schema installation is one multi-statement string
 * with its own BEGIN; if that fails half-way, the connection would go back to the pool inside an
 * aborted transaction, so it is rolled back first.
 */
function poolAdapter(db: Db): PgBoss.Db {
  return {
    executeSql: (text, values) =>
      db.connection().execute(async (conn) => {
        try {
          return await conn.executeQuery(CompiledQuery.raw(text, values ?? []));
        } catch (error) {
          if (/^\s*BEGIN;/i.test(text)) {
            await sql`rollback`.execute(conn).catch(() => undefined);
          }
          throw error;
        }
      }),
  };
}

/** pg-boss inside the caller's open transaction: the job commits or rolls back with it. */
function transactionAdapter(executor: Executor): PgBoss.Db {
  return { executeSql: (text, values) => executor.executeQuery(CompiledQuery.raw(text, values ?? [])) };
}
