import { createHash, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headSigningBytes, keyIdOf, verifyHeadSignature, type SignedTreeHead } from '../bundle.mjs';
import { flipByte, newKey, signHead } from './trees';

const key = newKey();
const head = signHead(key, 3456, 'ab'.repeat(32), '2026-11-28T09:00:00.000Z');

/** Replaces the character at `position` (modulo length) by another one from `alphabet`. */
function changeChar(text: string, position: number, alphabet: string): string {
  const i = position % text.length;
  const others = alphabet.replace(text.charAt(i), '');
  return text.slice(0, i) + others.charAt(position % others.length) + text.slice(i + 1);
}

describe('signed tree heads', () => {
  it('signs the canonical JSON of keyId, log, rootHash, timestamp and treeSize, in that order', () => {
    const text = new TextDecoder().decode(headSigningBytes({ ...head, keyId: '键"1' }));
    expect(text).toBe(
      `{"keyId":"键\\"1","log":"quancheng","rootHash":"${'ab'.repeat(32)}","timestamp":"2026-11-28T09:00:00.000Z","treeSize":3456}`,
    );
    expect(() => headSigningBytes({ ...head, treeSize: 1.5 })).toThrow();
  });

  it('derives the key id as the SHA-256 of the raw 32-byte Ed25519 public key', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = String(publicKey.export({ type: 'spki', format: 'pem' }));
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    expect(raw).toHaveLength(32);
    expect(keyIdOf(pem)).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(keyIdOf(pem)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a signed head verifies under its key and not under another', () => {
    expect(verifyHeadSignature(head, key.publicKeyPem)).toBe(true);
    expect(verifyHeadSignature(head, newKey().publicKeyPem)).toBe(false);
  });

  it('a head fails after a one-byte change in its signature', () => {
    const signature = Uint8Array.from(Buffer.from(head.signature, 'base64'));
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (position, mask) => {
        const changed = Buffer.from(flipByte(signature, position, mask)).toString('base64');
        expect(verifyHeadSignature({ ...head, signature: changed }, key.publicKeyPem)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('a head fails after any one character of its base64 signature changes, even in the padding bits', () => {
    const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    fc.assert(
      fc.property(fc.nat(), (position) => {
        const signature = changeChar(head.signature, position, base64);
        expect(verifyHeadSignature({ ...head, signature }, key.publicKeyPem)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a head fails after a one-character change in any of its fields', () => {
    const change: Record<string, (h: SignedTreeHead, position: number) => SignedTreeHead> = {
      treeSize: (h, p) => ({ ...h, treeSize: h.treeSize + 1 + (p % 1000) }),
      rootHash: (h, p) => ({ ...h, rootHash: changeChar(h.rootHash, p, '0123456789abcdef') }),
      timestamp: (h, p) => ({ ...h, timestamp: changeChar(h.timestamp, p, '0123456789-:TZ.') }),
      keyId: (h, p) => ({ ...h, keyId: changeChar(h.keyId, p, '0123456789abcdef') }),
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(change)), fc.nat(), (field, position) => {
        const changed = change[field]?.(head, position) ?? head;
        expect(changed).not.toEqual(head);
        expect(verifyHeadSignature(changed, key.publicKeyPem)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what is not an Ed25519 key or not a signature, without throwing', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const rsaPem = String(rsa.export({ type: 'spki', format: 'pem' }));
    expect(verifyHeadSignature(head, rsaPem)).toBe(false);
    expect(() => keyIdOf(rsaPem)).toThrow(/Ed25519/);
    expect(verifyHeadSignature(head, 'not a key')).toBe(false);
    expect(verifyHeadSignature({ ...head, signature: '***' }, key.publicKeyPem)).toBe(false);
    expect(verifyHeadSignature({ ...head, signature: ` ${head.signature}` }, key.publicKeyPem)).toBe(false);
    expect(verifyHeadSignature({ ...head, treeSize: -1 }, key.publicKeyPem)).toBe(false);
  });
});
