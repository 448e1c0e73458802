import { createHash, hash } from 'node:crypto';

/**
 * The RFC 9162 §2.1 Merkle tree over stored complete-subtree hashes. A node (level, idx) is the
 * hash of the perfect subtree over leaves [idx·2^level, (idx+1)·2^level); level 0 holds the leaf
 * hashes. Every tree hash, inclusion path and consistency proof of RFC 9162 is assembled from
 * O(log n) such nodes, so nothing ever recomputes the whole tree.
 */
export interface NodeKey {
  level: number;
  idx: number;
}

export type NodeGetter = (level: number, idx: number) => Uint8Array;

export const EMPTY_TREE_HASH = createHash('sha256').digest();

/*
 * Leaf and node hashes are the hot path of every append and of a full verify, so they are
 * computed here rather than with the stand-alone verifier's `createHash` chain (the same bytes:
 * tree.test.ts checks them against it). `crypto.hash` with a string digest skips the Hash object
 * and the Buffer a digest allocates — about a third of the time for a 65-byte input on Node 20 —
 * and the input is assembled in a scratch buffer reused by every call (calls are synchronous).
 */
let scratch = Buffer.allocUnsafe(4096);

/** SHA-256 of the first `length` bytes of the scratch buffer, as a fresh byte array. */
function digestScratch(length: number): Uint8Array {
  const digest = hash('sha256', scratch.subarray(0, length), 'binary');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = digest.charCodeAt(i);
  }
  return out;
}

/**
 * Writes 0x00 ‖ the leaf's bytes (a string as UTF-8) into the scratch buffer; returns the length.
 * A string is written without measuring it first: room for three bytes per UTF-16 unit is room
 * for any string's UTF-8.
 */
function leafIntoScratch(leaf: Uint8Array | string): number {
  const room = 1 + (typeof leaf === 'string' ? 3 * leaf.length : leaf.length);
  if (room > scratch.length) {
    scratch = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(room)));
  }
  scratch[0] = 0x00;
  if (typeof leaf === 'string') {
    return 1 + scratch.write(leaf, 1, 'utf8');
  }
  scratch.set(leaf, 1);
  return 1 + leaf.length;
}

/** The leaf hash of an event: SHA-256(0x00 ‖ UTF-8 of its canonical JSON). */
export function leafHash(leaf: Uint8Array | string): Uint8Array {
  return digestScratch(leafIntoScratch(leaf));
}

/**
 * The same leaf hash as hex, for bulk checks against stored hashes read as hex: strings are far
 * cheaper to make and drop than a Uint8Array per node when a million are compared.
 */
export function leafHashHex(leaf: string): string {
  // Written first: writing may replace the scratch buffer with a larger one.
  const length = leafIntoScratch(leaf);
  return hash('sha256', scratch.subarray(0, length), 'hex');
}

/** An interior node's hash from its children's, all as hex. */
export function nodeHashHex(left: string, right: string): string {
  scratch[0] = 0x01;
  scratch.write(left, 1, 'hex');
  scratch.write(right, 33, 'hex');
  return hash('sha256', scratch.subarray(0, 65), 'hex');
}

/** An interior node: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 1 + left.length);
  return digestScratch(1 + left.length + right.length);
}

/** The largest power of two strictly less than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}

/** MTH of leaves [start, end): a stored node when the range is a perfect subtree, else RFC recursion. */
export function subtreeHash(start: number, end: number, get: NodeGetter): Uint8Array {
  const n = end - start;
  if (isPowerOfTwo(n) && start % n === 0) {
    return get(Math.log2(n), start / n);
  }
  const k = splitPoint(n);
  return nodeHash(subtreeHash(start, start + k, get), subtreeHash(start + k, end, get));
}

/** MTH(D[0:n]). */
export function rootAt(treeSize: number, get: NodeGetter): Uint8Array {
  return treeSize === 0 ? EMPTY_TREE_HASH : subtreeHash(0, treeSize, get);
}

/** PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, m relative to start. */
function path(m: number, start: number, end: number, get: NodeGetter): Uint8Array[] {
  const n = end - start;
  if (n === 1) {
    return [];
  }
  const k = splitPoint(n);
  return m < k
    ? [...path(m, start, start + k, get), subtreeHash(start + k, end, get)]
    : [...path(m - k, start + k, end, get), subtreeHash(start, start + k, get)];
}

export function inclusionPath(leafIndex: number, treeSize: number, get: NodeGetter): Uint8Array[] {
  if (leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError(`leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  }
  return path(leafIndex, 0, treeSize, get);
}

/** SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, m relative to start. */
function subproof(m: number, start: number, end: number, complete: boolean, get: NodeGetter): Uint8Array[] {
  const n = end - start;
  if (m === n) {
    return complete ? [] : [subtreeHash(start, end, get)];
  }
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, start, start + k, complete, get), subtreeHash(start + k, end, get)]
    : [...subproof(m - k, start + k, end, false, get), subtreeHash(start, start + k, get)];
}

export function consistencyPath(fromSize: number, toSize: number, get: NodeGetter): Uint8Array[] {
  if (fromSize < 1 || fromSize > toSize) {
    throw new RangeError(`no consistency proof from ${fromSize} to ${toSize}`);
  }
  return fromSize === toSize ? [] : subproof(fromSize, 0, toSize, true, get);
}

/**
 * Runs a computation once with a recording getter to learn which stored nodes it needs, so the
 * caller can fetch them in one query, then runs it again on the fetched nodes.
 */
export function nodesNeeded(compute: (get: NodeGetter) => unknown): NodeKey[] {
  const keys = new Map<string, NodeKey>();
  const dummy = new Uint8Array(32);
  compute((level, idx) => {
    keys.set(`${level}:${idx}`, { level, idx });
    return dummy;
  });
  return [...keys.values()];
}

/**
 * The nodes that become complete when leaf `leafIndex` is appended, from level 1 up: each is the
 * hash of a left sibling already stored and the node just completed below it.
 */
export function completedByAppend(leafIndex: number): { node: NodeKey; left: NodeKey }[] {
  const out: { node: NodeKey; left: NodeKey }[] = [];
  for (let level = 1, width = 2; (leafIndex + 1) % width === 0; level++, width *= 2) {
    const idx = (leafIndex + 1) / width - 1;
    out.push({ node: { level, idx }, left: { level: level - 1, idx: 2 * idx } });
  }
  return out;
}

export const nodeKey = (k: NodeKey) => `${k.level}:${k.idx}`;
