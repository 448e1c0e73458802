import type { Executor } from '../db/database';
import { hash } from 'node:crypto';
import {
  ledgerRepository,
  type EventRow,
  type RowEntry,
  type StoredLevel,
  type StoredNode,
} from './ledger.repository';
import type { LedgerSubject, LedgerSubjects } from './subjects';
import { checkEventRow, checkRow, finding, plainEventHolds, type Finding } from './verify-checks';
import { bytesToHex, hexToBytes } from './verify-primitives';
import { rowHash } from './ledger';
import { leafHashHex, nodeHashHex } from './tree';

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
  /** Entries read at a time (ENTRY_SLICE unless a test says so). */
  slice: number;
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
  /** The subject ids this task covers: after `after`, up to and including `until` (open when null). */
  after: string | null;
  until: string | null;
  /** Rows read at a time (ROWS_PAGE unless a test says so). */
  pageSize: number;
}

export interface RowsResult {
  kind: 'rows';
  type: string;
  checked: number;
  findings: Finding[];
}

export type VerifyTask = ChunkTask | RowsTask;
export type VerifyTaskResult = ChunkResult | RowsResult;

export function compareNode(node: StoredNode, stored: Uint8Array | undefined, findings: Finding[]): void {
  compareNodeHex(node.level, node.idx, bytesToHex(node.hash), stored && bytesToHex(stored), findings);
}

function compareNodeHex(
  level: number,
  idx: number,
  hex: string,
  stored: string | undefined,
  findings: Finding[],
): void {
  if (stored === undefined) {
    findings.push(finding('node_missing', null, { node: `${level}:${idx}` }));
  } else if (stored !== hex) {
    findings.push(finding('node_differs', null, { node: `${level}:${idx}` }));
  }
}

/**
 * The perfect subtrees of a chunk not yet joined, left to right, as parallel arrays: hashes stay
 * hex strings inside the chunk, and no object is made per node.
 */
interface HexStack {
  levels: number[];
  idxs: number[];
  hexes: string[];
}

const toStored = ({ levels, idxs, hexes }: HexStack): StoredNode[] =>
  levels.map((level, i) => ({ level, idx: idxs[i] as number, hash: hexToBytes(hexes[i] as string) }));

/**
 * SQLite's driver answers synchronously, so a task awaiting only its queries never lets the event
 * loop run: on the main thread that would hold back the worker threads' messages (and requests)
 * until the task ends. Each slice or page lets it run once.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Entries are read this many at a time, so that each slice's strings die young (cheap to collect):
 * about 1.2 MB of events. Each query costs its own fixed share too: at 1 M entries on PostgreSQL,
 * slices of 4,096 took 0.3 s less of the client's CPU and 0.3 s less of the database's than 1,024.
 */
export const ENTRY_SLICE = 4096;

/**
 * Recomputes one chunk from its stored events: every event against its columns, every leaf and
 * subtree hash against the stored one, sequence numbers without gaps. Hashes stay hex strings
 * inside the chunk: a million byte arrays cost more in allocation and collection than hashing.
 * The database compares each event with its columns (`EventRow`); the entries it cannot vouch
 * for (an access under an approval, an event with a detail, a mismatch) are read in full and
 * checked here, and so are those whose leaf differs, to name their action as the columns say.
 * A level the database gave as a digest (`StoredLevel`) is checked whole once the chunk is done:
 * the computed hashes, joined in index order, against it; only when they differ is the level
 * read node by node, to name each node (or leaf) that differs.
 */
