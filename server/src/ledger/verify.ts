import type { MessageKey } from '@quancheng/contracts';
import type { Executor } from '../db/database';
import type { LedgerEntryTable, LedgerHeadTable } from '../db/types';
import type { BlobStore } from '../storage/blob-store';
import { canonicalJson, rowHash } from './ledger';
import { ledgerRepository, type StoredNode } from './ledger.repository';
import { ledgerProofs } from './proofs';
import type { LedgerSubjects } from './subjects';
import { bytesToHex, equalBytes, headIsSigned, hexToBytes, consistencyHolds } from './verify-primitives';
import { leafHash, nodeHash, nodeKey } from './tree';

export interface Finding {
  kind: string;
  seq: number | null;
  key: MessageKey;
  params: Record<string, string | number>;
}

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
}

export interface VerifyOptions {
  /** Check only this many blobs, chosen at random; all when undefined. */
  blobSample?: number;
  onProgress?: (stage: 'leaves' | 'heads' | 'rows' | 'blobs', done: number, total: number) => void;
}

const CHUNK_LEVEL = 14;
const CHUNK = 2 ** CHUNK_LEVEL;

export const finding = (kind: string, seq: number | null, params: Finding['params'] = {}): Finding => ({
  kind,
  seq,
  key: `ledger.${kind}` as MessageKey,
  params,
});

/** A current row against the latest entry that wrote it: missing, altered, or null when intact. */
export function checkRow(
  latest: { seq: number; action: string; rowHash: string },
  row: object | undefined,
  type: string,
  id: string,
): Finding | null {
  const params = { seq: latest.seq, action: latest.action, type, id };
  if (!row) {
    return finding('row_missing', latest.seq, params);
  }
  return rowHash(row) === latest.rowHash ? null : finding('row_differs', latest.seq, params);
}

/**
 * Checks one stored entry: its event says what its columns say (the columns are what queries and
 * listings use). Whether the event bytes are the recorded ones is the leaf hash's job; `strict`
 * also checks they are canonical, which only a faulty writer could break.
 */
export function checkEvent(entry: LedgerEntryTable, strict = false): Finding | null {
  try {
    const event = JSON.parse(entry.event) as Record<string, unknown>;
    const subject = event.subject as { type?: unknown; id?: unknown } | undefined;
    const matches =
      (!strict || canonicalJson(event) === entry.event) &&
      event.seq === entry.seq &&
      event.at === entry.at &&
      event.actor === entry.actor_id &&
      event.action === entry.action &&
      subject?.type === entry.subject_type &&
      subject.id === entry.subject_id &&
      event.rowHash === entry.row_hash &&
      (event.blobSha256 ?? null) === entry.blob_sha256;
    return matches ? null : finding('event_mismatch', entry.seq, { seq: entry.seq, action: entry.action });
  } catch {
    return finding('event_mismatch', entry.seq, { seq: entry.seq, action: entry.action });
  }
}

/** The latest row hash recorded per subject, for the subject types that have rows. */
interface LatestRow {
  seq: number;
  action: string;
  rowHash: string;
}
type LatestRows = Map<string, Map<string, LatestRow>>;

/** Stored nodes of one chunk, by level then by index within the chunk. */
function chunkNodes(nodes: StoredNode[], start: number): Uint8Array[][] {
  const byLevel: Uint8Array[][] = Array.from({ length: CHUNK_LEVEL + 1 }, () => []);
  for (const n of nodes) {
    (byLevel[n.level] as Uint8Array[])[n.idx - start / 2 ** n.level] = n.hash;
  }
  return byLevel;
}

/**
 * Recomputes the whole tree from the stored events, a chunk at a time with a compact range (the
 * perfect subtrees of the size so far), comparing every leaf and subtree hash with the stored one
 * and the root at every signed head's size with the head. Collects, on the way, the latest row
 * hash of every subject whose rows `verifyRows` checks.
 */
