import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database';
import { ledgerSubjects } from '../ledger-subjects';
import type { WorkerReply, WorkerSetup } from './verify-pool';
import { runVerifyTask, type VerifyTask } from './verify-tasks';

/** One `verify` worker: runs the tasks it is sent on its own connection, one at a time. */
const setup = workerData as WorkerSetup;
const database = openDatabase(setup.database);
const port = parentPort;
if (!port) {
  throw new Error('verify-worker runs in a worker thread');
}

port.on('message', (message: { id: number; task: VerifyTask } | 'close') => {
  if (message === 'close') {
    void database.close().finally(() => port.close());
    return;
  }
  const { id, task } = message;
  const reply = (message: WorkerReply) => port.postMessage(message);
  runVerifyTask(database.db, ledgerSubjects, task, (done, total) =>
    reply({ id, progress: [done, total] }),
  ).then(
    (result) => reply({ id, result }),
    (error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
