import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { headSigningBytes, keyIdOf, type HeadFields } from '@quancheng/verifier/bundle';

/** The bureau's Ed25519 key that signs tree heads. Kept outside the database (DESIGN.md §5). */
export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

export function signHeadFields(key: SigningKey, head: HeadFields): string {
  return sign(null, headSigningBytes(head), key.privateKey).toString('base64');
}

/**
 * Loads the signing key from `file`, or creates it there on first start (PKCS#8 PEM, mode 0600,
 * never overwritten). Refuses a key file that others can read.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  let pem: string;
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new Error(`the ledger signing key ${file} must be readable by its owner only (chmod 600)`);
  }
  const privateKey = createPrivateKey(pem);
  const publicKeyPem = String(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicKeyPem, keyId: keyIdOf(publicKeyPem) };
}
