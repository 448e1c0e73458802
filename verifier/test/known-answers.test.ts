import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  consistencyProof,
  equalBytes,
  hexToBytes,
  inclusionPath,
  leafHash,
  mth,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from '../merkle.mjs';

const hexes = (list: Uint8Array[]): string[] => list.map((h) => bytesToHex(h));

/** SHA-256 written out with node:crypto directly, independent of merkle.mjs. */
const sha256Hex = (...parts: Uint8Array[]): string => {
  const hash = createHash('sha256');
  parts.forEach((p) => hash.update(p));
  return hash.digest('hex');
};

/** The leaves of the reference test vectors of RFC 6962's reference implementation (certificate-transparency). */
const VECTOR_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => leafHash(hexToBytes(hex)));

const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('known answers', () => {
  it('the empty tree hashes to the SHA-256 of the empty string', () => {
    expect(bytesToHex(mth([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('leaf and node hashes carry the 0x00 and 0x01 prefixes', () => {
    const a = new TextEncoder().encode('a');
    expect(bytesToHex(leafHash(a))).toBe('022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c');
    const l = leafHash(a);
    expect(bytesToHex(nodeHash(l, l))).toBe(sha256Hex(Uint8Array.of(1), l, l));
  });

  it('a three-leaf tree matches the hashes worked out by hand', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((s) => new TextEncoder().encode(s)) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const ha = hexToBytes(sha256Hex(Uint8Array.of(0), a));
    const hb = hexToBytes(sha256Hex(Uint8Array.of(0), b));
    const hc = hexToBytes(sha256Hex(Uint8Array.of(0), c));
    const hab = hexToBytes(sha256Hex(Uint8Array.of(1), ha, hb));
    const root = sha256Hex(Uint8Array.of(1), hab, hc);
    const leaves = [ha, hb, hc];

    expect(bytesToHex(mth(leaves))).toBe(root);
    expect(hexes(inclusionPath(0, leaves))).toEqual(hexes([hb, hc]));
    expect(hexes(inclusionPath(2, leaves))).toEqual(hexes([hab]));
    expect(hexes(consistencyProof(1, leaves))).toEqual(hexes([hb, hc]));
    expect(hexes(consistencyProof(2, leaves))).toEqual(hexes([hc]));
    expect(verifyInclusion(1, 3, hb, [ha, hc], hexToBytes(root))).toBe(true);
    expect(verifyConsistency(2, 3, hab, hexToBytes(root), [hc])).toBe(true);
  });

  it('reproduces the RFC 6962 reference roots for trees of 1 to 8 leaves', () => {
    VECTOR_ROOTS.forEach((root, i) => expect(bytesToHex(mth(VECTOR_LEAVES.slice(0, i + 1)))).toBe(root));
  });

  it('reproduces the RFC 6962 reference inclusion proofs', () => {
    const cases: [number, number, string[]][] = [
      [
        0,
        8,
        [
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        5,
        8,
        [
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
      [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
      [
        1,
        5,
        [
          '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        ],
      ],
    ];
    for (const [m, n, path] of cases) {
      const leaves = VECTOR_LEAVES.slice(0, n);
      expect(hexes(inclusionPath(m, leaves))).toEqual(path);
      const root = hexToBytes(VECTOR_ROOTS[n - 1] ?? '');
      expect(verifyInclusion(m, n, leaves[m] ?? new Uint8Array(), path.map(hexToBytes), root)).toBe(true);
    }
  });

  it('reproduces the RFC 6962 reference consistency proofs', () => {
    const cases: [number, number, string[]][] = [
      [1, 1, []],
      [
        1,
        8,
        [
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        6,
        8,
        [
          '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
      [
        2,
        5,
        [
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        ],
      ],
    ];
    for (const [m, n, proof] of cases) {
      expect(hexes(consistencyProof(m, VECTOR_LEAVES.slice(0, n)))).toEqual(proof);
      const root1 = hexToBytes(VECTOR_ROOTS[m - 1] ?? '');
      const root2 = hexToBytes(VECTOR_ROOTS[n - 1] ?? '');
      expect(verifyConsistency(m, n, root1, root2, proof.map(hexToBytes))).toBe(true);
    }
  });

  it('converts hex both ways and refuses malformed hex', () => {
    expect(bytesToHex(hexToBytes('00ff10Ab'))).toBe('00ff10ab');
    expect(equalBytes(hexToBytes(''), new Uint8Array())).toBe(true);
    for (const bad of ['0', 'zz', '0g', ' 00', '00 ']) {
      expect(() => hexToBytes(bad)).toThrow();
    }
  });
});
