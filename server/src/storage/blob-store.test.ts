import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobRelativePath } from './blob-paths';
import { createLocalBlobStore, type BlobStore } from './blob-store';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('local blob store', () => {
  let dir: string;
  let store: BlobStore;
  let n = 0;
  const temp = (bytes: Buffer) => {
    const file = path.join(dir, 'incoming', `t${n++}`);
    writeFileSync(file, bytes);
    return file;
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'qc-blobs-'));
    store = createLocalBlobStore(dir);
    await store.init();
    mkdirSync(path.join(dir, 'incoming'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adopts a file under sha256/ab/cd/<hash>, read-only, and takes it away from its temp path', async () => {
    const bytes = Buffer.from('证据 evidence bytes');
    const hash = sha256(bytes);
    const file = temp(bytes);
    expect(await store.adopt(file, hash)).toEqual({ duplicate: false });
    const stored = path.join(dir, 'blobs', blobRelativePath(hash));
    expect(stored).toContain(path.join('sha256', hash.slice(0, 2), hash.slice(2, 4), hash));
    expect(readFileSync(stored)).toEqual(bytes);
    expect(statSync(stored).mode & 0o777).toBe(0o444);
    expect(existsSync(file)).toBe(false);
    expect(await store.stat(hash)).toBe(bytes.length);
  });

  it('is write-once: adopting the same hash again never overwrites the stored bytes', async () => {
    const bytes = randomBytes(1000);
    const hash = sha256(bytes);
    await store.adopt(temp(bytes), hash);
    // A second offer under the same name, even with other bytes, is a duplicate and is discarded.
    const impostor = temp(Buffer.from('not the same bytes at all'));
    expect(await store.adopt(impostor, hash)).toEqual({ duplicate: true });
    expect(existsSync(impostor)).toBe(false);
    expect(readFileSync(path.join(dir, 'blobs', blobRelativePath(hash)))).toEqual(bytes);
    expect(await store.verify(hash)).toBe('ok');
  });

  it('opens a blob whole or by an inclusive byte range, and knows what it lacks', async () => {
    const bytes = Buffer.from('0123456789abcdef');
    const hash = sha256(bytes);
    await store.adopt(temp(bytes), hash);
    const read = async (range?: { start?: number; end?: number }) => {
      const stream = await store.open(hash, range);
      if (!stream) {
        throw new Error('missing');
      }
      return text(stream);
    };
    expect(await read()).toBe('0123456789abcdef');
    expect(await read({ start: 2, end: 5 })).toBe('2345');
    expect(await read({ start: 10 })).toBe('abcdef');
    expect(await read({ end: 0 })).toBe('0');
    const absent = sha256(Buffer.from('absent'));
    expect(await store.open(absent)).toBeNull();
    expect(await store.stat(absent)).toBeNull();
    expect(await store.verify(absent)).toBe('missing');
  });

  it('verify names a blob whose bytes changed by one byte', async () => {
    const bytes = randomBytes(64 * 1024);
    const hash = sha256(bytes);
    await store.adopt(temp(bytes), hash);
    const stored = path.join(dir, 'blobs', blobRelativePath(hash));
    chmodSync(stored, 0o644);
    const changed = Buffer.from(bytes);
    changed[12345] = (changed[12345] ?? 0) ^ 0x01;
    writeFileSync(stored, changed);
    expect(await store.verify(hash)).toBe('differs');
  });
});
