import * as verifier from '@quancheng/verifier';
import { RFC9162 } from '@transmute/rfc9162';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completedByAppend,
  consistencyPath,
  inclusionPath,
  leafHash,
  leafHashHex,
  nodeHash,
  nodeKey,
  nodesNeeded,
  rootAt,
  type NodeGetter,
} from './tree';

/** Builds the stored-node table the way appends do, one leaf at a time. */
function storedTree(entries: Uint8Array[]): NodeGetter {
  const nodes = new Map<string, Uint8Array>();
  entries.forEach((entry, i) => {
    let below = leafHash(entry);
    nodes.set(nodeKey({ level: 0, idx: i }), below);
    for (const { node, left } of completedByAppend(i)) {
      below = nodeHash(nodes.get(nodeKey(left)) ?? new Uint8Array(), below);
      nodes.set(nodeKey(node), below);
    }
  });
  return (level, idx) => {
    const hash = nodes.get(nodeKey({ level, idx }));
    if (!hash) {
      throw new Error(`node ${level}:${idx} not stored`);
    }
    return hash;
  };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const entriesArb = fc.array(fc.uint8Array({ minLength: 0, maxLength: 24 }), { minLength: 1, maxLength: 70 });

describe('Merkle tree over stored subtree hashes', () => {
  it('A36.1 roots, inclusion paths and consistency proofs equal an independent RFC 9162 implementation', async () => {
    await fc.assert(
      fc.asyncProperty(entriesArb, fc.nat(), fc.nat(), async (entries, a, b) => {
        const n = entries.length;
        const get = storedTree(entries);
        expect(hex(rootAt(n, get))).toBe(hex(await RFC9162.MTH(entries)));
        const m = a % n;
        expect(inclusionPath(m, n, get).map(hex)).toEqual((await RFC9162.PATH(m, entries)).map(hex));
        const from = (b % n) + 1;
        if (from < n) {
          // @transmute/rfc9162 0.0.5 ignores SUBPROOF's b flag: when `from` is a power of two it
          // prepends MTH(D[0:from]), which RFC 9162 §2.1.4.1 leaves out (the verifier already
          // holds that root). Everything after it must match exactly.
          const theirs = (await RFC9162.PROOF(from, entries)).map(hex);
          const powerOfTwo = Number.isInteger(Math.log2(from));
          if (powerOfTwo) {
            expect(theirs[0]).toBe(hex(rootAt(from, get)));
          }
          expect(consistencyPath(from, n, get).map(hex)).toEqual(theirs.slice(powerOfTwo ? 1 : 0));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("A36.1 leaf and node hashes are the stand-alone verifier's, for any bytes or text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 9000 }), fc.string({ unit: 'grapheme', maxLength: 3000 })),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (leaf, left, right) => {
          const bytes = typeof leaf === 'string' ? new TextEncoder().encode(leaf) : leaf;
          expect(hex(leafHash(leaf))).toBe(hex(verifier.leafHash(bytes)));
          if (typeof leaf === 'string') {
            expect(leafHashHex(leaf)).toBe(hex(verifier.leafHash(bytes)));
          }
          expect(hex(nodeHash(left, right))).toBe(hex(verifier.nodeHash(left, right)));
          // Results are fresh arrays: the scratch buffer behind them is reused by the next call.
          const first = leafHash(bytes);
          leafHash(new Uint8Array(5000));
          expect(hex(first)).toBe(hex(verifier.leafHash(bytes)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('A36.1 a leaf longer than any before (the scratch buffer grows) hashes the same', () => {
    for (const n of [1_000, 5_000, 40_000, 300_000, 2_000_000]) {
      for (const leaf of ['é'.repeat(n), `${'a'.repeat(n)}\ud800`]) {
        const expected = hex(verifier.leafHash(new TextEncoder().encode(leaf)));
        expect(leafHashHex(leaf)).toBe(expected);
        expect(hex(leafHash(`${leaf}${leaf}`))).toBe(
          hex(verifier.leafHash(new TextEncoder().encode(`${leaf}${leaf}`))),
        );
      }
    }
  });

  it('needs only O(log n) stored nodes for a proof', () => {
    const count = (compute: (get: NodeGetter) => unknown) => nodesNeeded(compute).length;
    for (const n of [1_000, 1_000_000, 10_000_000, 2 ** 40 + 12_345]) {
      const bound = 2 * Math.ceil(Math.log2(n)) + 2;
      expect(count((get) => inclusionPath(n - 1, n, get))).toBeLessThanOrEqual(bound);
      expect(count((get) => inclusionPath(0, n, get))).toBeLessThanOrEqual(bound);
      expect(count((get) => consistencyPath(Math.floor(n / 3), n, get))).toBeLessThanOrEqual(bound);
      expect(count((get) => rootAt(n, get))).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
    }
  });

  it('an append completes one node per trailing one-bit of its index', () => {
    expect(completedByAppend(0)).toEqual([]);
    expect(completedByAppend(1)).toEqual([{ node: { level: 1, idx: 0 }, left: { level: 0, idx: 0 } }]);
    expect(completedByAppend(7).map((c) => nodeKey(c.node))).toEqual(['1:3', '2:1', '3:0']);
    expect(() => inclusionPath(5, 5, storedTree([new Uint8Array()]))).toThrow(RangeError);
  });
});
