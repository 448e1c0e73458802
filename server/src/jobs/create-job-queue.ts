import type { DatabaseHandle } from '../db/database';
import {
  defineJob,
  silentLogger,
  type EnqueueOptions,
  type JobDefinition,
  type JobHandler,
  type JobListQuery,
  type JobLogger,
  type JobMap,
  type JobPayload,
  type JobQueue,
  type RegisterOptions,
} from './job-queue';
import type { JobStore } from './job-store';
import { createPgBossJobStore } from './pg-boss-job-store';
import { JobRunner } from './runner';
import { createSqliteJobStore } from './sqlite-job-store';

export interface JobQueueDeps {
  /** The open, migrated database; the queue never closes it. */
  database: Pick<DatabaseHandle, 'db' | 'dialect' | 'schema'>;
  /** The clock of job timestamps on SQLite (PostgreSQL uses the database's). */
  now?: () => Date;
  logger?: JobLogger;
  /** How often an idle queue looks for due jobs. Default 2. */
  pollIntervalSeconds?: number;
  /** PostgreSQL: how often expired leases are taken back. Default 60. */
  maintenanceIntervalSeconds?: number;
}

/** The store of the database's dialect: its own table on SQLite, pg-boss on PostgreSQL. */
export function createJobStore(deps: JobQueueDeps): JobStore {
  const { db, dialect, schema } = deps.database;
  if (dialect === 'sqlite') {
    return createSqliteJobStore(db, deps.now ?? (() => new Date()));
  }
  return createPgBossJobStore({
    db,
    schema,
    logger: deps.logger ?? silentLogger,
    maintenanceIntervalSeconds: deps.maintenanceIntervalSeconds ?? 60,
  });
}

/**
 * The job queue for the database at hand. Register every job name, then `start()` to run them;
 * `stop()` before closing the database.
 */
export function createJobQueue<M extends JobMap = JobMap>(deps: JobQueueDeps): JobQueue<M> {
  return new Queue<M>(createJobStore(deps), deps);
}

class Queue<M extends JobMap> implements JobQueue<M> {
  readonly #store: JobStore;
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #runner: JobRunner;
  #started = false;

  constructor(store: JobStore, deps: JobQueueDeps) {
    this.#store = store;
    this.#runner = new JobRunner({
      store,
      definitions: () => [...this.#definitions.values()],
      logger: deps.logger ?? silentLogger,
      pollIntervalMs: (deps.pollIntervalSeconds ?? 2) * 1000,
    });
  }

  get backend(): JobStore['backend'] {
    return this.#store.backend;
  }

  register<N extends keyof M & string>(
    name: N,
    handler: JobHandler<M[N]>,
    options: RegisterOptions = {},
  ): void {
    if (this.#definitions.has(name)) {
      throw new Error(`job ${name} is already registered`);
    }
    this.#definitions.set(name, defineJob(name, handler as JobHandler<JobPayload>, options));
  }

  async enqueue<N extends keyof M & string>(
    name: N,
    payload: M[N],
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const def = this.#definitions.get(name);
    if (!def) {
      throw new Error(`job ${name} is not registered`);
    }
    const id = await this.#store.enqueue(def, payload, options);
    // Inside a transaction the job is visible only after the commit; on SQLite the poll waits
    // for the connection until then, on PostgreSQL the next regular poll finds it.
    this.#runner.wake();
    return id;
  }

  get(id: string) {
    return this.#store.get(id);
  }

  list(query: JobListQuery = {}) {
    return this.#store.list(query);
  }

  async start(): Promise<void> {
    if (this.#started) {
      throw new Error('the job queue was already started');
    }
    this.#started = true;
    await this.#store.start([...this.#definitions.values()]);
    this.#runner.start();
  }

  async stop(options: { timeoutSeconds?: number } = {}): Promise<void> {
    await this.#runner.stop((options.timeoutSeconds ?? 30) * 1000);
    await this.#store.stop();
  }
}
