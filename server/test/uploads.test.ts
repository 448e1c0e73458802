import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@quancheng/contracts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app';
import { AppError } from '../src/http/errors';
import type { CompletedUploadInput, IngestSink } from '../src/modules/uploads';
import { blobRelativePath } from '../src/storage/blob-paths';
import { describeEachDialect, freshDatabase, testConfig, type TestDatabase } from './harness';
import { signInAs } from './factories';
import { createUpload, headOffset, patchRange, tusRequest, type TusSession } from './fixtures/tus-client';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;
const MiB = 1024 * 1024;

/**
 * A sink for these tests: the blob-only behaviour by default; `mode` switches it to refusing
 * (an AppError) or failing unexpectedly, and every call is recorded.
 */
function testSink(getApp: () => App) {
  const calls: CompletedUploadInput[] = [];
  const sink: IngestSink & { mode: 'adopt' | 'refuse' | 'fail'; calls: CompletedUploadInput[] } = {
    mode: 'adopt',
    calls,
    async onUploadComplete(input) {
      calls.push(input);
      if (sink.mode === 'refuse') {
        throw new AppError(422, 'request.bad');
      }
      if (sink.mode === 'fail') {
        throw new Error('database went away');
      }
      const { duplicate } = await getApp().storage.adopt(input.tempPath, input.sha256);
      return { sha256: input.sha256, size: input.size, duplicate, name: input.metadata.filename };
    },
  };
  return sink;
}

