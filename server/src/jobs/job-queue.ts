import type { Executor } from '../db/database';

/**
 * The one queue interface of DESIGN.md §3: in-process on SQLite, pg-boss on PostgreSQL. Callers
 * (media ingest, exports, reports) see the same calls and the same job status on both.
 */

/** A job's payload: a JSON object (pg-boss stores it as jsonb, SQLite as JSON text). */
export type JobPayload = Record<string, unknown>;

/** Job names to their payloads, so that a module's jobs are typed end to end. */
export type JobMap = Record<string, JobPayload>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'failed';
export const JOB_STATES: readonly JobState[] = ['created', 'retry', 'active', 'completed', 'failed'];

/** What a handler is given for one attempt. */
export interface JobContext<P extends JobPayload = JobPayload> {
  id: string;
  name: string;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted when the job's lease runs out or the queue stops: kill the ffmpeg child then. */
  signal: AbortSignal;
  /** Reports 0–100 for the status page; never throws (a failed write is only logged). */
  progress(percent: number): Promise<void>;
}

/** Resolves with the job's result (JSON-serialisable); a throw is a failed attempt. */
export type JobHandler<P extends JobPayload = JobPayload> = (job: JobContext<P>) => Promise<unknown>;

export interface RegisterOptions {
  /** Retries after the first attempt; then the job is failed. Default 3. */
  retryLimit?: number;
  /** Delay before the first retry. Default 10. pg-boss counts whole seconds (at least 1). */
  retryDelaySeconds?: number;
  /** Double the delay on each retry (with jitter, as pg-boss does). Default true. */
  retryBackoff?: boolean;
  /** Handlers of this name running at once in one process. Default 1. */
  concurrency?: number;
  /** The lease of one attempt: past it the attempt is aborted and counted as failed. Default 900. */
  expireInSeconds?: number;
}

export interface EnqueueOptions {
  /** The open transaction of the business write: the job exists only if it commits. */
  executor?: Executor;
  /** At most one waiting (not yet started) job per name and key; a second enqueue returns null. */
  singletonKey?: string;
}

/** The visible status of a job, the same on both backends. Instants are ISO-8601 UTC. */
export interface JobStatus {
  id: string;
  name: string;
  payload: JobPayload;
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  /** retryLimit + 1. */
  maxAttempts: number;
  /** 0–100 while active (as last reported), 100 once completed, null otherwise. */
  progress: number | null;
  /** The handler's result, once completed. */
  result: unknown;
  /** The message of the latest failed attempt, kept after a later success. */
  lastError: string | null;
  singletonKey: string | null;
  createdAt: string;
  /** Start of the latest attempt. */
  startedAt: string | null;
  /** Not started before this instant (the backoff of a retry). */
  runAfter: string;
  /** When it completed or was finally failed. */
  finishedAt: string | null;
}

export interface JobListQuery {
  name?: string;
  state?: JobState;
  limit?: number;
  offset?: number;
}

export interface JobPage {
  items: JobStatus[];
  total: number;
}

export interface JobQueue<M extends JobMap = JobMap> {
  readonly backend: 'sqlite' | 'pg-boss';
  /** Declares a job name, its handler and its retry policy; needed before enqueue or start. */
  register<N extends keyof M & string>(name: N, handler: JobHandler<M[N]>, options?: RegisterOptions): void;
  /** Returns the job id, or null when a waiting job already holds the singleton key. */
  enqueue<N extends keyof M & string>(
    name: N,
    payload: M[N],
    options?: EnqueueOptions,
  ): Promise<string | null>;
  get(id: string): Promise<JobStatus | null>;
  /** Newest first. */
  list(query?: JobListQuery): Promise<JobPage>;
  /** Starts running registered handlers; enqueue, get and list work without it. */
  start(): Promise<void>;
  /** Stops taking jobs, waits for running handlers up to the timeout, then gives theirs back. */
  stop(options?: { timeoutSeconds?: number }): Promise<void>;
}

/** pino-compatible; Fastify's `app.log` fits. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: JobLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A registered name with its options resolved. */
export interface JobDefinition {
  name: string;
  handler: JobHandler<JobPayload>;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  concurrency: number;
  expireInSeconds: number;
}

const NAME = /^[a-z][a-z0-9_.-]{0,99}$/i;

/** Resolves defaults and refuses options that one of the backends could not honour. */
export function defineJob(
  name: string,
  handler: JobHandler<JobPayload>,
  options: RegisterOptions,
): JobDefinition {
  if (!NAME.test(name)) {
    throw new Error(`job name ${JSON.stringify(name)}: letters, digits, '.', '_', '-'; at most 100`);
  }
  const def: JobDefinition = {
    name,
    handler,
    retryLimit: options.retryLimit ?? 3,
    retryDelaySeconds: options.retryDelaySeconds ?? 10,
    retryBackoff: options.retryBackoff ?? true,
    concurrency: options.concurrency ?? 1,
    expireInSeconds: options.expireInSeconds ?? 900,
  };
  check(Number.isInteger(def.retryLimit) && def.retryLimit >= 0, name, 'retryLimit must be an integer >= 0');
  check(def.retryDelaySeconds >= 0, name, 'retryDelaySeconds must be >= 0');
  check(
    Number.isInteger(def.concurrency) && def.concurrency >= 1,
    name,
    'concurrency must be an integer >= 1',
  );
  // pg-boss refuses leases of 24 hours or more.
  check(
    def.expireInSeconds > 0 && def.expireInSeconds < 86_400,
    name,
    'expireInSeconds must be in (0, 86400)',
  );
  return def;
}

function check(ok: boolean, name: string, message: string): void {
  if (!ok) {
    throw new Error(`job ${name}: ${message}`);
  }
}

/** Progress is meaningful only while a job runs, and complete once it has. */
export function visibleProgress(state: JobState, stored: number | null | undefined): number | null {
  if (state === 'completed') {
    return 100;
  }
  return state === 'active' ? (stored ?? null) : null;
}

/** A thrown value as one line for the status page and the log. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name;
  }
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}
