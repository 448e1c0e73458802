/**
 * What a group-committed batch knows while it holds the ledger's write lock: nobody else can
 * append until it commits, so the next sequence number and the left siblings that later appends
 * will need can be carried from one append to the next instead of read back. The writer saves
 * and restores it around each write's savepoint, so a refused write forgets what it appended.
 */
export interface WriteContext {
  /** PostgreSQL: the transaction holds the ledger's advisory lock. */
  lockHeld: boolean;
  /** The next sequence number, once one append of this batch has read it. */
  nextSeq: number | null;
  /** Stored nodes that are left children, by `level:idx`, waiting for their right sibling. */
  lefts: Map<string, Uint8Array>;
}

const contexts = new WeakMap<object, WriteContext>();

export function newWriteContext(): WriteContext {
  return { lockHeld: false, nextSeq: null, lefts: new Map() };
}

export function bindWriteContext(trx: object, context: WriteContext): void {
  contexts.set(trx, context);
}

export function writeContextOf(trx: object): WriteContext | undefined {
  return contexts.get(trx);
}

export function saveWriteContext(context: WriteContext): WriteContext {
  return { ...context, lefts: new Map(context.lefts) };
}

export function restoreWriteContext(context: WriteContext, saved: WriteContext): void {
  context.lockHeld = saved.lockHeld;
  context.nextSeq = saved.nextSeq;
  context.lefts = saved.lefts;
}
