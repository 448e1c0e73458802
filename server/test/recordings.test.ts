import { readFile, chmod, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingDto } from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeMediaFixtures, type MediaFixtures } from '../src/media/media-fixtures';
import { blobRelativePath } from '../src/storage/blob-paths';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { signInAs } from './factories';
import type { Session } from './http-client';
import { listen, sha256, tusSession, until, uploadFile, waitForRecording } from './fixtures/recordings';
import type { TusSession } from './fixtures/tus-client';

type Ingest = {
  status: string;
  recording: RecordingDto | null;
  duplicateOf: { id: string } | null;
  parsed: { fileName: { deviceNumber: string | null; captureStart: string | null } | null };
};

describeEachDialect('recordings: ingest over tus, media jobs, playback, verify', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let media: MediaFixtures;
  let officer: Session & { id: string; unitId: string };
  let head: Session & { id: string; unitId: string };
  let tus: TusSession;
  const ids: Record<string, string> = {};

  const ledgerOf = (subjectId: string) =>
    c.app.deps.db
      .selectFrom('ledger_entries')
      .select(['action', 'blob_sha256', 'actor_id'])
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute();
  const count = async (table: 'recordings' | 'ledger_entries') =>
    Number(
      (
        await c.app.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const blobCount = async () => {
    const walk = async (dir: string): Promise<number> => {
      let n = 0;
      for (const e of await readdir(dir, { withFileTypes: true })) {
        n += e.isDirectory() ? await walk(path.join(dir, e.name)) : 1;
      }
      return n;
    };
    return walk(path.join(c.database.dataDir, 'blobs'));
  };

  beforeAll(async () => {
    media = await makeMediaFixtures();
    c = await startTestApp(dialect, { jobs: { pollIntervalSeconds: 0.2 } });
    const base = await listen(c.app);
    officer = await signInAs(c.app, { roles: ['officer'], unit: '一大队' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '一大队' });
    tus = tusSession(base, officer);
  }, 120_000);
  afterAll(async () => c.stop());

  it('A4.2 a video and a photo uploaded over tus become recordings: kind by content, ffprobe facts, name parsed, a ledger leaf with the SHA-256', async () => {
    const video = await readFile(media.h264Mp4);
    const up = await uploadFile(tus, video, {
      filename: 'DSJA0001_000123_20261127101500_0001.MP4',
      place: '某某公司门口',
      party: '某某建筑公司',
      caseCause: '拖欠工资',
      category: 'inspection',
    });
    expect(up.status).toBe(200);
    const result = up.body as unknown as Ingest;
    expect(result.status).toBe('stored');
    const rec = result.recording as RecordingDto;
    ids.video = rec.id;
    expect(rec).toMatchObject({
      kind: 'video',
      sha256: sha256(video),
      sizeBytes: video.length,
      originalName: 'DSJA0001_000123_20261127101500_0001.MP4',
      deviceNumber: 'DSJA0001',
      badge: '000123',
      fileSequence: 1,
      captureStart: '2026-11-27T02:15:00.000Z',
      captureSource: 'file_name',
      parsable: true,
      playable: true,
      unitId: officer.unitId,
      officers: [{ id: officer.id }],
      place: '某某公司门口',
      caseCause: '拖欠工资',
      category: 'inspection',
    });
    expect(rec.facts?.video?.codec).toBe('h264');
    expect(rec.facts?.durationSeconds).toBeGreaterThan(1.5);
    expect(rec.captureEnd).toBe(
      new Date(
        Date.parse('2026-11-27T02:15:00Z') + Math.round((rec.facts?.durationSeconds ?? 0) * 1000),
      ).toISOString(),
    );
    expect(result.parsed.fileName).toMatchObject({
      deviceNumber: 'DSJA0001',
      captureStart: '2026-11-27T02:15:00.000Z',
    });
    // The device number is not registered: flagged.
    expect(rec.flags.map((f) => f.kind)).toEqual(['unknown_device']);
    expect(await ledgerOf(rec.id)).toEqual([
      { action: 'recording.ingested', blob_sha256: sha256(video), actor_id: officer.id },
    ]);

    const photo = await readFile(media.jpeg);
    const p = await uploadFile(tus, photo, { filename: 'scene.mp4' });
    const photoRec = (p.body as unknown as Ingest).recording as RecordingDto;
    ids.photo = photoRec.id;
    expect(photoRec).toMatchObject({
      kind: 'photo',
      mime: 'image/jpeg',
      parsable: true,
      originalName: 'scene.mp4',
    });
  });

  it('A36.1 the same bytes again are a duplicate naming the first recording: one blob, one row, no new leaf', async () => {
    const [rows, blobs, leaves] = [
      await count('recordings'),
      await blobCount(),
      await count('ledger_entries'),
    ];
    const again = await uploadFile(tus, await readFile(media.h264Mp4), { filename: 'copy.mp4' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', duplicateOf: { id: ids.video } });
    expect((again.body as unknown as Ingest).recording?.id).toBe(ids.video);
    expect([await count('recordings'), await blobCount(), await count('ledger_entries')]).toEqual([
      rows,
      blobs,
      leaves,
    ]);
  });

  it('a PDF renamed .mp4 is refused with what it really is; nothing is stored', async () => {
    const [rows, blobs, leaves] = [
      await count('recordings'),
      await blobCount(),
      await count('ledger_entries'),
    ];
    const pdf = await readFile(media.pdfNamedMp4);
    const zh = await uploadFile(tus, pdf, { filename: 'evidence.mp4' });
    expect(zh.status).toBe(422);
    expect(zh.body).toMatchObject({ code: 'recording.not_media' });
    expect(String(zh.body.message)).toContain('PDF 文档');
    const en = await uploadFile({ ...tus, lang: 'en' }, pdf, { filename: 'evidence.mp4' });
    expect(String(en.body.message)).toContain('PDF document');
    expect([await count('recordings'), await blobCount(), await count('ledger_entries')]).toEqual([
      rows,
      blobs,
      leaves,
    ]);
  });

  it('a truncated MP4 is kept and flagged 无法解析', async () => {
    const truncated = await readFile(media.truncatedMp4);
    const up = await uploadFile(tus, truncated, { filename: 'cut.mp4' });
    expect(up.status).toBe(200);
    const rec = (up.body as unknown as Ingest).recording as RecordingDto;
    expect(rec).toMatchObject({ kind: 'video', parsable: false, facts: null, sha256: sha256(truncated) });
    expect(rec.flags.find((f) => f.kind === 'unparsable')?.text.zh).toContain('无法解析');
    expect(rec.poster.state).toBe('none');
    const listed = (await officer.get('/api/recordings?flag=unparsable')).json<{ items: RecordingDto[] }>();
    expect(listed.items.map((r) => r.id)).toEqual([rec.id]);
  });

  it('names with path separators, control characters or 2,000 characters are neutralised', async () => {
    const base = await readFile(media.wav);
    const evil = await uploadFile(tus, Buffer.concat([base, Buffer.from([1])]), {
      filename: '../../etc/\u0000pass\u202ewd\r\n.wav',
    });
    expect((evil.body as unknown as Ingest).recording?.originalName).toBe('passwd.wav');
    const long = await uploadFile(tus, Buffer.concat([base, Buffer.from([2])]), {
      filename: `${'录'.repeat(2000)}.wav`,
    });
    const name = (long.body as unknown as Ingest).recording?.originalName ?? '';
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.wav')).toBe(true);
  });

  it('jobs: a poster is made; an unplayable clip gets an H.264 proxy and its job completes', async () => {
    const rec = await waitForRecording(officer, ids.video ?? '', (r) => r.poster.state === 'done');
    expect(rec.proxy.state).toBe('none');
    const poster = await officer.get(`/api/recordings/${rec.id}/poster`);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect(poster.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const hevc = await uploadFile(tus, await readFile(media.unplayable), { filename: 'hevc-clip.mp4' });
    const h = (hevc.body as unknown as Ingest).recording as RecordingDto;
    expect(h).toMatchObject({ playable: false, proxy: { state: 'pending' } });
    expect((await officer.get(`/api/recordings/${h.id}/stream`)).statusCode).toBe(409);
    const done = await waitForRecording(officer, h.id, (r) => r.proxy.state === 'done');
    expect(done.proxy.progress).toBe(100);
    // The queue marks the job completed only after the handler returned (pg-boss does so in its
    // own statement), so the recording can say "done" a moment before the job does.
    const job = await until(
      () => c.app.jobs.get(done.proxy.jobId ?? ''),
      (j) => j?.state === 'completed',
    );
    expect(job).toMatchObject({ state: 'completed', progress: 100 });
    const stream = await officer.get(`/api/recordings/${h.id}/stream`);
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toBe('video/mp4');
    const probe = await import('../src/media');
    const file = path.join(c.database.dataDir, 'probe-proxy.mp4');
    await writeFile(file, stream.rawPayload);
    const facts = await probe.probeMedia(file);
    expect(facts.ok && facts.video?.codec).toBe('h264');
    // The original is unchanged, byte for byte.
    expect(await c.app.storage.verify(h.sha256)).toBe('ok');
  });

  it('A28.1 playback streams byte ranges (206) and records one view per playback, not per chunk', async () => {
    const video = await readFile(media.h264Mp4);
    const views = async () =>
      (await ledgerOf(ids.video ?? '')).filter((e) => e.action === 'recording.viewed').length;
    const before = await views();
    const first = await c.app.http.inject({
      method: 'GET',
      url: `/api/recordings/${ids.video}/stream`,
      headers: { cookie: officer.cookie, range: 'bytes=0-99' },
    });
    expect(first.statusCode).toBe(206);
    expect(first.headers['accept-ranges']).toBe('bytes');
    expect(first.headers['content-range']).toBe(`bytes 0-99/${video.length}`);
    expect(first.rawPayload).toEqual(video.subarray(0, 100));
    const chunk = await c.app.http.inject({
      method: 'GET',
      url: `/api/recordings/${ids.video}/stream`,
      headers: { cookie: officer.cookie, range: 'bytes=100-' },
    });
    expect(chunk.statusCode).toBe(206);
    expect(chunk.rawPayload).toEqual(video.subarray(100));
    expect(await views()).toBe(before + 1);
    const bad = await c.app.http.inject({
      method: 'GET',
      url: `/api/recordings/${ids.video}/stream`,
      headers: { cookie: officer.cookie, range: `bytes=${video.length + 10}-` },
    });
    expect(bad.statusCode).toBe(416);
    const whole = await officer.get(`/api/recordings/${ids.video}/stream`);
    expect(whole.statusCode).toBe(200);
    expect(sha256(whole.rawPayload)).toBe(sha256(video));
    expect(await views()).toBe(before + 2);
    const leaf = (await ledgerOf(ids.video ?? '')).at(-1);
    expect(leaf).toMatchObject({
      action: 'recording.viewed',
      blob_sha256: sha256(video),
      actor_id: officer.id,
    });
  });

  it('A28.1 the original is downloaded only with the download permission, recorded with the blob hash', async () => {
    const video = await readFile(media.h264Mp4);
    const refused = await officer.get(`/api/recordings/${ids.video}/original`);
    expect(refused.statusCode).toBe(403);
    const res = await head.get(`/api/recordings/${ids.video}/original`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(video);
    expect(res.headers['content-disposition']).toContain(
      "filename*=UTF-8''DSJA0001_000123_20261127101500_0001.MP4",
    );
    expect(res.headers['x-content-sha256']).toBe(sha256(video));
    const leaf = (await ledgerOf(ids.video ?? '')).at(-1);
    expect(leaf).toMatchObject({
      action: 'recording.downloaded',
      blob_sha256: sha256(video),
      actor_id: head.id,
    });
  });

  it('A36.1 verify is clean after all of it, and names a changed byte in a stored evidence blob', async () => {
    const clean = await c.app.services.ledger.verifyAll({ workers: 0 });
    expect(clean.findings).toEqual([]);
    const photo = await readFile(media.jpeg);
    const hash = sha256(photo);
    const file = path.join(c.database.dataDir, 'blobs', blobRelativePath(hash));
    await chmod(file, 0o644);
    const bytes = await readFile(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const report = await c.app.services.ledger.verifyAll({ workers: 0 });
    expect(report.findings.map((f) => [f.kind, f.params.hash])).toEqual([['blob_differs', hash]]);
  });
});
