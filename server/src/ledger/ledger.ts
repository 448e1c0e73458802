import { hash } from 'node:crypto';
import type { DatabaseHandle, Trx } from '../db/database';
import type { Write } from '../db/writer';
import { newWriteContext, writeContextOf, type WriteContext } from '../db/write-context';
import { createAppendStore, type AppendStore } from './append-store';
import { canonicalJson } from './canonical';
import type { StoredNode } from './ledger.repository';
import { completedByAppend, leafHash, nodeHash, nodeKey } from './tree';

/** What happened, to what, by whom. One event per state change or recorded access. */
export interface LedgerEvent {
  /** The person who acted; null for the system itself (first start, scheduled jobs). */
  actorId: string | null;
  /** `<subject>.<verb>`, e.g. `user.created`, `session.started`, `recording.viewed`. */
  action: string;
  subject: { type: string; id: string };
  /** The business row exactly as written; its canonical SHA-256 goes into the event. */
  row?: object;
  /** SHA-256 (hex) of the blob the event concerns (an evidence file viewed, a document issued). */
  blobSha256?: string;
  /** The approval under which an access happened, when one was needed. */
  approvalId?: string;
  /** Anything else worth proving (e.g. the fields changed), never secrets. */
  detail?: object;
}

export interface AppendedEntry {
  seq: number;
  at: string;
  leafHash: Uint8Array;
}

export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

export { canonicalJson } from './canonical';

/** The canonical hash of a business row as the ledger records it. */
export function rowHash(row: object): string {
  return sha256Hex(canonicalJson(row));
}

export interface Ledger {
  /**
   * Appends one event inside the caller's transaction, so the change and its record commit or
   * roll back together: the entry, its leaf hash and every subtree hash it completes (through
   * the writer, the batch's subtree hashes are inserted together just before its commit; on
   * PostgreSQL its entries too, or earlier when a statement names the table, so the write's own
   * queries still see them — db/deferred-inserts.ts). Sequence numbers are gapless from
   * 1 (leaf index = seq − 1): on PostgreSQL a transaction-scoped advisory lock orders concurrent
   * appenders across instances; on SQLite the single writer does.
   */
  append(trx: Trx, event: LedgerEvent): Promise<AppendedEntry>;
  /** Records a read (a view or download) in its own write. Listing is not recorded. */
  recordAccess(write: Write, event: LedgerEvent): Promise<AppendedEntry>;
}

export function createLedger(
  database: Pick<DatabaseHandle, 'dialect' | 'sqlite'>,
  now: () => Date = () => new Date(),
  store: AppendStore = createAppendStore(database),
): Ledger {
  const { dialect } = database;
  /**
   * The tree's right edge as this instance's last committed batch left it: its size, and the
   * left children still waiting for a right sibling (as `WriteContext.lefts`), kept only once
   * the batch's commit has succeeded (`WriteContext.committed`). The next batch starts from them
   * when the ledger still has that size — no one appended since, and entries are never removed —
   * instead of reading them back (a query per batch); otherwise it reads what it needs.
   */
  let edge: { size: number; lefts: ReadonlyMap<string, Uint8Array> } | null = null;
  const keepEdge = (context: WriteContext) => {
    if (context.nextSeq !== null) {
      edge = { size: context.nextSeq - 1, lefts: context.lefts };
    }
  };
  const ledger: Ledger = {
    async append(trx, event) {
      const batch = writeContextOf(trx);
      const context = batch ?? newWriteContext();
      // The batch's first append takes the lock (PostgreSQL) and reads the last sequence number;
      // later ones carry it on.
      const carried = context.nextSeq !== null && (dialect === 'sqlite' || context.lockHeld);
      const seq = carried ? (context.nextSeq as number) : (await store.lockAndSize(trx)) + 1;
      if (!carried && batch && edge?.size === seq - 1) {
        context.lefts = new Map(edge.lefts);
      }
      context.lockHeld = dialect === 'postgresql';
      const at = now().toISOString();
      const body = {
        seq,
        at,
        actor: event.actorId,
        action: event.action,
        subject: event.subject,
        rowHash: event.row === undefined ? null : rowHash(event.row),
        ...(event.blobSha256 === undefined ? {} : { blobSha256: event.blobSha256 }),
        ...(event.approvalId === undefined ? {} : { approvalId: event.approvalId }),
        ...(event.detail === undefined ? {} : { detail: event.detail }),
      };
      const text = canonicalJson(body);
      const entry = {
        seq,
        at,
        actor_id: event.actorId,
        action: event.action,
        subject_type: event.subject.type,
        subject_id: event.subject.id,
        row_hash: body.rowHash,
        blob_sha256: event.blobSha256 ?? null,
        event: text,
      };
      const leaf = leafHash(text);
      const nodes = await completedNodes(store, trx, context, seq - 1, leaf);
      if (batch) {
        // Through the writer: the batch's nodes are inserted together, just before its commit
        // (and on PostgreSQL its entries, by the connection's write-behind).
        await store.insert(trx, entry, []);
        batch.insertNodes ??= (t, n) => store.insertNodes(t, n);
        batch.committed = keepEdge;
        batch.pendingNodes.push(...nodes);
      } else {
        await store.insert(trx, entry, nodes);
      }
      context.nextSeq = seq + 1;
      return { seq, at, leafHash: leaf };
    },

    recordAccess(write, event) {
      return write((trx) => ledger.append(trx, event));
    },
  };
  return ledger;
}

/**
 * The leaf node and the subtree nodes its append completes, hashed from their left siblings —
 * carried in the write context when an earlier append of the same batch made them, else read.
 * New left children are remembered for the appends that will complete their parents.
 */
async function completedNodes(
  store: AppendStore,
  trx: Trx,
  context: WriteContext,
  leafIndex: number,
  leaf: Uint8Array,
): Promise<StoredNode[]> {
  const nodes: StoredNode[] = [{ level: 0, idx: leafIndex, hash: leaf }];
  const completed = completedByAppend(leafIndex);
  const missing = completed.map((c) => c.left).filter((k) => !context.lefts.has(nodeKey(k)));
  const read = missing.length > 0 ? await store.nodes(trx, missing) : new Map<string, Uint8Array>();
  let below = leaf;
  for (const { node, left } of completed) {
    const key = nodeKey(left);
    const leftHash = context.lefts.get(key) ?? read.get(key);
    if (!leftHash) {
      throw new Error(`ledger node ${key} is missing; run verify`);
    }
    context.lefts.delete(key);
    below = nodeHash(leftHash, below);
    nodes.push({ ...node, hash: below });
  }
  const top = nodes.at(-1) as StoredNode;
  if (top.idx % 2 === 0) {
    context.lefts.set(nodeKey(top), top.hash);
  }
  return nodes;
}
