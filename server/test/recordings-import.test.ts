import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFolder } from '../src/cli/import';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson } from './factories';
import { wav } from './fixtures/recordings';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** A docked camera's storage: two folders of clips, a copy of one clip, and a stray text file. */
async function cameraFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qc-camera-'));
  await mkdir(path.join(dir, 'DCIM', '100MEDIA'), { recursive: true });
  await mkdir(path.join(dir, 'DCIM', '101MEDIA'), { recursive: true });
  await writeFile(path.join(dir, 'DCIM', '100MEDIA', 'CAMX0001_000777_20261127090000_0001.wav'), wav(11));
  await writeFile(path.join(dir, 'DCIM', '100MEDIA', 'CAMX0001_000777_20261127090100_0002.wav'), wav(12));
  await writeFile(path.join(dir, 'DCIM', '101MEDIA', 'CAMX0001_000777_20261127090200_0003.wav'), wav(13));
  await writeFile(path.join(dir, 'DCIM', '101MEDIA', 'copy-of-0001.wav'), wav(11));
  await writeFile(path.join(dir, 'readme.txt'), '本文件不是音视频\n');
  await writeFile(path.join(dir, '.hidden'), 'skipped');
  return dir;
}

describeEachDialect('import CLI: a camera folder into recordings', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let folder: string;
  const ingested = async () =>
    (
      await c.app.deps.db
        .selectFrom('ledger_entries')
        .select('action')
        .where('action', '=', 'recording.ingested')
        .execute()
    ).length;

  beforeAll(async () => {
    c = await startTestApp(dialect);
    await buildPerson(c.app, { username: 'station', roles: ['archivist'], unit: '档案室' });
    await buildPerson(c.app, { username: 'clerk', roles: ['finance'] });
    folder = await cameraFolder();
  });
  afterAll(async () => c.stop());

  it('an interrupted run resumes; a re-run skips everything; copies are duplicates; non-media is refused', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const first = await importFolder(c.app, c.database.dataDir, {
      folder,
      uploader: 'station',
      unit: '档案室',
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.bytesDone);
        if (p.filesDone === 2) {
          controller.abort();
        }
      },
    });
    expect(first).toMatchObject({ files: 5, stored: 2, duplicates: 0, skipped: 0 });
    expect(progress).toEqual([wav(11).length, 2 * wav(11).length]);
    expect(await ingested()).toBe(2);

    const second = await importFolder(c.app, c.database.dataDir, { folder, uploader: 'station' });
    expect(second).toMatchObject({ files: 5, stored: 1, duplicates: 1, skipped: 2, failed: [] });
    expect(second.refused).toEqual([
      { file: 'readme.txt', message: expect.stringContaining('纯文本') as string },
    ]);
    expect(await ingested()).toBe(3);

    const third = await importFolder(c.app, c.database.dataDir, { folder, uploader: 'station' });
    expect(third).toMatchObject({ files: 5, stored: 0, duplicates: 0, skipped: 5, refused: [], failed: [] });
    expect(await ingested()).toBe(3);

    const rows = await c.app.deps.db
      .selectFrom('recordings')
      .select(['device_number', 'source', 'capture_start', 'file_sequence'])
      .orderBy('file_sequence')
      .execute();
    expect(rows).toEqual([
      {
        device_number: 'CAMX0001',
        source: 'import',
        capture_start: '2026-11-27T01:00:00.000Z',
        file_sequence: 1,
      },
      {
        device_number: 'CAMX0001',
        source: 'import',
        capture_start: '2026-11-27T01:01:00.000Z',
        file_sequence: 2,
      },
      {
        device_number: 'CAMX0001',
        source: 'import',
        capture_start: '2026-11-27T01:02:00.000Z',
        file_sequence: 3,
      },
    ]);
    expect((await c.app.services.ledger.verifyAll({ workers: 0 })).findings).toEqual([]);
  });

  it('refuses an uploader without the right to upload', async () => {
    await expect(importFolder(c.app, c.database.dataDir, { folder, uploader: 'clerk' })).rejects.toThrow(
      /--uploader clerk/,
    );
  });

  if (dialect === 'sqlite') {
    it('`import` is a command of the CLI: progress on stderr, a summary on stdout', async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qc-import-cli-'));
      const cli = (args: string[]) =>
        run(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
          cwd: root,
          env: { ...process.env, DATA_DIR: dataDir, QC_ADMIN_PASSWORD: 'Admin-Password-2026' },
        });
      await cli(['seed-demo']);
      const done = await cli(['import', folder, '--uploader', 'admin', '--lang', 'en']).catch(
        (e: { stdout: string; stderr: string; code: number }) => e,
      );
      expect(done.stderr).toMatch(/--uploader admin: no active person with the right to upload recordings/);
      const ok = await cli(['import', folder, '--uploader', 'zhangwei', '--lang', 'en']);
      expect(ok.stderr).toMatch(/5\/5 files {2}0\.0\/0\.0 MiB/);
      expect(ok.stdout).toMatch(
        /5 files, 0\.0 MiB: 3 stored, 1 duplicates, 0 skipped \(done before\), 1 refused, 0 failed/,
      );
      expect(ok.stdout).toMatch(/readme\.txt: Not accepted as a recording: the file is plain text/);
    }, 60_000);
  }
});