export async function verifyChunk(db: Executor, task: ChunkTask): Promise<ChunkResult> {
  const { start, end } = task;
  const stored = await ledgerRepository.nodesWithin(db, start, end, task.level);
  const headSizes = new Set(task.headSizes);
  const findings: Finding[] = [];
  const heads: ChunkResult['heads'] = [];
  const stack: HexStack = { levels: [], idxs: [], hexes: [] };
  const { levels, idxs, hexes } = stack;
  // For each level given as a digest: the computed hashes, each at its index less the level's start.
  const computed = stored.map((s) => ('digest' in s ? ([] as string[]) : null));
  let expected = start + 1;
  // Of the current slice: entries to read in full, and those whose leaf hash differs.
  const unchecked: number[] = [];
  const leafDiffers = new Set<number>();
  const leaves = stored[0] as StoredLevel;
  const leafHexes = 'hexes' in leaves ? leaves.hexes : null;
  // `events`: false when the events were checked already, in their slice.
  const readInFull = async (events = true) => {
    for (const row of await ledgerRepository.entryRowsAt(db, unchecked)) {
      const [seq, , , action] = row;
      const bad = events ? checkEventRow(row) : null;
      if (bad) {
        findings.push(bad);
      }
      if (leafDiffers.has(seq)) {
        findings.push(finding('leaf_hash_differs', seq, { seq, action }));
      }
    }
    unchecked.length = 0;
    leafDiffers.clear();
  };
  const add = ([seq, event, shape]: EventRow) => {
    for (; expected < seq; expected++) {
      findings.push(finding('seq_gap', expected, { seq: expected }));
    }
    expected = seq + 1;
    let hex = leafHashHex(event);
    let differs = false;
    if (leafHexes) {
      differs = leafHexes[seq - 1 - start] !== hex;
    } else {
      (computed[0] as string[])[seq - 1 - start] = hex;
    }
    if (differs) {
      leafDiffers.add(seq);
    }
    if (differs || !plainEventHolds(event, shape)) {
      unchecked.push(seq);
    }
    // Joined with the subtrees to its left as long as they are as large as what it has become.
    let level = 0;
    let idx = seq - 1;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      idxs.pop();
      hex = nodeHashHex(hexes.pop() as string, hex);
      level++;
      idx = Math.floor(idx / 2);
      const position = idx - start / 2 ** level;
      const kept = stored[level];
      if (kept && 'hexes' in kept) {
        compareNodeHex(level, idx, hex, kept.hexes[position], findings);
      } else {
        (computed[level] as string[])[position] = hex;
      }
    }
    levels.push(level);
    idxs.push(idx);
    hexes.push(hex);
    if (headSizes.has(seq)) {
      heads.push({ size: seq, range: toStored(stack) });
    }
  };
  for (let from = start + 1; from <= end; from += task.slice) {
    const slice = await ledgerRepository.eventsBetween(db, from, Math.min(from + task.slice, end + 1));
    slice.forEach(add);
    if (unchecked.length > 0) {
      await readInFull();
    }
    await yieldToEventLoop();
  }
  for (; expected <= end; expected++) {
    findings.push(finding('seq_gap', expected, { seq: expected }));
  }
  for (const [level, hexesOf] of computed.entries()) {
    const kept = stored[level] as StoredLevel;
    if (hexesOf === null || !('digest' in kept) || digestOf(hexesOf) === kept.digest) {
      continue;
    }
    const first = Math.ceil(start / 2 ** level);
    const read = await ledgerRepository.levelHexesWithin(db, start, end, level);
    hexesOf.forEach((hex, position) => {
      if (level > 0) {
        compareNodeHex(level, first + position, hex, read[position], findings);
      } else if (read[position] !== hex) {
        // Named with its action as the columns say, like a leaf found differing in its slice.
        unchecked.push(start + 1 + position);
        leafDiffers.add(start + 1 + position);
      }
    });
    if (unchecked.length > 0) {
      await readInFull(false);
    }
  }
  return { kind: 'chunk', start, findings, range: toStored(stack), heads };
}

/**
 * The SHA-256 (hex) of hashes given as hex, joined in order — what the database computes over a
 * level's stored hashes. A position never computed (an entry missing) is a hole, which joins as
 * nothing: the input is shorter than the stored level's, so the digest differs and the level is
 * read node by node.
 */
const digestOf = (hexes: readonly string[]): string =>
  hash('sha256', Buffer.from(hexes.join(''), 'hex'), 'hex');

/** Rows per page (with their latest hashes): 4,000 took ≈ 0.5 s less of the database's CPU at 1 M than 1,000. */
export const ROWS_PAGE = 4000;

/**
 * Every current row of one subject type whose id lies in the task's range against the hash in
 * the latest entry that wrote it (up to `treeSize`), a page of rows at a time in id order. Each
 * page is matched with the entries of the ids from just after the previous page's last id up to
 * its own last: a row no entry wrote is unrecorded, an entry whose row is not in the page wrote a
 * row that is gone. After the last page, the entries up to the range's end are gone rows too. Ids
 * are only ever compared by the database, in its own text order (the order pages come in). One
 * pass over the rows and one over the subject index; nothing is counted first.
 */
export async function verifyRowsOf(
  db: Executor,
  task: RowsTask,
  subject: LedgerSubject,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RowsResult> {
  const { type, treeSize, until } = task;
  const findings: Finding[] = [];
  let checked = 0;
  for (let after = task.after; ;) {
    let page = await subject.page(db, after, task.pageSize);
    let done = page.length < task.pageSize;
    if (
      until !== null &&
      page.length > 0 &&
      !(await ledgerRepository.textAtMost(db, page.at(-1)?.id ?? '', until))
    ) {
      page = page.slice(0, await countAtMost(db, page, until));
      done = true;
    }
    const last = done ? until : (page.at(-1)?.id ?? null);
    const latest = await ledgerRepository.latestRowHashesAfter(db, type, after, last, treeSize);
    // The entry behind a finding, read only then: seq and action for the report.
    const entryOf = async (id: string) =>
      (await ledgerRepository.latestRowEntry(db, type, id, treeSize)) as RowEntry;
    for (const { id, row } of page) {
      const hash = latest.get(id);
      if (hash === undefined) {
        findings.push(finding('row_unrecorded', null, { type, id }));
        continue;
      }
      latest.delete(id);
      if (rowHash(row) !== hash) {
        findings.push(checkRow(await entryOf(id), row, type, id) as Finding);
      }
      checked++;
    }
    for (const id of latest.keys()) {
      findings.push(checkRow(await entryOf(id), undefined, type, id) as Finding);
    }
    onProgress(checked, 0);
    await yieldToEventLoop();
    if (done) {
      break;
    }
    after = last;
  }
  return { kind: 'rows', type, checked, findings };
}

/** How many rows of a page (in id order) have an id up to `until`: a binary search by the database. */
async function countAtMost(db: Executor, page: readonly { id: string }[], until: string): Promise<number> {
  let [low, high] = [0, page.length];
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (await ledgerRepository.textAtMost(db, (page[mid] as { id: string }).id, until)) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
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
