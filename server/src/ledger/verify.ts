import type { DatabaseConfig } from '../config';
import type { Executor } from '../db/database';
import type { LedgerHeadTable } from '../db/types';
import type { BlobStore } from '../storage/blob-store';
import { ledgerRepository, type StoredNode } from './ledger.repository';
import { ledgerProofs } from './proofs';
import type { LedgerSubjects } from './subjects';
import { finding, type Finding } from './verify-checks';
import { defaultWorkerCount, inlineRunner, runTasks, workerRunner, type TaskRunner } from './verify-pool';
import { bytesToHex, consistencyHolds, headIsSigned, hexToBytes } from './verify-primitives';
import {
  CHUNK_LEVEL,
  ENTRY_SLICE,
  ROWS_PAGE,
  compareNode,
  type ChunkResult,
  type RowsResult,
  type RowsTask,
  type VerifyTask,
} from './verify-tasks';
import { nodeHash, nodeKey } from './tree';

export type { Finding } from './verify-checks';

export interface VerifyReport {
  treeSize: number;
  headsChecked: number;
  rowsChecked: number;
  blobsChecked: number;
  findings: Finding[];
}

export interface VerifyDeps {
  db: Executor;
  storage: BlobStore;
  subjects: LedgerSubjects;
  publicKeyPem: string;
  /** Lets worker threads open their own connections; without it everything runs here. */
  database?: DatabaseConfig;
  /** The subjects worker threads know (the application's list); others are checked here. */
  workerSubjects?: LedgerSubjects;
}

export interface VerifyOptions {
  /** Check only this many blobs, chosen at random; all when undefined. */
  blobSample?: number;
  onProgress?: (stage: 'leaves' | 'heads' | 'rows' | 'blobs', done: number, total: number) => void;
  /**
   * Worker threads for the tree and the rows (0: all on this thread). By default one per core
   * when the ledger is large enough for threads to pay for their start.
   */
  workers?: number;
  /** Leaves per tree chunk, as a power of two; only tests change it, to cover many chunks cheaply. */
  chunkLevel?: number;
  /** Subjects per rows task (about); only tests change it, to cut a few rows into many ranges. */
  rowsPerTask?: number;
  /** Rows read at a time, and entries read at a time: only tests change them, to cross pages and slices. */
  rowsPerPage?: number;
  entriesPerSlice?: number;
}

/** Below this many leaves a full verify runs on one thread: starting workers would cost more. */
const WORKER_THRESHOLD = 4 * 2 ** CHUNK_LEVEL;

/** The root of the tree whose perfect subtrees (left to right) are given. */
function foldRoot(range: readonly StoredNode[]): Uint8Array {
  let root = range.at(-1)?.hash ?? new Uint8Array();
  for (let i = range.length - 2; i >= 0; i--) {
    root = nodeHash((range[i] as StoredNode).hash, root);
  }
  return root;
}

/**
 * Folds chunk results, in tree order, into the levels above the chunks and the root at every
 * signed head's size. Results may arrive in any order; each is folded once all before it are.
 */
function treeFold(heads: readonly LedgerHeadTable[], chunk: number) {
  const headsBySize = new Map(heads.map((h) => [h.tree_size, h]));
  const pending = new Map<number, ChunkResult>();
  const stack: StoredNode[] = [];
  const above: StoredNode[] = [];
  const findings: Finding[] = [];
  let next = 0;
  return {
    findings,
    above,
    add(result: ChunkResult) {
      pending.set(result.start, result);
      for (let r = pending.get(next); r; r = pending.get(next)) {
        pending.delete(next);
        findings.push(...r.findings);
        for (const { size, range } of r.heads) {
          const head = headsBySize.get(size) as LedgerHeadTable;
          if (bytesToHex(foldRoot([...stack, ...range])) !== head.root_hash) {
            findings.push(finding('head_root_differs', null, { size }));
          }
        }
        for (const node of r.range) {
          stack.push(node);
          while (stack.length >= 2 && stack.at(-1)?.level === stack.at(-2)?.level) {
            const right = stack.pop() as StoredNode;
            const left = stack.pop() as StoredNode;
            const parent = {
              level: left.level + 1,
              idx: left.idx / 2,
              hash: nodeHash(left.hash, right.hash),
            };
            stack.push(parent);
            above.push(parent);
          }
        }
        next += chunk;
      }
    },
  };
}

