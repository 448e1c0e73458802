/** HASH(0x00 || leaf): the hash of one log entry (RFC 9162 §2.1.1). @param {Uint8Array} leafBytes @returns {Uint8Array} */
export function leafHash(leafBytes: Uint8Array): Uint8Array;
/** HASH(0x01 || left || right): an interior node (RFC 9162 §2.1.1). @param {Uint8Array} left @param {Uint8Array} right @returns {Uint8Array} */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
/** Hex (either case) to bytes; throws on anything else. @param {string} hex @returns {Uint8Array} */
export function hexToBytes(hex: string): Uint8Array;
/** Lower-case hex, the form the ledger stores and signs. @param {Uint8Array} bytes @returns {string} */
export function bytesToHex(bytes: Uint8Array): string;
/** @param {Uint8Array} a @param {Uint8Array} b @returns {boolean} */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean;
/**
 * The root hash that an inclusion proof implies, by the algorithm of RFC 9162 §2.1.3.2.
 * Throws when the proof cannot be right for this index and size, whatever the root.
 * @param {number} leafIndex @param {number} treeSize @param {Uint8Array} leafHashBytes
 * @param {Uint8Array[]} path
 * @returns {Uint8Array}
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHashBytes: Uint8Array,
  path: Uint8Array[],
): Uint8Array;
/**
 * True when `path` proves that the leaf with hash `leafHashBytes` sits at `leafIndex` in the tree
 * of `treeSize` leaves whose root is `rootHash`. Never throws: malformed input is simply false.
 * @param {number} leafIndex @param {number} treeSize @param {Uint8Array} leafHashBytes
 * @param {Uint8Array[]} path @param {Uint8Array} rootHash
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHashBytes: Uint8Array,
  path: Uint8Array[],
  rootHash: Uint8Array,
): boolean;
/**
 * True when `proof` shows that the tree of `size2` leaves (root `root2`) extends the tree of
 * `size1` leaves (root `root1`), by the algorithm of RFC 9162 §2.1.4.2. Never throws.
 * The RFC covers 0 < size1 < size2; the edge cases follow common practice: equal sizes need an
 * empty proof and equal roots; size1 = 0 needs an empty proof and root1 = the empty tree's hash.
 * @param {number} size1 @param {number} size2 @param {Uint8Array} root1 @param {Uint8Array} root2
 * @param {Uint8Array[]} proof
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: Uint8Array[],
): boolean;
/**
 * MTH(D_n) of §2.1.1, given the leaf hashes HASH(0x00 || d[i]) rather than the entries:
 * MTH({}) = HASH(); MTH({d[0]}) = HASH(0x00 || d[0]); MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 * @param {Uint8Array[]} leafHashes
 * @returns {Uint8Array}
 */
export function mth(leafHashes: Uint8Array[]): Uint8Array;
/**
 * PATH(m, D_n) of §2.1.3.1: PATH(0, {d[0]}) = {}; for m < k, PATH(m, D[0:k]) : MTH(D[k:n]);
 * for m ≥ k, PATH(m - k, D[k:n]) : MTH(D[0:k]).
 * @param {number} m @param {Uint8Array[]} leafHashes
 * @returns {Uint8Array[]}
 */
export function inclusionPath(m: number, leafHashes: Uint8Array[]): Uint8Array[];
/**
 * PROOF(m, D_n) = SUBPROOF(m, D_n, true) of §2.1.4.1. The RFC defines it for 0 < m < n; for
 * m = 0 and m = n this returns the empty proof that verifyConsistency expects there.
 * @param {number} m @param {Uint8Array[]} leafHashes
 * @returns {Uint8Array[]}
 */
export function consistencyProof(m: number, leafHashes: Uint8Array[]): Uint8Array[];
