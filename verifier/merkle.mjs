// @ts-check
/**
 * RFC 9162 §2.1 Merkle tree primitives for the Quancheng ledger: hashing, proof verification,
 * and the reference constructions straight from the RFC's recursive definitions.
 *
 * Kept free of dependencies so that a court can read every line it relies on. All functions
 * are synchronous; bytes are Uint8Array; hashes are SHA-256 (32 bytes).
 */
import { createHash } from 'node:crypto';

const HASH_LENGTH = 32;
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** @param {Uint8Array[]} parts @returns {Uint8Array} */
function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
  }
  // A plain Uint8Array rather than a Buffer, so results compare equal to any other byte array.
  return new Uint8Array(hash.digest());
}

/** HASH(0x00 || leaf): the hash of one log entry (RFC 9162 §2.1.1). @param {Uint8Array} leafBytes @returns {Uint8Array} */
export function leafHash(leafBytes) {
  return sha256(LEAF_PREFIX, leafBytes);
}

/** HASH(0x01 || left || right): an interior node (RFC 9162 §2.1.1). @param {Uint8Array} left @param {Uint8Array} right @returns {Uint8Array} */
export function nodeHash(left, right) {
  return sha256(NODE_PREFIX, left, right);
}

// ---------------------------------------------------------------------------------------------
// Helpers. Integer steps use arithmetic, not bit operators, which would wrap at 2^31.

/** @param {number} x */
const lsb = (x) => x % 2 === 1;
/** @param {number} x */
const half = (x) => Math.floor(x / 2);

/** @param {number} x */
function isPowerOfTwo(x) {
  let rest = x;
  while (rest > 1 && rest % 2 === 0) {
    rest /= 2;
  }
  return rest === 1;
}

/** @param {unknown} x @returns {x is number} */
const isCount = (x) => Number.isSafeInteger(x) && /** @type {number} */ (x) >= 0;

/** @param {unknown} x @returns {x is Uint8Array} */
const isHash = (x) => x instanceof Uint8Array && x.length === HASH_LENGTH;

/** Hex (either case) to bytes; throws on anything else. @param {string} hex @returns {Uint8Array} */
export function hexToBytes(hex) {
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    throw new Error('not a hex string of whole bytes');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

/** Lower-case hex, the form the ledger stores and signs. @param {Uint8Array} bytes @returns {string} */
export function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** @param {Uint8Array} a @param {Uint8Array} b @returns {boolean} */
export function equalBytes(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// ---------------------------------------------------------------------------------------------
// Verification (RFC 9162 §2.1.3.2 and §2.1.4.2), step by step as the RFC words them.

/**
 * The root hash that an inclusion proof implies, by the algorithm of RFC 9162 §2.1.3.2.
 * Throws when the proof cannot be right for this index and size, whatever the root.
 * @param {number} leafIndex @param {number} treeSize @param {Uint8Array} leafHashBytes
 * @param {Uint8Array[]} path
 * @returns {Uint8Array}
 */
export function rootFromInclusionProof(leafIndex, treeSize, leafHashBytes, path) {
  if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) {
    throw new Error(`leaf index ${leafIndex} is not within a tree of size ${treeSize}`);
  }
  if (!isHash(leafHashBytes) || !Array.isArray(path) || !path.every(isHash)) {
    throw new Error('hashes must be 32-byte arrays');
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHashBytes;
  for (const p of path) {
    if (sn === 0) {
      throw new Error('inclusion path is longer than the tree is deep');
    }
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Skip the levels where this subtree is the last, unpaired one: no sibling there.
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) {
    throw new Error('inclusion path is shorter than the tree is deep');
  }
  return r;
}

/**
 * True when `path` proves that the leaf with hash `leafHashBytes` sits at `leafIndex` in the tree
 * of `treeSize` leaves whose root is `rootHash`. Never throws: malformed input is simply false.
 * @param {number} leafIndex @param {number} treeSize @param {Uint8Array} leafHashBytes
 * @param {Uint8Array[]} path @param {Uint8Array} rootHash
 */
export function verifyInclusion(leafIndex, treeSize, leafHashBytes, path, rootHash) {
  try {
    return (
      isHash(rootHash) &&
      equalBytes(rootFromInclusionProof(leafIndex, treeSize, leafHashBytes, path), rootHash)
    );
  } catch {
    return false;
  }
}

/**
 * True when `proof` shows that the tree of `size2` leaves (root `root2`) extends the tree of
 * `size1` leaves (root `root1`), by the algorithm of RFC 9162 §2.1.4.2. Never throws.
 * The RFC covers 0 < size1 < size2; the edge cases follow common practice: equal sizes need an
 * empty proof and equal roots; size1 = 0 needs an empty proof and root1 = the empty tree's hash.
 * @param {number} size1 @param {number} size2 @param {Uint8Array} root1 @param {Uint8Array} root2
 * @param {Uint8Array[]} proof
 */
export function verifyConsistency(size1, size2, root1, root2, proof) {
  if (!isCount(size1) || !isCount(size2) || size1 > size2) {
    return false;
  }
  if (!isHash(root1) || !isHash(root2) || !Array.isArray(proof) || !proof.every(isHash)) {
    return false;
  }
  if (size1 === size2) {
    return proof.length === 0 && equalBytes(root1, root2);
  }
  if (size1 === 0) {
    return proof.length === 0 && equalBytes(root1, sha256());
  }
  return consistencySteps(size1, size2, root1, root2, proof);
}

/**
 * Steps 1–7 of RFC 9162 §2.1.4.2 for 0 < size1 < size2.
 * @param {number} size1 @param {number} size2 @param {Uint8Array} root1 @param {Uint8Array} root2
 * @param {Uint8Array[]} proof
 */
function consistencySteps(size1, size2, root1, root2, proof) {
  if (proof.length === 0) {
    return false;
  }
  // When the old tree is a complete subtree of the new one, its root is the proof's first node.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = /** @type {Uint8Array} */ (path[0]);
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) {
      return false;
    }
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, root1) && equalBytes(sr, root2);
}

