import type {
  EnqueueOptions,
  JobDefinition,
  JobListQuery,
  JobPage,
  JobPayload,
  JobStatus,
} from './job-queue';

/** One attempt of a job, taken by this process. */
export interface ClaimedJob {
  id: string;
  name: string;
  payload: JobPayload;
  /** 1 for the first attempt; on SQLite also the fencing token of this attempt. */
  attempt: number;
  expireInSeconds: number;
  /** The message of the previous failed attempt, if any. */
  lastError: string | null;
}

/**
 * What a backend does; the runner (polling, concurrency, leases, graceful stop) is shared. Every
 * state change on a claimed job is guarded by the job still being active, so a late answer from
 * an attempt that was already given up changes nothing.
 */
export interface JobStore {
  readonly backend: 'sqlite' | 'pg-boss';
  enqueue(def: JobDefinition, payload: JobPayload, options: EnqueueOptions): Promise<string | null>;
  /** Takes the next due job of the name, or null. */
  claim(def: JobDefinition): Promise<ClaimedJob | null>;
  progress(job: ClaimedJob, percent: number): Promise<void>;
  complete(job: ClaimedJob, result: unknown): Promise<void>;
  /** Counts the attempt as failed: a retry after backoff, or failed for good past the limit. */
  fail(job: ClaimedJob, message: string): Promise<void>;
  /** Fails active jobs whose lease ran out (their worker died); returns how many. */
  reclaimExpired(): Promise<number>;
  get(id: string): Promise<JobStatus | null>;
  list(query: JobListQuery): Promise<JobPage>;
  /** Called when the queue starts and stops running handlers. */
  start(definitions: readonly JobDefinition[]): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;

export function pageBounds(query: JobListQuery): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);
  return { limit, offset: Math.max(Math.trunc(query.offset ?? 0), 0) };
}
