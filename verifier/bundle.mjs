// @ts-check
/* global TextEncoder, atob, btoa -- Node ≥ 20 globals */
/**
 * Signed tree heads and proof bundles of the Quancheng ledger.
 *
 * A bundle proves, to anyone holding the bureau's public key, that each listed event was recorded
 * in the ledger as exactly these bytes, at this position, in a tree whose head the bureau signed.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { hexToBytes, leafHash, verifyInclusion } from './merkle.mjs';

export const LOG_ID = 'quancheng';
export const BUNDLE_FORMAT = 'quancheng-proof-bundle/1';

/**
 * @typedef {{ treeSize: number, rootHash: string, timestamp: string, keyId: string }} HeadFields
 * @typedef {HeadFields & { signature: string }} SignedTreeHead
 * @typedef {{ seq: number, ok: boolean, reason?: string }} EntryResult
 * @typedef {{ ok: boolean, keyId: string | null, head: SignedTreeHead | null, entries: EntryResult[],
 *   problems: string[] }} BundleReport
 * @typedef {{ seq: number, leafIndex: number, event: string, inclusionPath: string[] }} BundleEntry
 */

const HEX_HASH = /^[0-9a-f]{64}$/;

/** @param {unknown} x @returns {x is Record<string, unknown>} */
const isObject = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);

/** @param {unknown} x @returns {x is string[]} */
const isHexPath = (x) => Array.isArray(x) && x.every((p) => typeof p === 'string' && HEX_HASH.test(p));

/** @param {unknown} x @returns {x is number} */
const isCount = (x) => Number.isSafeInteger(x) && /** @type {number} */ (x) >= 0;

/**
 * RFC 8785 canonical JSON of a flat object of strings and safe integers: keys sorted by UTF-16
 * code units (JavaScript's default sort), values as JSON.stringify writes them, no whitespace.
 * @param {Record<string, string | number>} fields
 */
function canonicalFlatJson(fields) {
  const keys = Object.keys(fields).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(fields[key])}`).join(',')}}`;
}

/**
 * The bytes a head's signature covers. Throws if treeSize is not a safe non-negative integer.
 * @param {HeadFields} head @returns {Uint8Array}
 */
export function headSigningBytes(head) {
  if (!isCount(head.treeSize)) {
    throw new Error('treeSize must be a non-negative safe integer');
  }
  const { keyId, rootHash, timestamp, treeSize } = head;
  return new TextEncoder().encode(canonicalFlatJson({ keyId, log: LOG_ID, rootHash, timestamp, treeSize }));
}

/**
 * Strict base64: text that does not re-encode to itself is refused, so a signature has one spelling.
 * @param {string} text
 */
function base64ToBytes(text) {
  const binary = atob(text);
  if (btoa(binary) !== text) {
    throw new Error('not canonical base64');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** @param {string} publicKeyPem */
function ed25519Key(publicKeyPem) {
  const key = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`not an Ed25519 public key (${key.asymmetricKeyType ?? 'unknown type'})`);
  }
  return key;
}

/**
 * Lower-case hex SHA-256 of the raw 32-byte Ed25519 public key (the last 32 bytes of its SPKI DER).
 * Throws if the text is not an Ed25519 public key.
 * @param {string} publicKeyPem @returns {string}
 */
