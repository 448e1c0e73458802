import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusionPath, mth, nodeHash, rootFromInclusionProof, verifyInclusion } from '../merkle.mjs';
import { entriesArb, flipByte, leafHashesOf, pathShape } from './trees';

/** A random tree with one of its leaves picked. */
const treeAndIndex = entriesArb(1, 300).chain((entries) =>
  fc.record({ leaves: fc.constant(leafHashesOf(entries)), m: fc.nat({ max: entries.length - 1 }) }),
);

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it('every inclusion proof of a random tree of 1 to 300 leaves verifies', () => {
    fc.assert(
      fc.property(entriesArb(1, 300), (entries) => {
        const leaves = leafHashesOf(entries);
        const root = mth(leaves);
        leaves.forEach((leaf, m) => {
          expect(verifyInclusion(m, leaves.length, leaf, inclusionPath(m, leaves), root)).toBe(true);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('an inclusion proof fails after one byte of the leaf hash, a path element or the root changes', () => {
    const tamper = fc.record({
      target: fc.nat(),
      position: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    });
    fc.assert(
      fc.property(treeAndIndex, tamper, ({ leaves, m }, { target, position, mask }) => {
        const n = leaves.length;
        const parts = [leaves[m] ?? new Uint8Array(), ...inclusionPath(m, leaves), mth(leaves)];
        const t = target % parts.length;
        parts[t] = flipByte(parts[t] ?? new Uint8Array(), position, mask);
        const [leaf, ...rest] = parts;
        const root = rest.pop();
        expect(verifyInclusion(m, n, leaf ?? new Uint8Array(), rest, root ?? new Uint8Array())).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('an inclusion proof fails at any other leaf index', () => {
    fc.assert(
      fc.property(treeAndIndex, fc.nat(), ({ leaves, m }, other) => {
        const n = leaves.length;
        const wrong = (m + 1 + (other % (n + 3))) % (n + 4); // any index but m, some beyond the tree
        fc.pre(wrong !== m);
        const leaf = leaves[m] ?? new Uint8Array();
        expect(verifyInclusion(wrong, n, leaf, inclusionPath(m, leaves), mth(leaves))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('a wrong tree size fails unless it gives the path the very same shape', () => {
    // The size only tells the verifier the shape of the path; sizes with the same shape (say 5
    // and 6 for leaf 0) lead to the same root. Harmless, as the signed head fixes the size.
    let rejected = 0;
    fc.assert(
      fc.property(treeAndIndex, fc.integer({ min: 1, max: 600 }), ({ leaves, m }, wrongSize) => {
        const n = leaves.length;
        fc.pre(wrongSize !== n);
        const sameShape = wrongSize > m && pathShape(m, wrongSize) === pathShape(m, n);
        const accepted = verifyInclusion(
          m,
          wrongSize,
          leaves[m] ?? new Uint8Array(),
          inclusionPath(m, leaves),
          mth(leaves),
        );
        expect(accepted).toBe(sameShape);
        rejected += accepted ? 0 : 1;
      }),
      { numRuns: 400 },
    );
    expect(rejected).toBeGreaterThan(200);
  });

  it('a wrong tree size with the same path shape yields the same root, so the size must come from the signed head', () => {
    const leaves = leafHashesOf(Array.from({ length: 6 }, (_, i) => Uint8Array.of(i)));
    const five = leaves.slice(0, 5);
    expect(verifyInclusion(0, 6, five[0] ?? new Uint8Array(), inclusionPath(0, five), mth(five))).toBe(true);
    expect(verifyInclusion(4, 6, five[4] ?? new Uint8Array(), inclusionPath(4, five), mth(five))).toBe(false);
  });

  it('refuses malformed input: rootFromInclusionProof throws, verifyInclusion says false', () => {
    const leaves = leafHashesOf(Array.from({ length: 5 }, (_, i) => Uint8Array.of(i)));
    const [leaf = new Uint8Array(), , leaf2 = new Uint8Array()] = leaves;
    const path = inclusionPath(0, leaves);
    const root = mth(leaves);
    const malformed: [number, number, Uint8Array, Uint8Array[]][] = [
      [5, 5, leaf, path], // index = size
      [-1, 5, leaf, path],
      [0.5, 5, leaf, path],
      [0, 0, leaf, []],
      [0, 5, leaf, path.slice(1)], // too short
      [0, 5, leaf, [...path, leaf2]], // too long
      [0, 5, leaf, [path[0] ?? leaf, leaf.subarray(1), path[2] ?? leaf]], // a 31-byte hash
      [0, 5, leaf.subarray(1), path],
    ];
    for (const [m, n, l, p] of malformed) {
      expect(() => rootFromInclusionProof(m, n, l, p)).toThrow();
      expect(verifyInclusion(m, n, l, p, root)).toBe(false);
    }
    expect(verifyInclusion(0, 5, leaf, path, root.subarray(1))).toBe(false);
    expect(verifyInclusion(0, 5, leaf, 'x' as unknown as Uint8Array[], root)).toBe(false);
    expect(() => inclusionPath(5, leaves)).toThrow();
  });

  it('handles tree sizes beyond 2^32, where bit operators would wrap', () => {
    // Leaf 2^32 + 1 of a tree of 2^32 + 2 leaves: its path is the sibling leaf, then one node
    // for the complete left subtree of 2^32 leaves. The hashes are arbitrary; the shape is not.
    const [a, b, c] = leafHashesOf([Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const size = 2 ** 32 + 2;
    const root = nodeHash(c, nodeHash(a, b));
    expect(verifyInclusion(size - 1, size, b, [a, c], root)).toBe(true);
    expect(verifyInclusion(size - 2, size, b, [a, c], root)).toBe(false);
    expect(pathShape(size - 1, size)).toBe('LL');
  });
});
