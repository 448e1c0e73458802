import type { Executor } from '../db/database';
import { ledgerRepository, type StoredNode } from './ledger.repository';
import type { LedgerSubject, LedgerSubjects } from './subjects';
import { checkEvent, checkRow, finding, type Finding } from './verify-checks';
import { equalBytes } from './verify-primitives';
import { leafHash, nodeHash } from './tree';

/**
 * The independent pieces of a full `verify`, each runnable on the main thread or in a worker:
 * a chunk of the tree, or the current rows of one subject type. A chunk is a perfect subtree of
 * 2^CHUNK_LEVEL leaves (the last one may be partial), so chunks need nothing from each other; the
 * caller folds their roots into the levels above and the roots at each signed head's size.
 */
export const CHUNK_LEVEL = 14;

export interface ChunkTask {
  kind: 'chunk';
  /** The chunk is the subtree of this level at `start` (CHUNK_LEVEL unless a test says so). */
  level: number;
  /** Leaves [start, end): entries start+1 … end. */
  start: number;
  end: number;
  /** Signed heads whose size falls in (start, end]. */
  headSizes: number[];
}

export interface ChunkResult {
  kind: 'chunk';
  start: number;
  findings: Finding[];
  /** The perfect subtrees covering [start, end), largest first: one node for a full chunk. */
  range: StoredNode[];
  /** For each head size in the chunk, the perfect subtrees covering [start, size). */
  heads: { size: number; range: StoredNode[] }[];
}

export interface RowsTask {
  kind: 'rows';
  type: string;
  treeSize: number;
}

export interface RowsResult {
  kind: 'rows';
  type: string;
  checked: number;
  findings: Finding[];
}

export type VerifyTask = ChunkTask | RowsTask;
export type VerifyTaskResult = ChunkResult | RowsResult;

/** Stored nodes of one chunk, by level then by index within the chunk. */
function chunkNodes(nodes: StoredNode[], start: number, level: number): Uint8Array[][] {
  const byLevel: Uint8Array[][] = Array.from({ length: level + 1 }, () => []);
  for (const n of nodes) {
    (byLevel[n.level] as Uint8Array[])[n.idx - start / 2 ** n.level] = n.hash;
  }
  return byLevel;
}

export function compareNode(node: StoredNode, stored: Uint8Array | undefined, findings: Finding[]): void {
  const label = `${node.level}:${node.idx}`;
  if (!stored) {
    findings.push(finding('node_missing', null, { node: label }));
  } else if (!equalBytes(stored, node.hash)) {
    findings.push(finding('node_differs', null, { node: label }));
  }
}

/**
 * Recomputes one chunk from its stored events: every event against its columns, every leaf and
 * subtree hash against the stored one, sequence numbers without gaps.
 */
export async function verifyChunk(db: Executor, task: ChunkTask): Promise<ChunkResult> {
  const { start, end } = task;
  const [entries, nodes] = await Promise.all([
    ledgerRepository.entriesBetween(db, start + 1, end + 1),
    ledgerRepository.nodesWithin(db, start, end, task.level),
  ]);
  const stored = chunkNodes(nodes, start, task.level);
  const headSizes = new Set(task.headSizes);
  const findings: Finding[] = [];
  const heads: ChunkResult['heads'] = [];
  const stack: StoredNode[] = [];
  let expected = start + 1;
  for (const entry of entries) {
    for (; expected < entry.seq; expected++) {
      findings.push(finding('seq_gap', expected, { seq: expected }));
    }
    expected = entry.seq + 1;
    const bad = checkEvent(entry);
    if (bad) {
      findings.push(bad);
    }
    const leaf = leafHash(entry.event);
    const storedLeaf = stored[0]?.[entry.seq - 1 - start];
    if (!storedLeaf || !equalBytes(storedLeaf, leaf)) {
      findings.push(finding('leaf_hash_differs', entry.seq, { seq: entry.seq, action: entry.action }));
    }
    stack.push({ level: 0, idx: entry.seq - 1, hash: leaf });
    while (stack.length >= 2 && stack.at(-1)?.level === stack.at(-2)?.level) {
      const right = stack.pop() as StoredNode;
      const left = stack.pop() as StoredNode;
      const node = { level: left.level + 1, idx: left.idx / 2, hash: nodeHash(left.hash, right.hash) };
      stack.push(node);
      compareNode(node, stored[node.level]?.[node.idx - start / 2 ** node.level], findings);
    }
    if (headSizes.has(entry.seq)) {
      heads.push({ size: entry.seq, range: [...stack] });
    }
  }
  for (; expected <= end; expected++) {
    findings.push(finding('seq_gap', expected, { seq: expected }));
  }
  return { kind: 'chunk', start, findings, range: stack, heads };
}

