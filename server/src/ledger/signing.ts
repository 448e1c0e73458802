import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
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
 * Writes a new key beside `file`, then links it into place: the link is atomic and never
 * replaces an existing file, so when several instances start at once exactly one key wins and
 * every instance reads that one.
 */
function createKeyFile(file: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, String(privateKey.export({ type: 'pkcs8', format: 'pem' })), {
    mode: 0o600,
    flag: 'wx',
  });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * Loads the signing key from `file`, or creates it there on first start (PKCS#8 PEM, mode 0600,
 * never overwritten). Refuses a key file that others can read.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) {
    createKeyFile(file);
  }
  const pem = readFileSync(file, 'utf8');
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new Error(`the ledger signing key ${file} must be readable by its owner only (chmod 600)`);
  }
  const privateKey = createPrivateKey(pem);
  const publicKeyPem = String(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicKeyPem, keyId: keyIdOf(publicKeyPem) };
}