function chunkTasks(
  treeSize: number,
  heads: readonly LedgerHeadTable[],
  level: number,
  slice: number,
): VerifyTask[] {
  const tasks: VerifyTask[] = [];
  const chunk = 2 ** level;
  for (let start = 0; start < treeSize; start += chunk) {
    const end = Math.min(start + chunk, treeSize);
    const headSizes = heads.map((h) => h.tree_size).filter((size) => size > start && size <= end);
    tasks.push({ kind: 'chunk', level, start, end, headSizes, slice });
  }
  return tasks;
}

/** Subjects per rows task: a large type is cut into ranges, so that its rows are shared out too. */
const ROWS_PER_TASK = 2 ** 16;

/**
 * One task per range of each subject type's ids, cut by the subject index, and how many entries
 * with a subject there are (an estimate of the rows, for progress: a subject written twice has
 * two entries and one row).
 */
async function rowsTasks(
  deps: VerifyDeps,
  treeSize: number,
  perTask: number,
  pageSize: number,
): Promise<{ tasks: RowsTask[]; estimate: number }> {
  const tasks: RowsTask[] = [];
  let estimate = 0;
  for (const type of deps.subjects.keys()) {
    const { bounds, entries } = await ledgerRepository.subjectBoundaries(deps.db, type, treeSize, perTask);
    [null, ...bounds].forEach((after, i) => {
      tasks.push({ kind: 'rows', type, treeSize, after, until: bounds[i] ?? null, pageSize });
    });
    estimate += entries;
  }
  return { tasks, estimate };
}

/**
 * Recomputes the whole tree from the stored events and checks every current row, chunk by chunk
 * and subject type by subject type, in worker threads when the ledger is large: every event
 * against its columns, every leaf and subtree hash against the stored one, the root at every
 * signed head's size against the head, every row against the latest entry that wrote it.
 */
async function verifyTreeAndRows(deps: VerifyDeps, heads: LedgerHeadTable[], opts: VerifyOptions) {
  const treeSize = await ledgerRepository.size(deps.db);
  const level = opts.chunkLevel ?? CHUNK_LEVEL;
  const chunk = 2 ** level;
  const fold = treeFold(heads, chunk);
  const workers = opts.workers ?? (treeSize >= WORKER_THRESHOLD ? defaultWorkerCount() : 0);
  const here = inlineRunner(deps.db, deps.subjects);
  // Started first: the threads load their code while this one cuts the work into tasks.
  const threads: TaskRunner | null =
    workers > 0 && deps.database ? workerRunner({ database: deps.database }, workers) : null;
  // Rows of a subject the worker threads do not know (one registered by a test) are checked here.
  const inWorker = (task: VerifyTask) =>
    task.kind === 'chunk' || deps.workerSubjects?.get(task.type) === deps.subjects.get(task.type);
  const rows = new Map<RowsTask, RowsResult>();
  const rowsDone = new Map<VerifyTask, number>();
  let rowsSum = 0;
  let rowTasks: RowsTask[] = [];
  let estimate = 0;
  let leavesDone = 0;
  try {
    // The subject index is walked to cut the rows into tasks while the tree's chunks begin.
    const cut = rowsTasks(
      deps,
      treeSize,
      opts.rowsPerTask ?? ROWS_PER_TASK,
      opts.rowsPerPage ?? ROWS_PAGE,
    ).then((c) => {
      rowTasks = c.tasks;
      estimate = c.estimate;
      return c.tasks;
    });
    await runTasks(
      chunkTasks(treeSize, heads, level, opts.entriesPerSlice ?? ENTRY_SLICE),
      // This thread takes part too: it has everything loaded while the workers are starting.
      threads
        ? [
            { runner: here, accepts: () => true },
            { runner: threads, accepts: inWorker },
          ]
        : [{ runner: here, accepts: () => true }],
      (task, done) => {
        if (task.kind === 'rows') {
          rowsSum += done - (rowsDone.get(task) ?? 0);
          rowsDone.set(task, done);
          opts.onProgress?.('rows', rowsSum, Math.max(rowsSum, estimate));
        }
      },
      (result, task) => {
        if (result.kind === 'rows') {
          rows.set(task as RowsTask, result);
          return;
        }
        fold.add(result);
        leavesDone += Math.min(chunk, treeSize - result.start);
        opts.onProgress?.('leaves', leavesDone, treeSize);
      },
      cut,
    );
  } finally {
    await threads?.close();
  }
  const findings = [...fold.findings];
  const storedAbove = await ledgerRepository.nodes(deps.db, fold.above);
  for (const node of fold.above) {
    compareNode(node, storedAbove.get(nodeKey(node)), findings);
  }
  for (const head of heads) {
    if (head.tree_size > treeSize) {
      findings.push(finding('head_beyond_tree', null, { size: head.tree_size, treeSize }));
    }
  }
  const rowResults = rowTasks.map((task) => rows.get(task) as RowsResult);
  const rowsChecked = rowResults.reduce((n, r) => n + r.checked, 0);
  // The total was an estimate from the subject index; the work is done.
  opts.onProgress?.('rows', rowsChecked, rowsChecked);
  return {
    treeSize,
    treeFindings: findings,
    rowsChecked,
    rowFindings: rowResults.flatMap((r) => r.findings),
  };
}

