/**
 * The bytes a head's signature covers. Throws if treeSize is not a safe non-negative integer.
 * @param {HeadFields} head @returns {Uint8Array}
 */
export function headSigningBytes(head: HeadFields): Uint8Array;
/**
 * Lower-case hex SHA-256 of the raw 32-byte Ed25519 public key (the last 32 bytes of its SPKI DER).
 * Throws if the text is not an Ed25519 public key.
 * @param {string} publicKeyPem @returns {string}
 */
export function keyIdOf(publicKeyPem: string): string;
/**
 * True when the head's Ed25519 signature is valid under the key (SPKI PEM). Never throws.
 * @param {SignedTreeHead} head @param {string} publicKeyPem @returns {boolean}
 */
export function verifyHeadSignature(head: SignedTreeHead, publicKeyPem: string): boolean;
/**
 * Checks a signed head against a public key: its shape, that it names that key, its signature.
 * @param {unknown} head @param {unknown} publicKeyPem
 * @returns {{ head: SignedTreeHead | null, keyId: string | null, problems: string[] }}
 */
export function checkHead(
  head: unknown,
  publicKeyPem: unknown,
): {
  head: SignedTreeHead | null;
  keyId: string | null;
  problems: string[];
};
/**
 * Why a leaf is not proven included in the head, or null when it is.
 * @param {SignedTreeHead} head @param {Uint8Array} leafBytes @param {number} leafIndex @param {unknown} path
 * @returns {string | null}
 */
export function inclusionProblem(
  head: SignedTreeHead,
  leafBytes: Uint8Array,
  leafIndex: number,
  path: unknown,
): string | null;
/**
 * Verifies a proof bundle. With `publicKeyPem` (the key obtained from the bureau independently)
 * that key is used and the embedded one only compared to it. Never throws: everything wrong is
 * listed in `problems`, and `ok` is true only when nothing is.
 * @param {unknown} bundle @param {{ publicKeyPem?: string }} [options]
 * @returns {BundleReport}
 */
export function verifyBundle(
  bundle: unknown,
  options?: {
    publicKeyPem?: string;
  },
): BundleReport;
export const LOG_ID: 'quancheng';
export const BUNDLE_FORMAT: 'quancheng-proof-bundle/1';
export type HeadFields = {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
};
export type SignedTreeHead = HeadFields & {
  signature: string;
};
export type EntryResult = {
  seq: number;
  ok: boolean;
  reason?: string;
};
export type BundleReport = {
  ok: boolean;
  keyId: string | null;
  head: SignedTreeHead | null;
  entries: EntryResult[];
  problems: string[];
};
export type BundleEntry = {
  seq: number;
  leafIndex: number;
  event: string;
  inclusionPath: string[];
};
