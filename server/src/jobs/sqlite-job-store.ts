import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { JobTable } from '../db/types';
import {
  visibleProgress,
  type EnqueueOptions,
  type JobDefinition,
  type JobListQuery,
  type JobPage,
  type JobPayload,
  type JobStatus,
} from './job-queue';
import { pageBounds, type ClaimedJob, type JobStore } from './job-store';
import { newId } from '../db/ids';

type JobRow = Selectable<JobTable>;

const WAITING = ['created', 'retry'] as const;
/** Rows taken back per poll; the rest wait for the next one. */
const RECLAIM_BATCH = 100;

/**
 * The embedded backend: the `jobs` table, in the application's own SQLite file, so a job enqueued
 * in a business transaction commits or vanishes with it. Several processes may share the file:
 * a claim is one guarded UPDATE, so only one of them wins a job.
 */
export function createSqliteJobStore(db: Db, now: () => Date): JobStore {
  const iso = (offsetMs = 0) => new Date(now().getTime() + offsetMs).toISOString();

  /** Fails one attempt of a row that is still active in that attempt; false if it was not. */
  async function failAttempt(row: Pick<JobRow, 'id' | 'attempts'>, message: string): Promise<boolean> {
    const current = await db
      .selectFrom('jobs')
      .select(['retry_limit', 'retry_delay_ms', 'retry_backoff'])
      .where('id', '=', row.id)
      .where('state', '=', 'active')
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    if (!current) {
      return false;
    }
    const final = row.attempts > current.retry_limit;
    const result = await db
      .updateTable('jobs')
      .set({
        state: final ? 'failed' : 'retry',
        last_error: message,
        expires_at: null,
        finished_at: final ? iso() : null,
        ...(final ? {} : { run_after: iso(retryDelayMs(current, row.attempts)) }),
      })
      .where('id', '=', row.id)
      .where('state', '=', 'active')
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  return {
    backend: 'sqlite',

    async enqueue(def: JobDefinition, payload: JobPayload, options: EnqueueOptions) {
      const at = iso();
      const inserted = await (options.executor ?? db)
        .insertInto('jobs')
        .values({
          id: newId(),
          name: def.name,
          payload: JSON.stringify(payload),
          state: 'created',
          singleton_key: options.singletonKey ?? null,
          attempts: 0,
          retry_limit: def.retryLimit,
          retry_delay_ms: Math.round(def.retryDelaySeconds * 1000),
          retry_backoff: def.retryBackoff ? 1 : 0,
          expire_ms: Math.round(def.expireInSeconds * 1000),
          run_after: at,
          created_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted?.id ?? null;
    },

    async claim(def: JobDefinition) {
      const at = iso();
      const next = await db
        .selectFrom('jobs')
        .select(['id', 'expire_ms'])
        .where('name', '=', def.name)
        .where('state', 'in', WAITING)
        .where('run_after', '<=', at)
        .orderBy('run_after')
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      if (!next) {
        return null;
      }
      const row = await db
        .updateTable('jobs')
        .set((eb) => ({
          state: 'active',
          attempts: eb('attempts', '+', 1),
          started_at: at,
          expires_at: iso(next.expire_ms),
          progress: null,
        }))
        .where('id', '=', next.id)
        .where('state', 'in', WAITING)
        .returningAll()
        .executeTakeFirst();
      // Another process took it between the two statements: the next poll looks again.
      return row ? toClaimed(row) : null;
    },

    async progress(job: ClaimedJob, percent: number) {
      await db
        .updateTable('jobs')
        .set({ progress: percent })
        .where('id', '=', job.id)
        .where('state', '=', 'active')
        .where('attempts', '=', job.attempt)
        .execute();
    },

    async complete(job: ClaimedJob, result: unknown) {
      await db
        .updateTable('jobs')
        .set({
          state: 'completed',
          result: result === undefined ? null : JSON.stringify(result),
          progress: 100,
          expires_at: null,
          finished_at: iso(),
        })
        .where('id', '=', job.id)
        .where('state', '=', 'active')
        .where('attempts', '=', job.attempt)
        .execute();
    },

    async fail(job: ClaimedJob, message: string) {
      await failAttempt({ id: job.id, attempts: job.attempt }, message);
    },

    async reclaimExpired() {
      const expired = await db
        .selectFrom('jobs')
        .select(['id', 'attempts', 'expire_ms'])
        .where('state', '=', 'active')
        .where('expires_at', '<', iso())
        .limit(RECLAIM_BATCH)
        .execute();
      let n = 0;
      for (const row of expired) {
        const message = `lease of ${row.expire_ms / 1000}s ran out while active (the worker stopped or died)`;
        n += (await failAttempt(row, message)) ? 1 : 0;
      }
      return n;
    },

    async get(id: string) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toStatus(row) : null;
    },

    async list(query: JobListQuery): Promise<JobPage> {
      const { limit, offset } = pageBounds(query);
      let q = db.selectFrom('jobs');
      if (query.name !== undefined) {
        q = q.where('name', '=', query.name);
      }
      if (query.state !== undefined) {
        q = q.where('state', '=', query.state);
      }
      const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toStatus), total: Number(n) };
    },

    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

/** pg-boss's backoff, so both backends wait alike: between d·2^(n−1) and d·2^n after attempt n. */
function retryDelayMs(row: Pick<JobRow, 'retry_delay_ms' | 'retry_backoff'>, attempts: number): number {
  if (!row.retry_backoff) {
    return row.retry_delay_ms;
  }
  const base = row.retry_delay_ms * 2 ** Math.min(16, attempts - 1);
  return Math.round(base + base * Math.random());
}

function toClaimed(row: JobRow): ClaimedJob {
  return {
    id: row.id,
    name: row.name,
    payload: JSON.parse(row.payload) as JobPayload,
    attempt: row.attempts,
    expireInSeconds: row.expire_ms / 1000,
    lastError: row.last_error,
  };
}

function toStatus(row: JobRow): JobStatus {
  return {
    id: row.id,
    name: row.name,
    payload: JSON.parse(row.payload) as JobPayload,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.retry_limit + 1,
    progress: visibleProgress(row.state, row.progress),
    result: row.state === 'completed' && row.result !== null ? (JSON.parse(row.result) as unknown) : null,
    lastError: row.last_error,
    singletonKey: row.singleton_key,
    createdAt: row.created_at,
    startedAt: row.started_at,
    runAfter: row.run_after,
    finishedAt: row.finished_at,
  };
}