/** Every head's signature, and a consistency proof from the stored nodes between successive heads. */
async function verifyHeads(
  db: Executor,
  heads: LedgerHeadTable[],
  publicKeyPem: string,
  findings: Finding[],
) {
  for (const head of heads) {
    if (!headIsSigned(head, publicKeyPem)) {
      findings.push(finding('head_signature_invalid', null, { size: head.tree_size }));
    }
  }
  for (let i = 1; i < heads.length; i++) {
    const [a, b] = [heads[i - 1] as LedgerHeadTable, heads[i] as LedgerHeadTable];
    let ok = false;
    try {
      const proof = await ledgerProofs.consistency(db, a.tree_size, b.tree_size);
      ok = consistencyHolds(
        a.tree_size,
        b.tree_size,
        hexToBytes(a.root_hash),
        hexToBytes(b.root_hash),
        proof,
      );
    } catch {
      ok = false;
    }
    if (!ok) {
      findings.push(finding('head_inconsistent', null, { from: a.tree_size, to: b.tree_size }));
    }
  }
}

async function verifyBlobs(deps: VerifyDeps, opts: VerifyOptions, findings: Finding[]): Promise<number> {
  let blobs = await ledgerRepository.blobHashes(deps.db);
  if (opts.blobSample !== undefined && opts.blobSample < blobs.length) {
    blobs = blobs
      .map((b) => ({ b, r: Math.random() }))
      .sort((x, y) => x.r - y.r)
      .slice(0, opts.blobSample)
      .map((x) => x.b);
  }
  for (const [i, { seq, blob_sha256 }] of blobs.entries()) {
    const result = await deps.storage.verify(blob_sha256);
    if (result !== 'ok') {
      findings.push(
        finding(result === 'missing' ? 'blob_missing' : 'blob_differs', seq, { hash: blob_sha256, seq }),
      );
    }
    opts.onProgress?.('blobs', i + 1, blobs.length);
  }
  return blobs.length;
}

/** The whole ledger: tree, heads, rows and blobs. Findings are empty when everything holds. */
export async function verifyLedger(deps: VerifyDeps, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const heads = await ledgerRepository.heads(deps.db);
  const { treeSize, treeFindings, rowsChecked, rowFindings } = await verifyTreeAndRows(deps, heads, opts);
  const headFindings: Finding[] = [];
  await verifyHeads(deps.db, heads, deps.publicKeyPem, headFindings);
  opts.onProgress?.('heads', heads.length, heads.length);
  const blobFindings: Finding[] = [];
  const blobsChecked = await verifyBlobs(deps, opts, blobFindings);
  return {
    treeSize,
    headsChecked: heads.length,
    rowsChecked,
    blobsChecked,
    findings: [...treeFindings, ...headFindings, ...rowFindings, ...blobFindings],
  };
}