export function keyIdOf(publicKeyPem) {
  const der = ed25519Key(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256')
    .update(der.subarray(der.length - 32))
    .digest('hex');
}

/**
 * True when the head's Ed25519 signature is valid under the key (SPKI PEM). Never throws.
 * @param {SignedTreeHead} head @param {string} publicKeyPem @returns {boolean}
 */
export function verifyHeadSignature(head, publicKeyPem) {
  try {
    return verify(null, headSigningBytes(head), ed25519Key(publicKeyPem), base64ToBytes(head.signature));
  } catch {
    return false;
  }
}

/** @param {unknown} head @returns {head is SignedTreeHead} */
function isSignedTreeHead(head) {
  return (
    isObject(head) &&
    isCount(head['treeSize']) &&
    typeof head['rootHash'] === 'string' &&
    HEX_HASH.test(head['rootHash']) &&
    ['timestamp', 'keyId', 'signature'].every((field) => typeof head[field] === 'string')
  );
}

/**
 * Checks a signed head against a public key: its shape, that it names that key, its signature.
 * @param {unknown} head @param {unknown} publicKeyPem
 * @returns {{ head: SignedTreeHead | null, keyId: string | null, problems: string[] }}
 */
export function checkHead(head, publicKeyPem) {
  const problems = [];
  let keyId = null;
  try {
    keyId = keyIdOf(String(publicKeyPem));
  } catch (error) {
    problems.push(`公钥无法读取 / the public key cannot be read: ${String(error)}`);
  }
  if (!isSignedTreeHead(head)) {
    problems.push('签名树头格式错误 / the signed tree head is malformed');
    return { head: null, keyId, problems };
  }
  if (keyId !== null && head.keyId !== keyId) {
    problems.push(
      `树头由密钥 ${head.keyId} 签名，而所用公钥为 ${keyId} / the head names key ${head.keyId}, the key used is ${keyId}`,
    );
  }
  if (keyId !== null && !verifyHeadSignature(head, String(publicKeyPem))) {
    problems.push('树头签名无效 / the tree head signature is invalid');
  }
  return { head, keyId, problems };
}

/**
 * Why a leaf is not proven included in the head, or null when it is.
 * @param {SignedTreeHead} head @param {Uint8Array} leafBytes @param {number} leafIndex @param {unknown} path
 * @returns {string | null}
 */
export function inclusionProblem(head, leafBytes, leafIndex, path) {
  if (!isCount(leafIndex) || leafIndex >= head.treeSize) {
    return `叶序号 ${leafIndex} 不在树大小 ${head.treeSize} 之内 / leaf index ${leafIndex} is outside tree size ${head.treeSize}`;
  }
  if (!isHexPath(path)) {
    return '包含证明格式错误 / the inclusion path is malformed';
  }
  const hashes = path.map((p) => hexToBytes(p));
  if (!verifyInclusion(leafIndex, head.treeSize, leafHash(leafBytes), hashes, hexToBytes(head.rootHash))) {
    return '包含证明与签名树头的根哈希不符 / the inclusion proof does not lead to the signed root hash';
  }
  return null;
}

/**
 * @param {unknown} entry @param {SignedTreeHead | null} head
 * @returns {EntryResult}
 */
function checkEntry(entry, head) {
  const seq = isObject(entry) && isCount(entry['seq']) ? entry['seq'] : -1;
  const fail = (/** @type {string} */ reason) => ({ seq, ok: false, reason });
  if (!isObject(entry) || seq < 1 || !isCount(entry['leafIndex']) || typeof entry['event'] !== 'string') {
    return fail('记录格式错误 / the entry is malformed');
  }
  if (entry['leafIndex'] !== seq - 1) {
    return fail(
      `叶序号 ${entry['leafIndex']} 不等于序号减一 / leaf index ${entry['leafIndex']} is not seq − 1`,
    );
  }
  if (head === null) {
    return fail('没有可用的签名树头 / there is no usable signed tree head');
  }
  const reason = inclusionProblem(
    head,
    new TextEncoder().encode(entry['event']),
    seq - 1,
    entry['inclusionPath'],
  );
  return reason === null ? { seq, ok: true } : fail(reason);
}

/**
 * Verifies a proof bundle. With `publicKeyPem` (the key obtained from the bureau independently)
 * that key is used and the embedded one only compared to it. Never throws: everything wrong is
 * listed in `problems`, and `ok` is true only when nothing is.
 * @param {unknown} bundle @param {{ publicKeyPem?: string }} [options]
 * @returns {BundleReport}
 */
export function verifyBundle(bundle, options = {}) {
  const b = isObject(bundle) ? bundle : {};
  const problems = [];
  if (b['format'] !== BUNDLE_FORMAT) {
    problems.push(`格式不是 ${BUNDLE_FORMAT} / the format is not ${BUNDLE_FORMAT}`);
  }
  if (b['log'] !== LOG_ID) {
    problems.push(`日志不是 ${LOG_ID} / the log is not ${LOG_ID}`);
  }
  const key = options.publicKeyPem ?? b['publicKeyPem'];
  if (options.publicKeyPem !== undefined && !sameKey(b['publicKeyPem'], options.publicKeyPem)) {
    problems.push('包内嵌的公钥与所提供的公钥不同 / the embedded public key differs from the one supplied');
  }
  const checked = checkHead(b['head'], key);
  problems.push(...checked.problems);
  const list = Array.isArray(b['entries']) ? b['entries'] : [];
  if (list.length === 0) {
    problems.push('没有任何记录 / the bundle contains no entries');
  }
  const entries = list.map((entry) => checkEntry(entry, checked.head));
  for (const e of entries) {
    if (!e.ok) {
      problems.push(`记录 / entry ${e.seq}: ${e.reason ?? ''}`);
    }
  }
  return { ok: problems.length === 0, keyId: checked.keyId, head: checked.head, entries, problems };
}

/** Compares keys, not PEM text, so that line breaks or a trailing newline don't matter. */
function sameKey(/** @type {unknown} */ embedded, /** @type {string} */ supplied) {
  try {
    return keyIdOf(String(embedded)) === keyIdOf(supplied);
  } catch {
    return false;
  }
}
