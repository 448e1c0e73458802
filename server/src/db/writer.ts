import type { Db, Trx } from './database';
import {
  bindWriteContext,
  commitWriteContext,
  flushWriteContext,
  newWriteContext,
  restoreWriteContext,
  saveWriteContext,
} from './write-context';

export type Write = <T>(fn: (trx: Trx) => Promise<T>) => Promise<T>;

interface Pending {
  fn: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit. Every write runs in a durable transaction and is acknowledged only after its
 * commit; writes that arrive while one commits wait and then share the next commit, each inside
 * its own savepoint, so a refusal rolls back that write alone. One flush per batch instead of one
 * per write is where throughput beyond the disk's commit rate comes from — never from weaker
 * durability (DESIGN.md §5). Writes of one instance run one after another, in arrival order.
 */
export function createWriter(db: Db, maxBatch = 64): Write {
  const queue: Pending[] = [];
  let flushing = false;

  async function runAlone(item: Pending): Promise<void> {
    try {
      const context = newWriteContext();
      const value = await db.transaction().execute(async (trx) => {
        bindWriteContext(trx, context);
        const value = await item.fn(trx);
        await flushWriteContext(trx, context);
        return value;
      });
      commitWriteContext(context);
      item.resolve(value);
    } catch (error) {
      item.reject(error);
    }
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    const outcomes: Outcome[] = [];
    const context = newWriteContext();
    const trx = await db.startTransaction().execute();
    try {
      for (const [i, item] of batch.entries()) {
        const name = `w${i}`;
        const sp = await trx.savepoint(name).execute();
        bindWriteContext(sp, context);
        const saved = saveWriteContext(context);
        // A savepoint that succeeded is left open: COMMIT keeps its work, and not releasing it
        // saves a round trip per write. Only a refused write rolls back to its own.
        try {
          outcomes.push({ ok: true, value: await item.fn(sp) });
        } catch (error) {
          outcomes.push({ ok: false, error });
          await sp.rollbackToSavepoint(name).execute();
          restoreWriteContext(context, saved);
        }
      }
      await flushWriteContext(trx, context);
      await trx.commit().execute();
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const item of batch) {
        item.reject(error);
      }
      return;
    }
    commitWriteContext(context);
    batch.forEach((item, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) {
        item.resolve(outcome.value);
      } else {
        item.reject(outcome.error);
      }
    });
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        await (batch.length === 1 ? runAlone(batch[0] as Pending) : runBatch(batch));
      }
    } finally {
      flushing = false;
    }
  }

  return <T>(fn: (trx: Trx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!flushing) {
        void flush();
      }
    });
}
