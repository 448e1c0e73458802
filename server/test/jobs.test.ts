import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { createWriter } from '../src/db/writer';
import { createJobQueue, createJobStore, jobsSchemaFor, type JobQueue, type JobStatus } from '../src/jobs';
import { defineJob } from '../src/jobs/job-queue';
import { describeEachDialect, freshDatabase, PG_TEST_URL, type TestDatabase } from './harness';

type TestJobs = {
  'media.probe': { recordingId: string };
  'media.thumbnail': { recordingId: string };
  'media.proxy': { recordingId: string };
  'media.transcode': { recordingId: string };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Polls until the job is in the wanted shape; fails with the last status seen. */
async function waitForJob(
  queue: JobQueue<TestJobs>,
  id: string,
  ok: (s: JobStatus) => boolean,
  timeoutMs = 30_000,
): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: JobStatus | null = null;
  while (Date.now() < deadline) {
    last = await queue.get(id);
    if (last && ok(last)) {
      return last;
    }
    await sleep(25);
  }
  throw new Error(`job ${id} did not reach the expected state; last seen: ${JSON.stringify(last)}`);
}

function must<T>(value: T | null | undefined): T {
  expect(value).toBeDefined();
  expect(value).not.toBeNull();
  return value as T;
}

describeEachDialect('job queue', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let cleanups: (() => Promise<void>)[];

  beforeEach(async () => {
    database = await freshDatabase(dialect);
    handle = openDatabase(database.config);
    await migrateToLatest(handle);
    cleanups = [];
  });

  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup();
    }
    await handle.close();
    if (database.config.dialect === 'postgresql') {
      const client = new pg.Client({ connectionString: PG_TEST_URL });
      await client.connect();
      await client.query(`drop schema if exists ${jobsSchemaFor(database.config.schema)} cascade`);
      await client.end();
    }
    await database.drop();
  });

  /** A queue that polls often; stopped after the test. `on` is another process's connection. */
  function newQueue(on: DatabaseHandle = handle): JobQueue<TestJobs> {
    const queue = createJobQueue<TestJobs>({
      database: on,
      pollIntervalSeconds: 0.05,
      maintenanceIntervalSeconds: 1,
    });
    cleanups.push(() => queue.stop({ timeoutSeconds: 1 }));
    return queue;
  }

  function anotherProcess(): DatabaseHandle {
    const other = openDatabase(database.config);
    cleanups.push(() => other.close());
    return other;
  }

  it('runs a job to completion with its result, its progress visible while it runs', async () => {
    const queue = newQueue();
    const gate = deferred();
    queue.register('media.probe', async (job) => {
      await job.progress(40);
      await gate.promise;
      return { recordingId: job.payload.recordingId, durationSeconds: 12.5 };
    });
    await queue.start();
    const id = must(await queue.enqueue('media.probe', { recordingId: 'rec-1' }));

    const running = await waitForJob(queue, id, (s) => s.state === 'active' && s.progress === 40);
    expect(running).toMatchObject({ name: 'media.probe', attempts: 1, finishedAt: null, result: null });
    expect(running.startedAt).not.toBeNull();

    gate.resolve();
    const done = await waitForJob(queue, id, (s) => s.state === 'completed');
    expect(done).toMatchObject({
      payload: { recordingId: 'rec-1' },
      result: { recordingId: 'rec-1', durationSeconds: 12.5 },
      progress: 100,
      attempts: 1,
      maxAttempts: 4,
      lastError: null,
    });
    expect(done.finishedAt).not.toBeNull();
  });

  it('retries a failing handler with growing delays, then fails it with its message', async () => {
    const queue = newQueue();
    // pg-boss counts retry delays in whole seconds.
    const delaySeconds = dialect === 'sqlite' ? 0.1 : 1;
    const starts: number[] = [];
    queue.register(
      'media.thumbnail',
      (job) => {
        starts.push(Date.now());
        return Promise.reject(new Error(`ffmpeg exited with code 1 (attempt ${job.attempt})`));
      },
      { retryLimit: 2, retryDelaySeconds: delaySeconds, retryBackoff: true },
    );
    await queue.start();
    const id = must(await queue.enqueue('media.thumbnail', { recordingId: 'rec-2' }));

    const failed = await waitForJob(queue, id, (s) => s.state === 'failed');
    expect(failed).toMatchObject({
      attempts: 3,
      maxAttempts: 3,
      lastError: 'ffmpeg exited with code 1 (attempt 3)',
      progress: null,
      result: null,
    });
    expect(failed.finishedAt).not.toBeNull();
    expect(starts).toHaveLength(3);
    // Never earlier than the backoff allows: d after the first failure, 2d after the second.
    const [a, b, c] = starts as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(delaySeconds * 1000 - 20);
    expect(c - b).toBeGreaterThanOrEqual(2 * delaySeconds * 1000 - 20);
    // The process survived the throws and still runs jobs.
    expect((await queue.list({ state: 'failed' })).total).toBe(1);
  });

  it('creates a job in the business transaction: none if it rolls back, run once it commits', async () => {
    const queue = newQueue();
    const write = createWriter(handle.db);
    queue.register('media.proxy', (job) => Promise.resolve({ proxied: job.payload.recordingId }));
    await queue.start();
    const at = new Date().toISOString();
    const unit = (name: string) => ({
      id: randomUUID(),
      name,
      code: null,
      parent_id: null,
      active: 1 as const,
      created_at: at,
      updated_at: at,
    });

    let rolledBack = null as string | null;
    await expect(
      write(async (trx) => {
        await trx.insertInto('units').values(unit('劳动保障监察一队')).execute();
        rolledBack = await queue.enqueue('media.proxy', { recordingId: 'rolled-back' }, { executor: trx });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(rolledBack).not.toBeNull();
    expect(await queue.get(must(rolledBack))).toBeNull();

    const committed = must(
      await write(async (trx) => {
        await trx.insertInto('units').values(unit('劳动保障监察二队')).execute();
        return queue.enqueue('media.proxy', { recordingId: 'committed' }, { executor: trx });
      }),
    );
    const done = await waitForJob(queue, committed, (s) => s.state === 'completed');
    expect(done.result).toEqual({ proxied: 'committed' });
    const all = await queue.list();
    expect(all.total).toBe(1);
    expect(all.items.map((j) => j.id)).toEqual([committed]);
    const units = await handle.db.selectFrom('units').select('name').execute();
    expect(units.map((u) => u.name)).toEqual(['劳动保障监察二队']);
  });

  it('a job enqueued while no queue runs is run by the next process, once', async () => {
    const runs = { first: 0, second: 0, third: 0 };
    const counting = (key: keyof typeof runs) => (job: { payload: { recordingId: string } }) => {
      runs[key]++;
      return Promise.resolve({ ran: job.payload.recordingId });
    };
    const first = newQueue();
    first.register('media.probe', counting('first'));
    const id = must(await first.enqueue('media.probe', { recordingId: 'rec-3' }));
    await first.stop();

    const second = newQueue(anotherProcess());
    second.register('media.probe', counting('second'));
    await second.start();
    await waitForJob(second, id, (s) => s.state === 'completed');
    await second.stop();

    const third = newQueue(anotherProcess());
    third.register('media.probe', counting('third'));
    await third.start();
    await sleep(500); // several polls of the third process
    expect(runs).toEqual({ first: 0, second: 1, third: 0 });
    expect(await third.get(id)).toMatchObject({ state: 'completed', attempts: 1, result: { ran: 'rec-3' } });
  });

  it('takes back a job whose worker died while it was active, after its lease', async () => {
    const options = { retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 1 };
    const queue = newQueue();
    queue.register('media.probe', (job) => Promise.resolve({ ran: job.payload.recordingId }), options);
    const id = must(await queue.enqueue('media.probe', { recordingId: 'rec-4' }));

    // Another process claims the job and dies without a word.
    const dead = createJobStore({ database: anotherProcess() });
    cleanups.push(() => dead.stop());
    const claimed = must(await dead.claim(defineJob('media.probe', () => Promise.resolve(null), options)));
    expect(claimed.id).toBe(id);
    expect(await queue.get(id)).toMatchObject({ state: 'active', attempts: 1 });

    await queue.start();
    const done = await waitForJob(queue, id, (s) => s.state === 'completed');
    expect(done).toMatchObject({ attempts: 2, result: { ran: 'rec-4' } });
    expect(done.lastError).toMatch(/lease|timeout/);

    // The dead worker's late answer changes nothing.
    await dead.complete(claimed, { ran: 'zombie' });
    expect(await queue.get(id)).toMatchObject({ state: 'completed', attempts: 2, result: { ran: 'rec-4' } });
  });

  it('stop() lets a running handler finish, and gives back one that outlives the timeout', async () => {
    const queue = newQueue();
    const started = deferred();
    queue.register('media.probe', async () => {
      started.resolve();
      await sleep(200);
      return { finished: true };
    });
    queue.register(
      'media.transcode',
      (job) =>
        new Promise((_, reject) => job.signal.addEventListener('abort', () => reject(new Error('killed')))),
      { retryLimit: 1, retryDelaySeconds: 3600, retryBackoff: false },
    );
    await queue.start();
    const finishing = must(await queue.enqueue('media.probe', { recordingId: 'rec-5' }));
    const hanging = must(await queue.enqueue('media.transcode', { recordingId: 'rec-6' }));
    await started.promise;
    await waitForJob(queue, hanging, (s) => s.state === 'active');

    await queue.stop({ timeoutSeconds: 1 });
    expect(await queue.get(finishing)).toMatchObject({ state: 'completed', result: { finished: true } });
    expect(await queue.get(hanging)).toMatchObject({
      state: 'retry',
      attempts: 1,
      lastError: 'the queue stopped before the job finished',
    });
  });

  it('lists and gets jobs in every state, filtered and paged; a singleton key allows one waiting job', async () => {
    const queue = newQueue();
    const gate = deferred();
    queue.register('media.probe', (job) => Promise.resolve({ ok: job.payload.recordingId }));
    queue.register('media.thumbnail', () => Promise.reject(new Error('no video stream')), { retryLimit: 0 });
    queue.register('media.proxy', () => Promise.reject(new Error('disk full')), {
      retryLimit: 1,
      retryDelaySeconds: 3600,
      retryBackoff: false,
    });
    queue.register('media.transcode', () => gate.promise.then(() => ({ transcoded: true })), {
      concurrency: 1,
    });
    await queue.start();

    const completed = must(await queue.enqueue('media.probe', { recordingId: 'a' }));
    const failed = must(await queue.enqueue('media.thumbnail', { recordingId: 'b' }));
    const retry = must(await queue.enqueue('media.proxy', { recordingId: 'c' }));
    const active = must(await queue.enqueue('media.transcode', { recordingId: 'd' }));
    await waitForJob(queue, active, (s) => s.state === 'active');
    const waiting = must(
      await queue.enqueue('media.transcode', { recordingId: 'e' }, { singletonKey: 'rec-e' }),
    );
    expect(
      await queue.enqueue('media.transcode', { recordingId: 'e' }, { singletonKey: 'rec-e' }),
    ).toBeNull();
    await waitForJob(queue, completed, (s) => s.state === 'completed');
    await waitForJob(queue, failed, (s) => s.state === 'failed');
    const retrying = await waitForJob(queue, retry, (s) => s.state === 'retry');

    expect(retrying).toMatchObject({ attempts: 1, maxAttempts: 2, lastError: 'disk full', finishedAt: null });
    expect(Date.parse(retrying.runAfter) - Date.parse(must(retrying.startedAt))).toBeGreaterThanOrEqual(
      3_599_000,
    );
    expect(await queue.get(waiting)).toMatchObject({
      state: 'created',
      attempts: 0,
      startedAt: null,
      progress: null,
      singletonKey: 'rec-e',
    });
    expect(await queue.get(failed)).toMatchObject({
      attempts: 1,
      lastError: 'no video stream',
      singletonKey: null,
    });

    const ids = async (query: Parameters<typeof queue.list>[0]) =>
      (await queue.list(query)).items.map((j) => j.id);
    expect(await ids({ state: 'completed' })).toEqual([completed]);
    expect(await ids({ state: 'failed' })).toEqual([failed]);
    expect(await ids({ state: 'retry' })).toEqual([retry]);
    expect(await ids({ state: 'active' })).toEqual([active]);
    expect(await ids({ state: 'created' })).toEqual([waiting]);
    expect(await ids({ name: 'media.transcode' })).toEqual([waiting, active]);

    const all = await queue.list();
    expect(all.total).toBe(5);
    const pages = [
      await queue.list({ limit: 2 }),
      await queue.list({ limit: 2, offset: 2 }),
      await queue.list({ limit: 2, offset: 4 }),
    ];
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.items.map((j) => j.id))).toEqual(all.items.map((j) => j.id));
    expect(new Set(all.items.map((j) => j.id))).toEqual(new Set([completed, failed, retry, active, waiting]));

    expect(await queue.get(randomUUID())).toBeNull();
    expect(await queue.get('not-a-job')).toBeNull();

    gate.resolve();
    await waitForJob(queue, waiting, (s) => s.state === 'completed');
    expect(await queue.get(active)).toMatchObject({ state: 'completed', result: { transcoded: true } });
  });
});
