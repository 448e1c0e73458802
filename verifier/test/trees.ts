/** Shared test material: random trees, proof shapes, signing keys and hand-built bundles. */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { bytesToHex, inclusionPath, leafHash, mth } from '../merkle.mjs';
import { BUNDLE_FORMAT, LOG_ID, headSigningBytes, keyIdOf, type SignedTreeHead } from '../bundle.mjs';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Random lists of n distinct entries (min ≤ n ≤ max). Distinct because with two equal leaves a
 * proof for one is, rightly, also a proof for the other, and "wrong index fails" would not hold.
 */
export function entriesArb(min: number, max: number): fc.Arbitrary<Uint8Array[]> {
  return fc
    .integer({ min, max })
    .chain((n) => fc.array(fc.uint8Array({ maxLength: 24 }), { minLength: n, maxLength: n }))
    .map((list) => list.map((bytes, i) => Uint8Array.from([...utf8(`${i}:`), ...bytes])));
}

export const leafHashesOf = (entries: Uint8Array[]): Uint8Array[] => entries.map((e) => leafHash(e));

/** A copy of `bytes` with the byte at `position` (taken modulo the length) XOR-ed with a non-zero mask. */
export function flipByte(bytes: Uint8Array, position: number, mask: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const i = position % copy.length;
  copy[i] = (copy[i] ?? 0) ^ (mask % 255 || 1);
  return copy;
}

/** The largest power of two strictly less than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/**
 * The side of each sibling in PATH(m, D_n), read off the recursive definition of RFC 9162
 * §2.1.3.1 ('R': the sibling is to the right). A verifier sees a tree only through this shape.
 */
export function pathShape(m: number, n: number): string {
  if (n === 1) {
    return '';
  }
  const k = splitPoint(n);
  return m < k ? pathShape(m, k) + 'R' : pathShape(m - k, n - k) + 'L';
}

/** The same for PROOF(m, D_n) of §2.1.4.1 ('N': an explicit MTH(D[0:m]) subtree, '' when implicit). */
export function proofShape(m: number, n: number, complete = true): string {
  if (m === n) {
    return complete ? '' : 'N';
  }
  const k = splitPoint(n);
  return m <= k ? proofShape(m, k, complete) + 'R' : proofShape(m - k, n - k, false) + 'L';
}

export interface TestKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

export function newKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = String(publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicKeyPem, keyId: keyIdOf(publicKeyPem) };
}

export function signHead(
  key: TestKey,
  treeSize: number,
  rootHash: string,
  timestamp: string,
): SignedTreeHead {
  const fields = { treeSize, rootHash, timestamp, keyId: key.keyId };
  const signature = sign(null, headSigningBytes(fields), key.privateKey).toString('base64');
  return { ...fields, signature };
}

/** A ledger event as the server writes it: canonical JSON, with Chinese text to exercise UTF-8. */
export function eventText(seq: number): string {
  return JSON.stringify({
    action: seq % 2 === 0 ? 'case.update' : 'case.create',
    at: `2026-11-28T08:${String(seq % 60).padStart(2, '0')}:00.000Z`,
    note: `第${seq}号案件：张三劳动保障监察`,
    seq,
  });
}

export interface TestBundle {
  format: string;
  log: string;
  publicKeyPem: string;
  head: SignedTreeHead;
  entries: { seq: number; leafIndex: number; event: string; inclusionPath: string[] }[];
}

/** A bundle for the given sequence numbers over a log of `treeSize` events, signed with `key`. */
export function makeBundle(key: TestKey, treeSize: number, seqs: number[]): TestBundle {
  const events = Array.from({ length: treeSize }, (_, i) => eventText(i + 1));
  const hashes = events.map((e) => leafHash(utf8(e)));
  const head = signHead(key, treeSize, bytesToHex(mth(hashes)), '2026-11-28T09:00:00.000Z');
  const entries = seqs.map((seq) => ({
    seq,
    leafIndex: seq - 1,
    event: events[seq - 1] ?? '',
    inclusionPath: inclusionPath(seq - 1, hashes).map((h) => bytesToHex(h)),
  }));
  return { format: BUNDLE_FORMAT, log: LOG_ID, publicKeyPem: key.publicKeyPem, head, entries };
}
