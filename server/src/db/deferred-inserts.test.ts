import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { deferInsertsOn, deferredInsertOnPostgres } from './deferred-inserts';

const insertUnit = deferredInsertOnPostgres('units', ['id']);

/**
 * The order in which the write-behind sends and answers, against a connection whose answers the
 * test gives by hand (test/deferred-inserts.test.ts runs the same write-behind on PostgreSQL).
 */
function connection() {
  const sent: { text: string; answer: (error?: Error) => void }[] = [];
  const send = (text: string) =>
    new Promise<pg.QueryResult>((resolve, reject) => {
      sent.push({
        text,
        answer: (error) =>
          error ? reject(error) : resolve({ command: text.split(' ')[0]?.toUpperCase() } as pg.QueryResult),
      });
    });
  return { sent, run: deferInsertsOn(send), texts: () => sent.map((s) => s.text) };
}

/** Whether a promise has settled by the time queued callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('savepoints in the write-behind', () => {
  it('a savepoint inside a transaction is not waited for: the statement after it goes out at once, and answers for both', async () => {
    const { sent, run, texts } = connection();
    const begun = run('begin');
    sent[0]?.answer();
    await begun;
    await expect(run('savepoint "w0"')).resolves.toMatchObject({ command: 'SAVEPOINT' });
    const update = run('update "units" set "name" = $1', ['u1']);
    expect(texts()).toEqual(['begin', 'savepoint "w0"', 'update "units" set "name" = $1']);
    // The update's answer alone is not enough: the savepoint's is still to come.
    sent[2]?.answer();
    expect(await settled(update)).toBe(false);
    sent[1]?.answer();
    await expect(update).resolves.toMatchObject({ command: 'UPDATE' });
  });

  it('a savepoint that fails fails the next statement with its error, and one after another is answered in turn', async () => {
    const { sent, run, texts } = connection();
    const begun = run('begin');
    sent[0]?.answer();
    await begun;
    await run('savepoint "w0"');
    await run('savepoint "w1"');
    const next = run('select 1');
    expect(texts()).toEqual(['begin', 'savepoint "w0"', 'savepoint "w1"', 'select 1']);
    sent[3]?.answer(new Error('current transaction is aborted'));
    sent[2]?.answer(new Error('current transaction is aborted'));
    expect(await settled(next)).toBe(false);
    sent[1]?.answer(new Error('savepoint w0 failed'));
    await expect(next).rejects.toThrow('savepoint w0 failed');
    // Nothing is left waiting: the next statement is answered by its own answer alone.
    const rollback = run('rollback');
    sent[4]?.answer();
    await expect(rollback).resolves.toMatchObject({ command: 'ROLLBACK' });
  });

  it('BEGIN and the inserts of a flush are not waited for either; COMMIT fails with a flush’s error', async () => {
    const { sent, run, texts } = connection();
    await expect(run('begin')).resolves.toMatchObject({ command: 'BEGIN' });
    await run(insertUnit, ['u1']);
    await run(insertUnit, ['u1']);
    const commit = run('commit');
    expect(texts()).toEqual(['begin', 'insert into "units" ("id") values ($1), ($2)', 'commit']);
    sent[0]?.answer();
    sent[2]?.answer();
    expect(await settled(commit)).toBe(false);
    // The database refuses the rows, and the COMMIT that follows ends the transaction unmade.
    sent[1]?.answer(new Error('duplicate key value violates unique constraint'));
    await expect(commit).rejects.toThrow('duplicate key');
  });

  it('ROLLBACK answers only for itself: it undoes what went ahead, failed or not', async () => {
    const { sent, run } = connection();
    await run('begin');
    await run('savepoint "w0"');
    const rollback = run('rollback');
    sent[1]?.answer(new Error('current transaction is aborted'));
    sent[2]?.answer();
    await expect(rollback).resolves.toMatchObject({ command: 'ROLLBACK' });
  });

  for (const [what, text, refusal] of [
    [
      'a script that begins a transaction and runs more (pg-boss’s schema)',
      'BEGIN; create table "jobs" ("id" text); COMMIT;',
      'relation "jobs" already exists',
    ],
    [
      'outside a transaction a savepoint',
      'savepoint "w0"',
      'SAVEPOINT can only be used in transaction blocks',
    ],
  ] as const) {
    it(`${what} is sent and waited for like any statement`, async () => {
      const { sent, run } = connection();
      const statement = run(text);
      expect(await settled(statement)).toBe(false);
      sent[0]?.answer(new Error(refusal));
      await expect(statement).rejects.toThrow(refusal);
    });
  }
});
