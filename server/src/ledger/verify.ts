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

const finding = (kind: string, seq: number | null, params: Finding['params'] = {}): Finding => ({
  kind,
  seq,
  key: `ledger.${kind}` as MessageKey,
  params,
});

/** Checks one stored entry: its event is canonical and says what its columns say. */
export function checkEvent(entry: LedgerEntryTable): Finding | null {
  try {
    const event = JSON.parse(entry.event) as Record<string, unknown>;
    const subject = event.subject as { type?: unknown; id?: unknown } | undefined;
    const matches =
      canonicalJson(event) === entry.event &&
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

/**
 * Recomputes the whole tree from the stored events, a chunk at a time with a compact range (the
 * perfect subtrees of the size so far), comparing every leaf and subtree hash with the stored one
 * and the root at every signed head's size with the head.
 */
async function verifyTree(db: Executor, heads: LedgerHeadTable[], opts: VerifyOptions, findings: Finding[]) {
  const treeSize = await ledgerRepository.size(db);
  const headsBySize = new Map(heads.map((h) => [h.tree_size, h]));
  const stack: StoredNode[] = [];
  const above: { node: StoredNode; seq: number }[] = [];
  let expected = 1;
  for (let start = 0; start < treeSize; start += CHUNK) {
    const entries = await ledgerRepository.entriesWithLeaves(db, start + 1, CHUNK);
    const stored = new Map(
      (await ledgerRepository.nodesWithin(db, start, start + CHUNK, CHUNK_LEVEL)).map((n) => [
        nodeKey(n),
        n.hash,
      ]),
    );
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
      if (!entry.leaf_hash || !equalBytes(entry.leaf_hash, leaf)) {
        findings.push(finding('leaf_hash_differs', entry.seq, { seq: entry.seq, action: entry.action }));
      }
      stack.push({ level: 0, idx: entry.seq - 1, hash: leaf });
      while (stack.length >= 2 && stack.at(-1)?.level === stack.at(-2)?.level) {
        const right = stack.pop() as StoredNode;
        const left = stack.pop() as StoredNode;
        const node = { level: left.level + 1, idx: left.idx / 2, hash: nodeHash(left.hash, right.hash) };
        stack.push(node);
        if (node.level <= CHUNK_LEVEL) {
          compareNode(node, stored.get(nodeKey(node)), findings);
        } else {
          above.push({ node, seq: entry.seq });
        }
      }
      const head = headsBySize.get(entry.seq);
      if (head && bytesToHex(foldRoot(stack)) !== head.root_hash) {
        findings.push(finding('head_root_differs', null, { size: head.tree_size }));
      }
    }
    opts.onProgress?.('leaves', Math.min(start + CHUNK, treeSize), treeSize);
  }
  const storedAbove = await ledgerRepository.nodes(
    db,
    above.map((a) => a.node),
  );
  for (const { node } of above) {
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

/** Every current business row against the hash in the latest entry that wrote it, and rows no entry wrote. */
async function verifyRows(deps: VerifyDeps, opts: VerifyOptions, findings: Finding[]): Promise<number> {
  let checked = 0;
  for (const [type, subject] of deps.subjects) {
    const latest = await ledgerRepository.latestRowHashes(deps.db, type);
    for (let i = 0; i < latest.length; i += 500) {
      const batch = latest.slice(i, i + 500);
      const rows = await subject.load(
        deps.db,
        batch.map((b) => b.subject_id),
      );
      for (const entry of batch) {
        const row = rows.get(entry.subject_id);
        const params = { seq: entry.seq, action: entry.action, type, id: entry.subject_id };
        if (!row) {
          findings.push(finding('row_missing', entry.seq, params));
        } else if (rowHash(row) !== entry.row_hash) {
          findings.push(finding('row_differs', entry.seq, params));
        }
      }
      checked += batch.length;
      opts.onProgress?.('rows', checked, latest.length);
    }
    const recorded = new Set(latest.map((l) => l.subject_id));
    for (let after: string | null = null; ;) {
      const ids = await subject.ids(deps.db, after, 1000);
      for (const id of ids.filter((x) => !recorded.has(x))) {
        findings.push(finding('row_unrecorded', null, { type, id }));
      }
      if (ids.length < 1000) {
        break;
      }
      after = ids.at(-1) ?? null;
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
  const treeSize = await verifyTree(deps.db, heads, opts, findings);
  await verifyHeads(deps.db, heads, deps.publicKeyPem, findings);
  opts.onProgress?.('heads', heads.length, heads.length);
  const rowsChecked = await verifyRows(deps, opts, findings);
  const blobsChecked = await verifyBlobs(deps, opts, findings);
  return { treeSize, headsChecked: heads.length, rowsChecked, blobsChecked, findings };
}
