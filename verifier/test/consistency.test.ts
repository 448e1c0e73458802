import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProof, mth, verifyConsistency } from '../merkle.mjs';
import { entriesArb, flipByte, leafHashesOf, proofShape } from './trees';

/** A random tree of n leaves and an earlier size m, 1 ≤ m ≤ n (or m < n with `strict`). */
const treeAndEarlierSize = (strict: boolean) =>
  entriesArb(strict ? 2 : 1, 300).chain((entries) =>
    fc.record({
      leaves: fc.constant(leafHashesOf(entries)),
      m: fc.integer({ min: 1, max: entries.length - (strict ? 1 : 0) }),
    }),
  );

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it('every consistency proof between random sizes m ≤ n verifies', () => {
    fc.assert(
      fc.property(entriesArb(1, 300), fc.nat(), fc.nat(), (entries, a, b) => {
        const leaves = leafHashesOf(entries);
        const n = 1 + (a % leaves.length);
        const m = b % (n + 1); // 0 ≤ m ≤ n
        const proof = consistencyProof(m, leaves.slice(0, n));
        expect(verifyConsistency(m, n, mth(leaves.slice(0, m)), mth(leaves.slice(0, n)), proof)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('every earlier size of a tree is proven consistent with it', () => {
    fc.assert(
      fc.property(entriesArb(1, 130), (entries) => {
        const leaves = leafHashesOf(entries);
        const root = mth(leaves);
        for (let m = 0; m <= leaves.length; m++) {
          const proof = consistencyProof(m, leaves);
          expect(verifyConsistency(m, leaves.length, mth(leaves.slice(0, m)), root, proof)).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('a consistency proof fails after one byte of either root or any proof element changes', () => {
    const tamper = fc.record({
      target: fc.nat(),
      position: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    });
    fc.assert(
      fc.property(treeAndEarlierSize(false), tamper, ({ leaves, m }, { target, position, mask }) => {
        const n = leaves.length;
        const parts = [mth(leaves.slice(0, m)), mth(leaves), ...consistencyProof(m, leaves)];
        const t = target % parts.length;
        parts[t] = flipByte(parts[t] ?? new Uint8Array(), position, mask);
        const [root1, root2, ...proof] = parts;
        expect(verifyConsistency(m, n, root1 ?? new Uint8Array(), root2 ?? new Uint8Array(), proof)).toBe(
          false,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('wrong sizes fail unless they give the proof the very same shape', () => {
    // As with inclusion, sizes only tell the verifier the proof's shape: 4 → 5 and 4 → 6 look
    // alike. The signed heads fix both sizes, so this cannot be used to claim a false size.
    let rejected = 0;
    const sizes = fc.record({ m2: fc.integer({ min: 0, max: 600 }), n2: fc.integer({ min: 1, max: 600 }) });
    fc.assert(
      fc.property(treeAndEarlierSize(true), sizes, ({ leaves, m }, { m2, n2 }) => {
        const n = leaves.length;
        fc.pre(m2 !== m || n2 !== n);
        const proof = consistencyProof(m, leaves);
        const sameShape = 0 < m2 && m2 < n2 && proofShape(m2, n2) === proofShape(m, n);
        const accepted = verifyConsistency(m2, n2, mth(leaves.slice(0, m)), mth(leaves), proof);
        expect(accepted).toBe(sameShape);
        rejected += accepted ? 0 : 1;
      }),
      { numRuns: 400 },
    );
    expect(rejected).toBeGreaterThan(200);
  });

  it('a proof for 4 → 5 also passes as 4 → 6, the shape being the same', () => {
    const leaves = leafHashesOf(Array.from({ length: 5 }, (_, i) => Uint8Array.of(i)));
    const proof = consistencyProof(4, leaves);
    expect(verifyConsistency(4, 6, mth(leaves.slice(0, 4)), mth(leaves), proof)).toBe(true);
    expect(verifyConsistency(4, 9, mth(leaves.slice(0, 4)), mth(leaves), proof)).toBe(false);
  });

  it('handles the edge cases: equal sizes, the empty tree, and malformed input', () => {
    const leaves = leafHashesOf(Array.from({ length: 7 }, (_, i) => Uint8Array.of(i)));
    const root7 = mth(leaves);
    const root3 = mth(leaves.slice(0, 3));
    const proof = consistencyProof(3, leaves);
    const empty = mth([]);
    expect(verifyConsistency(7, 7, root7, root7, [])).toBe(true);
    expect(verifyConsistency(7, 7, root7, root3, [])).toBe(false);
    expect(verifyConsistency(7, 7, root7, root7, [root7])).toBe(false);
    expect(verifyConsistency(0, 7, empty, root7, [])).toBe(true);
    expect(verifyConsistency(0, 7, root3, root7, [])).toBe(false);
    expect(verifyConsistency(0, 7, empty, root7, [root7])).toBe(false);
    expect(verifyConsistency(0, 0, empty, empty, [])).toBe(true);
    expect(verifyConsistency(3, 7, root3, root7, [])).toBe(false);
    expect(verifyConsistency(7, 3, root7, root3, proof)).toBe(false);
    expect(verifyConsistency(-1, 7, root3, root7, proof)).toBe(false);
    expect(verifyConsistency(3, 7.5, root3, root7, proof)).toBe(false);
    expect(verifyConsistency(3, 7, root3.subarray(1), root7, proof)).toBe(false);
    expect(verifyConsistency(3, 7, root3, root7, [...proof.slice(0, -1), new Uint8Array(31)])).toBe(false);
    expect(verifyConsistency(3, 7, root3, root7, null as unknown as Uint8Array[])).toBe(false);
    expect(consistencyProof(7, leaves)).toEqual([]);
    expect(consistencyProof(0, leaves)).toEqual([]);
    expect(() => consistencyProof(8, leaves)).toThrow();
  });
});
