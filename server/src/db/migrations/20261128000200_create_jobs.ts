import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see create_org). */

/**
 * The job queue's table for the embedded (SQLite) backend: media work and other long jobs, with
 * their retry policy copied onto each row at enqueue so a job keeps the rules it was created
 * under. Created on PostgreSQL too, so that both dialects have one schema; there it stays empty,
 * because pg-boss keeps the jobs in its own schema.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('singleton_key', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_limit', 'integer', (c) => c.notNull())
    .addColumn('retry_delay_ms', 'integer', (c) => c.notNull())
    .addColumn('retry_backoff', 'integer', (c) => c.notNull())
    .addColumn('expire_ms', 'integer', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('progress', 'integer')
    .addColumn('result', 'text')
    .addColumn('last_error', 'text')
    .execute();
  // What a worker asks on every poll: the next due job of a name.
  await db.schema.createIndex('jobs_ready_idx').on('jobs').columns(['name', 'state', 'run_after']).execute();
  // Active jobs whose worker died, found once their lease has run out.
  await db.schema.createIndex('jobs_expiry_idx').on('jobs').columns(['state', 'expires_at']).execute();
  // Newest first, all or by state, for the status pages.
  await db.schema.createIndex('jobs_created_idx').on('jobs').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('jobs_state_created_idx')
    .on('jobs')
    .columns(['state', 'created_at', 'id'])
    .execute();
  // A singleton key allows one waiting job per name: a second enqueue is ignored.
  await db.schema
    .createIndex('jobs_singleton_uq')
    .on('jobs')
    .columns(['name', 'singleton_key'])
    .unique()
    .where(sql.ref('state'), '=', 'created')
    .where('singleton_key', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
