import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { blobRelativePath } from '../src/storage/blob-paths';
import { describeEachDialect, freshDatabase, type TestDatabase } from './harness';
import { createUpload, headOffset, patchRange, type TusSession } from './fixtures/tus-client';

const root = path.resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The real server in a child process over the test's DATA_DIR and database. */
function startServer(database: TestDatabase): Promise<{ child: ChildProcess; session: TusSession }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/fixtures/upload-server.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: database.dataDir, QC_TEST_DATABASE: JSON.stringify(database.config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^ready (\d+) (\S+) (\S+)$/m.exec(out);
      if (m) {
        resolve({
          child,
          session: { base: `http://127.0.0.1:${m[1]}`, cookie: m[2] ?? '', csrf: m[3] ?? '' },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * Starts a PATCH of `[from, size)` but sends only `[from, cut)`, then lets the socket drain: the
 * server holds those bytes (or some of them) when it is killed. Resolves once they are written.
 */
function sendPartially(session: TusSession, url: string, source: Buffer, from: number, cut: number) {
  const req = http.request(new URL(url, session.base), {
    method: 'PATCH',
    headers: {
      'tus-resumable': '1.0.0',
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'upload-offset': String(from),
      'content-type': 'application/offset+octet-stream',
      'content-length': String(source.length - from),
    },
  });
  req.on('error', () => undefined); // the server dies under it
  return new Promise<void>((resolve) => req.write(source.subarray(from, cut), () => resolve()));
}

describeEachDialect('uploads resume after the server is killed', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(dialect);
  });
  afterEach(async () => database.drop());

  it('killed with SIGKILL mid-upload at random cut points, resumes from the durable offset and stores the exact bytes', async () => {
    for (let round = 0; round < 3; round++) {
      const source = randomBytes(24 * MiB + randomInt(MiB));
      let server = await startServer(database);
      const url = await createUpload(server.session, source.length, { filename: `round-${round}.mp4` });
      // An acknowledged first part, then a second PATCH cut off at a random point by the kill.
      const acknowledged = randomInt(1, 8 * MiB);
      expect((await patchRange(server.session, url, source, 0, acknowledged)).status).toBe(204);
      const cut = randomInt(acknowledged + 1, source.length - 1);
      await sendPartially(server.session, url, source, acknowledged, cut);
      await new Promise((r) => setTimeout(r, 100));
      await kill(server.child);

      server = await startServer(database);
      try {
        const offset = await headOffset(server.session, url);
        // Never less than what was acknowledged, never more than what was sent.
        expect(offset).toBeGreaterThanOrEqual(acknowledged);
        expect(offset).toBeLessThanOrEqual(cut);
        const rest = await patchRange(server.session, url, source, offset, source.length);
        expect(rest.status, rest.body).toBe(200);
        expect(JSON.parse(rest.body)).toEqual({
          sha256: sha256(source),
          size: source.length,
          duplicate: false,
        });
        const stored = readFileSync(path.join(database.dataDir, 'blobs', blobRelativePath(sha256(source))));
        expect(sha256(stored)).toBe(sha256(source));
      } finally {
        await kill(server.child);
      }
    }
  }, 180_000);
});