// ---------------------------------------------------------------------------------------------
// Reference constructions over an in-memory list of leaf hashes, written as the RFC's
// recursive definitions. Clear rather than fast: O(n) hashing per call.

/** The largest power of two strictly less than n (n ≥ 2): the split point k of §2.1.1. */
function splitPoint(/** @type {number} */ n) {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/**
 * MTH(D_n) of §2.1.1, given the leaf hashes HASH(0x00 || d[i]) rather than the entries:
 * MTH({}) = HASH(); MTH({d[0]}) = HASH(0x00 || d[0]); MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 * @param {Uint8Array[]} leafHashes
 * @returns {Uint8Array}
 */
export function mth(leafHashes) {
  const n = leafHashes.length;
  if (n <= 1) {
    return leafHashes[0] ?? sha256();
  }
  const k = splitPoint(n);
  return nodeHash(mth(leafHashes.slice(0, k)), mth(leafHashes.slice(k)));
}

/**
 * PATH(m, D_n) of §2.1.3.1: PATH(0, {d[0]}) = {}; for m < k, PATH(m, D[0:k]) : MTH(D[k:n]);
 * for m ≥ k, PATH(m - k, D[k:n]) : MTH(D[0:k]).
 * @param {number} m @param {Uint8Array[]} leafHashes
 * @returns {Uint8Array[]}
 */
export function inclusionPath(m, leafHashes) {
  const n = leafHashes.length;
  if (!isCount(m) || m >= n) {
    throw new Error(`leaf index ${m} is not within a tree of size ${n}`);
  }
  if (n === 1) {
    return [];
  }
  const k = splitPoint(n);
  return m < k
    ? [...inclusionPath(m, leafHashes.slice(0, k)), mth(leafHashes.slice(k))]
    : [...inclusionPath(m - k, leafHashes.slice(k)), mth(leafHashes.slice(0, k))];
}

/**
 * PROOF(m, D_n) = SUBPROOF(m, D_n, true) of §2.1.4.1. The RFC defines it for 0 < m < n; for
 * m = 0 and m = n this returns the empty proof that verifyConsistency expects there.
 * @param {number} m @param {Uint8Array[]} leafHashes
 * @returns {Uint8Array[]}
 */
export function consistencyProof(m, leafHashes) {
  const n = leafHashes.length;
  if (!isCount(m) || m > n) {
    throw new Error(`size ${m} is not within a tree of size ${n}`);
  }
  return m === 0 ? [] : subproof(m, leafHashes, true);
}

/**
 * SUBPROOF(m, D_n, b): b says whether D[0:m] is still the left edge of the tree the proof is
 * for, whose root the verifier already knows. If m = n, {} when b, else {MTH(D_m)}. Otherwise,
 * for m ≤ k, SUBPROOF(m, D[0:k], b) : MTH(D[k:n]); for m > k, SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
 * @param {number} m @param {Uint8Array[]} leafHashes @param {boolean} b
 * @returns {Uint8Array[]}
 */
function subproof(m, leafHashes, b) {
  const n = leafHashes.length;
  if (m === n) {
    return b ? [] : [mth(leafHashes)];
  }
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, leafHashes.slice(0, k), b), mth(leafHashes.slice(k))]
    : [...subproof(m - k, leafHashes.slice(k), false), mth(leafHashes.slice(0, k))];
}
