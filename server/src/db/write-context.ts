import type { Trx } from './database';

/**
 * What a group-committed batch knows while it holds the ledger's write lock: nobody else can
 * append until it commits, so the next sequence number and the left siblings that later appends
 * will need can be carried from one append to the next instead of read back, and the tree nodes
 * the batch's appends complete can be written once, just before the commit, instead of one
 * statement per append. The writer saves and restores it around each write's savepoint, so a
 * refused write forgets what it appended.
 */
export interface WriteContext {
  /** PostgreSQL: the transaction holds the ledger's advisory lock. */
  lockHeld: boolean;
  /** The next sequence number, once one append of this batch has read it. */
  nextSeq: number | null;
  /** Stored nodes that are left children, by `level:idx`, waiting for their right sibling. */
  lefts: Map<string, Uint8Array>;
  /**
   * Tree nodes completed by this batch's appends, not yet written: the writer has them inserted
   * (by `insertNodes`) in the same transaction just before it commits. Only appends read tree
   * nodes inside a write, and they find these in `lefts`.
   */
  pendingNodes: { level: number; idx: number; hash: Uint8Array }[];
  insertNodes: ((trx: Trx, nodes: WriteContext['pendingNodes']) => Promise<void> | void) | null;
  /** Told once the batch has committed (the ledger keeps the tree's right edge for the next one). */
  committed: ((context: WriteContext) => void) | null;
}

const contexts = new WeakMap<object, WriteContext>();

export function newWriteContext(): WriteContext {
  return {
    lockHeld: false,
    nextSeq: null,
    lefts: new Map(),
    pendingNodes: [],
    insertNodes: null,
    committed: null,
  };
}

export function bindWriteContext(trx: object, context: WriteContext): void {
  contexts.set(trx, context);
}

export function writeContextOf(trx: object): WriteContext | undefined {
  return contexts.get(trx);
}

export interface SavedWriteContext {
  lockHeld: boolean;
  nextSeq: number | null;
  lefts: Map<string, Uint8Array>;
  pendingNodes: number;
}

export function saveWriteContext(context: WriteContext): SavedWriteContext {
  return {
    lockHeld: context.lockHeld,
    nextSeq: context.nextSeq,
    lefts: new Map(context.lefts),
    pendingNodes: context.pendingNodes.length,
  };
}

export function restoreWriteContext(context: WriteContext, saved: SavedWriteContext): void {
  context.lockHeld = saved.lockHeld;
  context.nextSeq = saved.nextSeq;
  context.lefts = saved.lefts;
  context.pendingNodes.length = saved.pendingNodes;
}

/** Writes the batch's pending tree nodes in `trx`, just before its commit. */
export async function flushWriteContext(trx: Trx, context: WriteContext): Promise<void> {
  if (context.insertNodes && context.pendingNodes.length > 0) {
    await context.insertNodes(trx, context.pendingNodes.splice(0));
  }
}

/** After the batch's commit has succeeded: whoever asked is told (once). */
export function commitWriteContext(context: WriteContext): void {
  const committed = context.committed;
  context.committed = null;
  committed?.(context);
}