async function verifyTree(
  db: Executor,
  heads: LedgerHeadTable[],
  latestRows: LatestRows,
  opts: VerifyOptions,
  findings: Finding[],
) {
  const treeSize = await ledgerRepository.size(db);
  const headsBySize = new Map(heads.map((h) => [h.tree_size, h]));
  const stack: StoredNode[] = [];
  const above: StoredNode[] = [];
  let expected = 1;
  for (let start = 0; start < treeSize; start += CHUNK) {
    const [entries, nodes] = await Promise.all([
      ledgerRepository.entriesBetween(db, start + 1, start + CHUNK + 1),
      ledgerRepository.nodesWithin(db, start, start + CHUNK, CHUNK_LEVEL),
    ]);
    const stored = chunkNodes(nodes, start);
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
      if (entry.row_hash !== null) {
        latestRows.get(entry.subject_type)?.set(entry.subject_id, {
          seq: entry.seq,
          action: entry.action,
          rowHash: entry.row_hash,
        });
      }
      stack.push({ level: 0, idx: entry.seq - 1, hash: leaf });
      while (stack.length >= 2 && stack.at(-1)?.level === stack.at(-2)?.level) {
        const right = stack.pop() as StoredNode;
        const left = stack.pop() as StoredNode;
        const node = { level: left.level + 1, idx: left.idx / 2, hash: nodeHash(left.hash, right.hash) };
        stack.push(node);
        if (node.level <= CHUNK_LEVEL) {
          compareNode(node, stored[node.level]?.[node.idx - start / 2 ** node.level], findings);
        } else {
          above.push(node);
        }
      }
      const head = headsBySize.get(entry.seq);
      if (head && bytesToHex(foldRoot(stack)) !== head.root_hash) {
        findings.push(finding('head_root_differs', null, { size: head.tree_size }));
      }
    }
    opts.onProgress?.('leaves', Math.min(start + CHUNK, treeSize), treeSize);
  }
  const storedAbove = await ledgerRepository.nodes(db, above);
  for (const node of above) {
    compareNode(node, storedAbove.get(nodeKey(node)), findings);
  }
  for (const head of heads) {
    if (head.tree_size > treeSize) {
      findings.push(finding('head_beyond_tree', null, { size: head.tree_size, treeSize }));
    }
  }
  return treeSize;
}

function compareNode(node: StoredNode, stored: Uint8Array | undefined, findings: Finding[]): void {
  const label = `${node.level}:${node.idx}`;
  if (!stored) {
    findings.push(finding('node_missing', null, { node: label }));
  } else if (!equalBytes(stored, node.hash)) {
    findings.push(finding('node_differs', null, { node: label }));
  }
}

/** The root of the tree whose perfect subtrees (left to right) are on the stack. */
function foldRoot(stack: StoredNode[]): Uint8Array {
  let root = stack.at(-1)?.hash ?? new Uint8Array();
  for (let i = stack.length - 2; i >= 0; i--) {
    root = nodeHash((stack[i] as StoredNode).hash, root);
  }
  return root;
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

/**
 * Every current business row against the hash in the latest entry that wrote it, reading each
 * subject type once in id order; rows that no entry wrote and entries whose row is gone too.
 */
async function verifyRows(
  deps: VerifyDeps,
  latestRows: LatestRows,
  opts: VerifyOptions,
  findings: Finding[],
) {
  let checked = 0;
  const total = [...latestRows.values()].reduce((n, m) => n + m.size, 0);
  for (const [type, subject] of deps.subjects) {
    const latest = latestRows.get(type) ?? new Map<string, LatestRow>();
    for (let after: string | null = null; ;) {
      const page = await subject.page(deps.db, after, 1000);
      for (const { id, row } of page) {
        const entry = latest.get(id);
        if (!entry) {
          findings.push(finding('row_unrecorded', null, { type, id }));
          continue;
        }
        latest.delete(id);
        const bad = checkRow(entry, row, type, id);
        if (bad) {
          findings.push(bad);
        }
        checked++;
      }
      opts.onProgress?.('rows', checked, total);
      if (page.length < 1000) {
        break;
      }
      after = page.at(-1)?.id ?? null;
    }
    for (const [id, entry] of latest) {
      findings.push(checkRow(entry, undefined, type, id) as Finding);
    }
  }
  return checked;
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
  const findings: Finding[] = [];
  const heads = await ledgerRepository.heads(deps.db);
  const latestRows: LatestRows = new Map(
    [...deps.subjects.keys()].map((type) => [type, new Map<string, LatestRow>()]),
  );
  const treeSize = await verifyTree(deps.db, heads, latestRows, opts, findings);
  await verifyHeads(deps.db, heads, deps.publicKeyPem, findings);
  opts.onProgress?.('heads', heads.length, heads.length);
  const rowsChecked = await verifyRows(deps, latestRows, opts, findings);
  const blobsChecked = await verifyBlobs(deps, opts, findings);
  return { treeSize, headsChecked: heads.length, rowsChecked, blobsChecked, findings };
}