const ROWS_PAGE = 1000;

/**
 * Every current row of one subject type against the hash in the latest entry that wrote it (up
 * to `treeSize`), a page of rows at a time in id order with the entries of that id range; rows
 * that no entry wrote. Entries whose row is gone are found by count, and only looked for when the
 * count says some are missing.
 */
export async function verifyRowsOf(
  db: Executor,
  task: RowsTask,
  subject: LedgerSubject,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RowsResult> {
  const { type, treeSize } = task;
  const findings: Finding[] = [];
  const recorded = await ledgerRepository.countRecordedSubjects(db, type, treeSize);
  let checked = 0;
  for (let after: string | null = null; ;) {
    const page = await subject.page(db, after, ROWS_PAGE);
    const first = page[0]?.id;
    const last = page.at(-1)?.id;
    const latest =
      first === undefined || last === undefined
        ? new Map<string, { seq: number; action: string; rowHash: string }>()
        : await ledgerRepository.latestRowHashesBetween(db, type, first, last, treeSize);
    for (const { id, row } of page) {
      const entry = latest.get(id);
      if (!entry) {
        findings.push(finding('row_unrecorded', null, { type, id }));
        continue;
      }
      const bad = checkRow(entry, row, type, id);
      if (bad) {
        findings.push(bad);
      }
      checked++;
    }
    onProgress(checked, recorded);
    if (page.length < ROWS_PAGE) {
      break;
    }
    after = page.at(-1)?.id ?? null;
  }
  if (recorded > checked) {
    findings.push(...(await missingRows(db, task, subject)));
  }
  return { kind: 'rows', type, checked, findings };
}

/** Subjects the ledger wrote a row for whose row no longer exists. */
async function missingRows(
  db: Executor,
  { type, treeSize }: RowsTask,
  subject: LedgerSubject,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (let after: string | null = null; ;) {
    const ids = await ledgerRepository.recordedSubjectIds(db, type, treeSize, after, ROWS_PAGE);
    const rows = await subject.load(db, ids);
    const gone = ids.filter((id) => !rows.has(id));
    if (gone.length > 0) {
      const latest = await ledgerRepository.latestRowHashes(db, type, gone, treeSize);
      for (const id of gone) {
        const entry = latest.get(id);
        if (entry) {
          findings.push(checkRow(entry, undefined, type, id) as Finding);
        }
      }
    }
    if (ids.length < ROWS_PAGE) {
      return findings;
    }
    after = ids.at(-1) ?? null;
  }
}

/** Runs one task on `db`, the same way on the main thread and in a worker. */
export function runVerifyTask(
  db: Executor,
  subjects: LedgerSubjects,
  task: VerifyTask,
  onProgress: (done: number, total: number) => void,
): Promise<VerifyTaskResult> {
  if (task.kind === 'chunk') {
    return verifyChunk(db, task);
  }
  const subject = subjects.get(task.type);
  if (!subject) {
    return Promise.reject(new Error(`no ledger subject ${task.type}`));
  }
  return verifyRowsOf(db, task, subject, onProgress);
}
