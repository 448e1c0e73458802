import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app';
import { blobOnlyIngestSink } from '../src/modules/uploads';
import { describeEachDialect, freshDatabase, testConfig, type TestDatabase } from './harness';
import { signInAs } from './factories';
import { createUpload, headOffset, patchRange, type TusSession } from './fixtures/tus-client';

const MiB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A real full disk: DATA_DIR/uploads is a 16 MiB tmpfs mounted by the test. Mounting needs root
 * (CAP_SYS_ADMIN); elsewhere the suite is skipped and says why.
 */
function canMount(): boolean {
  if (process.getuid?.() !== 0) {
    return false;
  }
  const probe = path.join('/tmp', `qc-mount-probe-${process.pid}`);
  mkdirSync(probe, { recursive: true });
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
  if (ok) {
    spawnSync('umount', [probe]);
  }
  rmSync(probe, { recursive: true, force: true });
  return ok;
}

const mountable = canMount();
const title = mountable
  ? 'uploads on a full disk'
  : 'uploads on a full disk — skipped: mounting a small tmpfs needs root (CAP_SYS_ADMIN)';

describeEachDialect(title, (dialect) => {
  let database: TestDatabase;
  let app: App;
  let officer: TusSession;
  let uploads: string;

  beforeAll(async () => {
    if (!mountable) {
      return;
    }
    database = await freshDatabase(dialect);
    uploads = path.join(database.dataDir, 'uploads');
    mkdirSync(uploads);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', uploads]).status).toBe(0);
    // Any bytes will do here: completed uploads become blobs only (no recordings content checks).
    app = await buildApp(testConfig(database), {
      ingestSink: { onUploadComplete: (input) => blobOnlyIngestSink(app.storage).onUploadComplete(input) },
    });
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const s = await signInAs(app, { roles: ['officer'] });
    officer = { base: `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`, ...s };
  });
  afterAll(async () => {
    if (!mountable) {
      return;
    }
    await app.close();
    spawnSync('umount', [uploads]);
    await database.drop();
  });

  it.skipIf(!mountable)(
    'ENOSPC mid-upload: a clear 507, the acknowledged bytes stay, nothing is completed; after space is freed it resumes and completes',
    async () => {
      const source = randomBytes(6 * MiB);
      const url = await createUpload(officer, source.length, { filename: 'bodycam.mp4' });
      expect((await patchRange(officer, url, source, 0, 3 * MiB)).status).toBe(204);

      // Leave about 1 MiB free for the next 3 MiB.
      const { bavail, bsize } = statfsSync(uploads);
      const filler = path.join(uploads, 'filler');
      writeFileSync(filler, Buffer.alloc(bavail * bsize - MiB));

      const full = await patchRange(officer, url, source, 3 * MiB, source.length);
      expect(full.status).toBe(507);
      expect(JSON.parse(full.body)).toEqual({
        code: 'upload.disk_full',
        message: '服务器存储空间已满，已收到的部分已保留；请联系信息中心释放空间后继续上传',
      });
      expect(await headOffset(officer, url)).toBe(3 * MiB);
      expect(await app.storage.stat(sha256(source))).toBeNull();

      rmSync(filler);
      const resumed = await patchRange(officer, url, source, 3 * MiB, source.length);
      expect(resumed.status, resumed.body).toBe(200);
      expect(JSON.parse(resumed.body)).toEqual({
        sha256: sha256(source),
        size: source.length,
        duplicate: false,
      });
      // The blob store is on another device here: adopt copied it across, and it is exact.
      expect(await app.storage.verify(sha256(source))).toBe('ok');
      expect(readdirSync(uploads)).toEqual([]);
    },
  );
});
