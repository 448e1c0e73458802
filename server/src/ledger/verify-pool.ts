import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../config';
import type { Executor } from '../db/database';
import type { LedgerSubjects } from './subjects';
import { workerEntry } from './verify-worker-entry';
import { runVerifyTask, type VerifyTask, type VerifyTaskResult } from './verify-tasks';

export type TaskProgress = (done: number, total: number) => void;

/** Runs verify tasks somewhere: here, or in worker threads. */
export interface TaskRunner {
  /** How many tasks it runs at once. */
  readonly slots: number;
  run(task: VerifyTask, onProgress: TaskProgress): Promise<VerifyTaskResult>;
  close(): Promise<void>;
}

export function inlineRunner(db: Executor, subjects: LedgerSubjects): TaskRunner {
  return {
    slots: 1,
    run: (task, onProgress) => runVerifyTask(db, subjects, task, onProgress),
    close: () => Promise.resolve(),
  };
}

/** What a worker sends back: progress of its task, its result, or why it failed. */
export type WorkerReply =
  | { id: number; progress: [number, number] }
  | { id: number; result: VerifyTaskResult }
  | { id: number; error: string };

export interface WorkerSetup {
  database: DatabaseConfig;
}

const YOUNG_GENERATION_MB = 192;

/**
 * How many worker threads a full verify uses: one per core beside this thread (which takes tasks
 * too), at least one, at most four.
 */
export const defaultWorkerCount = (): number => Math.max(1, Math.min(availableParallelism() - 1, 4));

/**
 * Worker threads, each with its own database connection (WAL readers on SQLite, a pool of its own
 * on PostgreSQL) and the application's ledger subjects, running the bundled worker (see
 * verify-worker-entry.ts). They start once it is built; tasks wait for them meanwhile.
 */
export function workerRunner(setup: WorkerSetup, count: number): TaskRunner {
  const started = workerEntry().then((entry) =>
    Array.from(
      { length: count },
      () =>
        new Worker(entry, {
          workerData: setup,
          // A chunk's strings live a few milliseconds; a young generation large enough to hold
          // them lets them die there instead of being promoted and marked (≈ 15 % of verify's time).
          resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        }),
    ),
  );
  const idle: Worker[] = [];
  const waiting: (() => void)[] = [];
  let nextId = 0;
  void started.then(
    (workers) => workers.forEach(give),
    () => undefined,
  );

  async function take(): Promise<Worker> {
    await started;
    while (idle.length === 0) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    return idle.pop() as Worker;
  }

  function give(worker: Worker): void {
    idle.push(worker);
    waiting.shift()?.();
  }

  return {
    slots: count,
    async run(task, onProgress) {
      const worker = await take();
      const id = nextId++;
      try {
        return await new Promise<VerifyTaskResult>((resolve, reject) => {
          const onMessage = (reply: WorkerReply) => {
            if (reply.id !== id) {
              return;
            }
            if ('progress' in reply) {
              onProgress(...reply.progress);
              return;
            }
            worker.off('message', onMessage);
            worker.off('error', reject);
            if ('result' in reply) {
              resolve(reply.result);
            } else {
              reject(new Error(reply.error));
            }
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
          worker.postMessage({ id, task });
        });
      } finally {
        give(worker);
      }
    },
    /** Lets each worker close its database connection, then ends it. */
    async close() {
      const workers = await started.catch(() => []);
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => void w.terminate(), 10_000);
              w.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              w.postMessage('close');
            }),
        ),
      );
    },
  };
}

/**
 * Runs every task, as many at once as the runners have slots, handing each result to `onResult`
 * as it arrives. The tasks form one queue, taken in order: each free slot takes the first task its
 * runner accepts. So this thread starts on the first tasks while the worker threads are still
 * loading, and a long task does not hold back the others. Tasks still being worked out (`more`)
 * join the front of the queue when they come; a slot with nothing to take waits for them.
 */
export async function runTasks(
  tasks: readonly VerifyTask[],
  runners: readonly { runner: TaskRunner; accepts: (task: VerifyTask) => boolean }[],
  onProgress: (task: VerifyTask, done: number, total: number) => void,
  onResult: (result: VerifyTaskResult, task: VerifyTask) => void,
  more: Promise<readonly VerifyTask[]> = Promise.resolve([]),
): Promise<void> {
  const queue = [...tasks];
  const orphansOf = (list: readonly VerifyTask[]) =>
    list.filter((task) => !runners.some((r) => r.accepts(task)));
  if (orphansOf(queue).length > 0) {
    throw new Error(`no runner for ${orphansOf(queue).length} verify task(s)`);
  }
  let pending = true;
  const arrived = more.then((late) => {
    pending = false;
    if (orphansOf(late).length > 0) {
      throw new Error(`no runner for ${orphansOf(late).length} verify task(s)`);
    }
    queue.unshift(...late);
  });
  await Promise.all([
    arrived,
    ...runners.flatMap(({ runner, accepts }) =>
      Array.from({ length: runner.slots }, async () => {
        for (;;) {
          const i = queue.findIndex(accepts);
          if (i < 0) {
            if (!pending) {
              return;
            }
            await arrived;
            continue;
          }
          const [task] = queue.splice(i, 1) as [VerifyTask];
          onResult(await runner.run(task, (done, total) => onProgress(task, done, total)), task);
        }
      }),
    ),
  ]);
}
