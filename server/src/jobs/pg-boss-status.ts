import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';
import {
  visibleProgress,
  type JobListQuery,
  type JobPayload,
  type JobState,
  type JobStatus,
} from './job-queue';
import { pageBounds, type ClaimedJob } from './job-store';

/**
 * Status reads over pg-boss 10's tables (`job`, and `archive` where finished jobs move after
 * 12 hours). pg-boss has no listing and finds a job by id only with its queue name, so these are
 * plain queries on its schema; they only read, except `setProgress`, which writes the `output`
 * column of an active job — the column pg-boss overwrites with the result or error at the end.
 */

interface PgJobRow {
  id: string;
  name: string;
  data: JobPayload | null;
  state: JobState | 'cancelled';
  retry_count: number;
  retry_limit: number;
  started_on: Date | null;
  created_on: Date;
  start_after: Date;
  completed_on: Date | null;
  output: unknown;
  singleton_key: string | null;
}

const COLUMNS = sql.raw(
  'id, name, data, state::text as state, retry_count, retry_limit, started_on, created_on, start_after, completed_on, output, singleton_key',
);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Live and archived jobs as one relation. */
function allJobs(schema: string): RawBuilder<unknown> {
  return sql`(select ${COLUMNS} from ${sql.id(schema, 'job')}
    union all select ${COLUMNS} from ${sql.id(schema, 'archive')}) j`;
}

function where(query: JobListQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (query.name !== undefined) {
    parts.push(sql`name = ${query.name}`);
  }
  if (query.state === 'failed') {
    parts.push(sql`state in ('failed', 'cancelled')`);
  } else if (query.state !== undefined) {
    parts.push(sql`state = ${query.state}`);
  }
  return sql.join(parts, sql` and `);
}

export async function readJob(db: Db, schema: string, id: string): Promise<JobStatus | null> {
  if (!UUID.test(id)) {
    return null;
  }
  const { rows } =
    await sql<PgJobRow>`select * from ${allJobs(schema)} where id = ${id}::uuid limit 1`.execute(db);
  return rows[0] ? toStatus(rows[0]) : null;
}

export async function readJobs(db: Db, schema: string, query: JobListQuery): Promise<JobStatus[]> {
  const { limit, offset } = pageBounds(query);
  const { rows } = await sql<PgJobRow>`select * from ${allJobs(schema)} where ${where(query)}
    order by created_on desc, id desc limit ${limit} offset ${offset}`.execute(db);
  return rows.map(toStatus);
}

export async function countJobs(db: Db, schema: string, query: JobListQuery): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ${allJobs(schema)} where ${where(query)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Merged into `output`, so the previous attempt's error stays visible while this one runs. */
export async function setProgress(db: Db, schema: string, job: ClaimedJob, percent: number): Promise<void> {
  await sql`update ${sql.id(schema, 'job')}
    set output = coalesce(output, '{}'::jsonb) || jsonb_build_object('progress', ${percent}::int)
    where name = ${job.name} and id = ${job.id}::uuid and state = 'active'`.execute(db);
}

function toStatus(row: PgJobRow): JobStatus {
  const state: JobState = row.state === 'cancelled' ? 'failed' : row.state;
  const output = (row.output ?? {}) as { progress?: number; result?: unknown };
  return {
    id: row.id,
    name: row.name,
    payload: row.data ?? {},
    state,
    // pg-boss counts retries, and only from the second start on.
    attempts: row.started_on ? row.retry_count + 1 : 0,
    maxAttempts: row.retry_limit + 1,
    progress: visibleProgress(state, output.progress),
    result: state === 'completed' ? (output.result ?? null) : null,
    lastError: row.state === 'cancelled' ? 'cancelled' : errorOf(row.output),
    // A job sent without a key carries its own id as key (see enqueue).
    singletonKey: row.singleton_key === row.id ? null : row.singleton_key,
    createdAt: row.created_on.toISOString(),
    startedAt: row.started_on?.toISOString() ?? null,
    runAfter: row.start_after.toISOString(),
    finishedAt: row.completed_on?.toISOString() ?? null,
  };
}

/** The message of a failed attempt, as our fail, pg-boss's lease expiry or its shutdown store it. */
export function errorOf(output: unknown): string | null {
  if (!output || typeof output !== 'object') {
    return null;
  }
  const o = output as { message?: unknown; lastError?: unknown; value?: unknown };
  if (typeof o.message === 'string') {
    return o.message;
  }
  if (typeof o.lastError === 'string') {
    return o.lastError;
  }
  if (typeof o.value === 'string') {
    return o.value;
  }
  return o.value && typeof o.value === 'object' ? errorOf(o.value) : null;
}
