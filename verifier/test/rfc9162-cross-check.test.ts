/**
 * Cross-checks against an independent RFC 9162 implementation, @transmute/rfc9162 (test-only).
 * It takes raw entries and hashes leaves itself; it is async. Where it departs from the RFC, the
 * tests below pin down exactly how, rather than bending the comparison.
 */
import { RFC9162 } from '@transmute/rfc9162';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  consistencyProof,
  inclusionPath,
  mth,
  verifyConsistency,
  verifyInclusion,
} from '../merkle.mjs';
import { entriesArb, leafHashesOf } from './trees';

const hexes = (list: Uint8Array[]): string[] => list.map((h) => bytesToHex(h));
const isPowerOfTwo = (x: number): boolean => Number.isInteger(Math.log2(x));

/** Their consistency proof and verdicts next to ours, for 0 < m < n. */
async function bothConsistencyProofs(entries: Uint8Array[], m: number) {
  const leaves = leafHashesOf(entries);
  const [root1, root2] = [mth(leaves.slice(0, m)), mth(leaves)];
  const ours = consistencyProof(m, leaves);
  const theirs = await RFC9162.PROOF(m, entries);
  const theyVerify = (path: Uint8Array[]) =>
    RFC9162.verifyConsistencyProof(root1, root2, {
      log_id: '',
      tree_size_1: m,
      tree_size_2: entries.length,
      consistency_path: path,
    });
  return { leaves, root1, root2, ours, theirs, theyVerify };
}

describe('cross-check with @transmute/rfc9162', () => {
  it('tree hashes and inclusion paths match byte for byte, and each side accepts the other’s proofs', async () => {
    await fc.assert(
      fc.asyncProperty(entriesArb(1, 100), async (entries) => {
        const leaves = leafHashesOf(entries);
        const root = mth(leaves);
        expect(bytesToHex(await RFC9162.MTH(entries))).toBe(bytesToHex(root));
        for (let m = 0; m < entries.length; m++) {
          const theirs = await RFC9162.PATH(m, entries);
          const ours = inclusionPath(m, leaves);
          expect(hexes(ours)).toEqual(hexes(theirs));
          const leaf = leaves[m] ?? new Uint8Array();
          expect(verifyInclusion(m, entries.length, leaf, theirs, root)).toBe(true);
          const proof = { log_id: '', tree_size: entries.length, leaf_index: m, inclusion_path: ours };
          expect(await RFC9162.verifyInclusionProof(root, leaf, proof)).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('consistency proofs match byte for byte when m is not a power of two, and each side accepts the other’s', async () => {
    await fc.assert(
      fc.asyncProperty(entriesArb(3, 100), fc.nat(), async (entries, pick) => {
        const m = 1 + (pick % (entries.length - 1));
        fc.pre(!isPowerOfTwo(m));
        const { root1, root2, ours, theirs, theyVerify } = await bothConsistencyProofs(entries, m);
        expect(hexes(ours)).toEqual(hexes(theirs));
        expect(verifyConsistency(m, entries.length, root1, root2, theirs)).toBe(true);
        expect(await theyVerify(ours)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('departs from RFC 9162 when m is a power of two: its PROOF adds MTH(D[0:m]) in front, and its verifier skips step 2', async () => {
    // RFC 9162 §2.1.4.1: SUBPROOF(m, D_m, true) = {}, so the old root is left out and the
    // verifier prepends it (§2.1.4.2 step 2). The package always emits it and never prepends.
    await fc.assert(
      fc.asyncProperty(entriesArb(2, 100), fc.nat(), async (entries, pick) => {
        const powers = [1, 2, 4, 8, 16, 32, 64].filter((p) => p < entries.length);
        const m = powers[pick % powers.length] ?? 1;
        const { root1, root2, ours, theirs, theyVerify } = await bothConsistencyProofs(entries, m);
        expect(hexes(theirs)).toEqual(hexes([root1, ...ours]));
        expect(verifyConsistency(m, entries.length, root1, root2, theirs)).toBe(false);
        expect(verifyConsistency(m, entries.length, root1, root2, theirs.slice(1))).toBe(true);
        expect(await theyVerify(ours)).toBe(false);
        expect(await theyVerify(theirs)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('departs from RFC 9162 §2.1.3.2 step 1: its verifier accepts a leaf index equal to the tree size', async () => {
    const entries = [Uint8Array.of(1), Uint8Array.of(2)];
    const leaves = leafHashesOf(entries);
    const [leaf0 = new Uint8Array(), leaf1 = new Uint8Array()] = leaves;
    const root = mth(leaves);
    const outOfRange = { log_id: '', tree_size: 2, leaf_index: 2, inclusion_path: [leaf1] };
    expect(await RFC9162.verifyInclusionProof(root, leaf0, outOfRange)).toBe(true);
    expect(verifyInclusion(2, 2, leaf0, [leaf1], root)).toBe(false);
  });
});