describeEachDialect('evidence uploads over tus', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let officer: TusSession & { id: string };
  const sink = testSink(() => app);

  const session = async (roles: Role[], lang = 'zh-CN') => {
    const s = await signInAs(app, { roles }, lang);
    return { base, cookie: s.cookie, csrf: s.csrf, lang, id: s.id };
  };
  const uploadsDir = () => path.join(database.dataDir, 'uploads');
  const blobPath = (hash: string) => path.join(database.dataDir, 'blobs', blobRelativePath(hash));

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    app = await buildApp(testConfig(database, { uploads: { maxBytes: 64 * MiB } }), { ingestSink: sink });
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    officer = await session(['officer']);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('takes a file in several PATCHes; the stored blob is byte-for-byte the source; the same bytes again are one blob, a duplicate', async () => {
    sink.mode = 'adopt';
    const source = randomBytes(9 * MiB + 12345);
    const url = await createUpload(officer, source.length, {
      filename: 'DJI_0001.MP4',
      filetype: 'video/mp4',
    });
    expect(url).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
    const cuts = [0, 1, 3 * MiB + 7, 5 * MiB, source.length];
    let last = { status: 0, body: '', headers: {} as Record<string, unknown> };
    for (let i = 0; i + 1 < cuts.length; i++) {
      last = await patchRange(officer, url, source, cuts[i] ?? 0, cuts[i + 1] ?? 0);
      expect(Number(last.headers['upload-offset'])).toBe(cuts[i + 1]);
      if (i + 2 < cuts.length) {
        expect(last.status).toBe(204);
        expect(await headOffset(officer, url)).toBe(cuts[i + 1]);
      }
    }
    expect(last.status).toBe(200);
    expect(last.headers['content-type']).toMatch(/^application\/json/);
    const hash = sha256(source);
    expect(json(last.body)).toEqual({
      sha256: hash,
      size: source.length,
      duplicate: false,
      name: 'DJI_0001.MP4',
    });
    expect(sha256(readFileSync(blobPath(hash)))).toBe(hash);
    expect(statSync(blobPath(hash)).mode & 0o777).toBe(0o444);
    expect(await app.storage.verify(hash)).toBe('ok');
    // The sink got the whole metadata and the uploader; nothing of the upload is left behind.
    const call = sink.calls.at(-1);
    expect(call?.metadata).toEqual({ filename: 'DJI_0001.MP4', filetype: 'video/mp4' });
    expect(call?.actor.id).toBe(officer.id);
    expect(readdirSync(uploadsDir())).toEqual([]);
    expect((await tusRequest(officer, 'HEAD', url, {})).status).toBe(404);

    const again = await createUpload(officer, source.length, { filename: 'copy.mp4' });
    const second = await patchRange(officer, again, source, 0, source.length);
    expect(second.status).toBe(200);
    expect(json(second.body)).toMatchObject({ sha256: hash, duplicate: true });
    expect(readdirSync(path.dirname(blobPath(hash)))).toEqual([hash]);
  });

  it('completes a small file sent with its creation (creation-with-upload): 201, Location and the result', async () => {
    sink.mode = 'adopt';
    const source = randomBytes(3000);
    const res = await tusRequest(
      officer,
      'POST',
      '/api/uploads',
      { 'upload-length': '3000', 'content-type': 'application/offset+octet-stream' },
      source,
    );
    expect(res.status).toBe(201);
    expect(res.headers.location).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
    expect(res.headers['upload-offset']).toBe('3000');
    expect(json(res.body)).toMatchObject({ sha256: sha256(source), size: 3000, duplicate: false });
    expect(await app.storage.verify(sha256(source))).toBe('ok');
  });

  it('never uses a client-supplied name in a path', async () => {
    sink.mode = 'adopt';
    const source = randomBytes(1000);
    const filename = `../../${'长'.repeat(2000)}/\u0000\u001b[31m/etc/passwd`;
    const url = await createUpload(officer, source.length, { filename, 'qc-owner': 'someone-else' });
    expect(readdirSync(uploadsDir()).every((f) => /^[0-9a-f]{32}(\.json)?$/.test(f))).toBe(true);
    const res = await patchRange(officer, url, source, 0, source.length);
    expect(res.status).toBe(200);
    // The name reaches the sink untouched (it neutralises it), and the owner is the uploader.
    expect(sink.calls.at(-1)?.metadata.filename).toBe(filename);
    expect(sink.calls.at(-1)?.actor.id).toBe(officer.id);
    expect(existsSync(blobPath(sha256(source)))).toBe(true);
  });

  it('refuses a file over UPLOAD_MAX_BYTES when it is created, with a clear message', async () => {
    const zh = await tusRequest(officer, 'POST', '/api/uploads', { 'upload-length': String(65 * MiB) });
    expect(zh.status).toBe(413);
    expect(json(zh.body)).toEqual({
      code: 'upload.too_large',
      message: '文件过大：单个文件不得超过 64 MiB（本文件 65 MiB）',
    });
    const en = await tusRequest({ ...officer, lang: 'en' }, 'POST', '/api/uploads', {
      'upload-length': String(65 * MiB),
    });
    expect(json(en.body).message).toBe('The file is too large: at most 64 MiB per file (this one is 65 MiB)');
    const empty = await tusRequest(officer, 'POST', '/api/uploads', { 'upload-length': '0' });
    expect([empty.status, json(empty.body).code]).toEqual([400, 'upload.empty']);
    expect(readdirSync(uploadsDir())).toEqual([]);
  });

  it('answers 401 without a session, 403 without the CSRF header or the permission, 404 for another person’s upload', async () => {
    const anonymous = { base, cookie: '', csrf: '' };
    const post = (s: TusSession) => tusRequest(s, 'POST', '/api/uploads', { 'upload-length': '10' });
    const unauth = await post(anonymous);
    expect([unauth.status, json(unauth.body).code]).toEqual([401, 'auth.unauthenticated']);
    const noCsrf = await post({ ...officer, csrf: 'wrong-token' });
    expect([noCsrf.status, json(noCsrf.body).code]).toEqual([403, 'auth.csrf']);
    const finance = await session(['finance']);
    expect((await post(finance)).status).toBe(403);

    const url = await createUpload(officer, 10);
    const patchNoCsrf = await patchRange({ ...officer, csrf: '' }, url, Buffer.alloc(10), 0, 10);
    expect([patchNoCsrf.status, json(patchNoCsrf.body).code]).toEqual([403, 'auth.csrf']);
    expect((await tusRequest(anonymous, 'HEAD', url, {})).status).toBe(401);
    const other = await session(['officer']);
    expect((await tusRequest(other, 'HEAD', url, {})).status).toBe(404);
    expect((await patchRange(other, url, Buffer.alloc(10), 0, 10)).status).toBe(404);
    expect((await tusRequest(other, 'DELETE', url, {})).status).toBe(404);
    expect(await headOffset(officer, url)).toBe(0);
    expect((await tusRequest(officer, 'DELETE', url, {})).status).toBe(204);
    expect(readdirSync(uploadsDir())).toEqual([]);
  });

  it('answers a wrong offset with 409 and keeps the upload as it was', async () => {
    const source = randomBytes(100);
    const url = await createUpload(officer, 100);
    await patchRange(officer, url, source, 0, 40);
    const res = await patchRange(officer, url, source, 20, 60);
    expect([res.status, json(res.body).code]).toEqual([409, 'upload.offset_conflict']);
    expect(await headOffset(officer, url)).toBe(40);
    await tusRequest(officer, 'DELETE', url, {});
  });

  it('a sink that refuses: the client gets its 4xx, and no blob and no upload are left', async () => {
    sink.mode = 'refuse';
    const source = randomBytes(2 * MiB);
    const url = await createUpload(officer, source.length, { filename: 'not-a-video.mp4' });
    await patchRange(officer, url, source, 0, MiB);
    const res = await patchRange({ ...officer, lang: 'en' }, url, source, MiB, source.length);
    expect(res.status).toBe(422);
    expect(json(res.body)).toEqual({ code: 'request.bad', message: 'The request is malformed' });
    expect(existsSync(blobPath(sha256(source)))).toBe(false);
    expect(readdirSync(uploadsDir())).toEqual([]);
    expect((await tusRequest(officer, 'HEAD', url, {})).status).toBe(404);
  });

  it('a sink that fails unexpectedly: 500, the last byte is taken back, and the retried PATCH completes', async () => {
    sink.mode = 'fail';
    const source = randomBytes(MiB + 1);
    const url = await createUpload(officer, source.length);
    const failed = await patchRange(officer, url, source, 0, source.length);
    expect([failed.status, json(failed.body).code]).toEqual([500, 'internal']);
    expect(existsSync(blobPath(sha256(source)))).toBe(false);
    const offset = await headOffset(officer, url);
    expect(offset).toBe(source.length - 1);
    sink.mode = 'adopt';
    const retried = await patchRange(officer, url, source, offset, source.length);
    expect(retried.status).toBe(200);
    expect(json(retried.body)).toMatchObject({ sha256: sha256(source), duplicate: false });
    expect(await app.storage.verify(sha256(source))).toBe('ok');
  });
});
