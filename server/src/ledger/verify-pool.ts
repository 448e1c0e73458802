import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../config';
import type { Executor } from '../db/database';
import type { LedgerSubjects } from './subjects';
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

/** How many worker threads a full verify uses: one per core, at most four. */
export const defaultWorkerCount = (): number => Math.min(availableParallelism(), 4);

/**
 * Worker threads, each with its own database connection (WAL readers on SQLite, a pool of its own
 * on PostgreSQL) and the application's ledger subjects. The bootstrap registers the TypeScript
 * loader when the process was not started with one.
 */
export function workerRunner(setup: WorkerSetup, count: number): TaskRunner {
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL('./verify-worker.mjs', import.meta.url), { workerData: setup }),
  );
  const idle = [...workers];
  const waiting: (() => void)[] = [];
  let nextId = 0;

  async function take(): Promise<Worker> {
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
 * as it arrives. Tasks go to the first runner that accepts them (`accepts`), else to the last.
 */
export async function runTasks(
  tasks: readonly VerifyTask[],
  runners: readonly { runner: TaskRunner; accepts: (task: VerifyTask) => boolean }[],
  onProgress: (task: VerifyTask, done: number, total: number) => void,
  onResult: (result: VerifyTaskResult) => void,
): Promise<void> {
  const queues = runners.map(() => [] as VerifyTask[]);
  for (const task of tasks) {
    const i = runners.findIndex((r) => r.accepts(task));
    (queues[i < 0 ? runners.length - 1 : i] as VerifyTask[]).push(task);
  }
  await Promise.all(
    runners.flatMap(({ runner }, i) =>
      Array.from({ length: runner.slots }, async () => {
        const queue = queues[i] as VerifyTask[];
        for (let task = queue.shift(); task; task = queue.shift()) {
          const current = task;
          onResult(await runner.run(current, (done, total) => onProgress(current, done, total)));
        }
      }),
    ),
  );
}
