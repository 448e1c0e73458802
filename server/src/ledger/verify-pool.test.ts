import { describe, expect, it } from 'vitest';
import { runTasks, type TaskRunner } from './verify-pool';
import type { ChunkTask, RowsTask, VerifyTask } from './verify-tasks';

const chunk = (start: number): ChunkTask => ({
  kind: 'chunk',
  level: 0,
  start,
  end: start + 1,
  headSizes: [],
  slice: 1,
});
const rows = (type: string): RowsTask => ({
  kind: 'rows',
  type,
  treeSize: 1,
  after: null,
  until: null,
  pageSize: 1,
});
const label = (task: VerifyTask) => (task.kind === 'chunk' ? `chunk ${task.start}` : `rows ${task.type}`);

/** A runner with one slot that records what it ran, each task taking one turn of the event loop. */
function recording(ran: string[]): TaskRunner {
  return {
    slots: 1,
    async run(task) {
      ran.push(label(task));
      await new Promise((resolve) => setImmediate(resolve));
      return task.kind === 'chunk'
        ? { kind: 'chunk', start: task.start, findings: [], range: [], heads: [] }
        : { kind: 'rows', type: task.type, checked: 0, findings: [] };
    },
    close: () => Promise.resolve(),
  };
}

describe('the verify task queue', () => {
  it('tasks worked out later join the front of the queue, and every task runs once', async () => {
    const ran: string[] = [];
    let deliver: (tasks: VerifyTask[]) => void = () => undefined;
    const more = new Promise<VerifyTask[]>((resolve) => {
      deliver = resolve;
    });
    const results: string[] = [];
    const done = runTasks(
      [chunk(0), chunk(1), chunk(2), chunk(3)],
      [{ runner: recording(ran), accepts: () => true }],
      () => undefined,
      (_, task) => results.push(label(task)),
      more,
    );
    // The first chunk starts at once; the rows arrive while it runs and go next.
    deliver([rows('unit'), rows('case')]);
    await done;
    expect(ran).toEqual(['chunk 0', 'rows unit', 'rows case', 'chunk 1', 'chunk 2', 'chunk 3']);
    expect(results.sort()).toEqual([...ran].sort());
  });

  it('a slot with nothing to take waits for the late tasks instead of ending', async () => {
    const ran: string[] = [];
    await runTasks(
      [],
      [{ runner: recording(ran), accepts: () => true }],
      () => undefined,
      () => undefined,
      new Promise((resolve) => setTimeout(() => resolve([rows('unit')]), 20)),
    );
    expect(ran).toEqual(['rows unit']);
  });

  it('late tasks no runner accepts, or a failure to work them out, fail the run', async () => {
    const runner = recording([]);
    await expect(
      runTasks(
        [chunk(0)],
        [{ runner, accepts: (t) => t.kind === 'chunk' }],
        () => undefined,
        () => undefined,
        Promise.resolve([rows('unit')]),
      ),
    ).rejects.toThrow('no runner for 1 verify task(s)');
    await expect(
      runTasks(
        [chunk(0)],
        [{ runner, accepts: () => true }],
        () => undefined,
        () => undefined,
        Promise.reject(new Error('index unreadable')),
      ),
    ).rejects.toThrow('index unreadable');
  });
});
