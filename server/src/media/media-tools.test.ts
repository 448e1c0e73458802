import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectMedia, resolveKind } from './inspect';
import { makeMediaFixtures, type MediaFixtures } from './media-fixtures';
import { browserPlayable, probeMedia, UNPARSABLE, type MediaFacts, type ProbeResult } from './probe';
import { makeProxy } from './proxy';
import { MediaAbortedError } from './run-tool';
import { sniffFile, type MediaSniff } from './sniff';
import { makePhotoThumbnail, makeVideoPoster } from './thumbnail';

let f: MediaFixtures;

beforeAll(async () => {
  f = await makeMediaFixtures();
});

afterAll(async () => {
  await rm(f.dir, { recursive: true, force: true });
});

async function facts(path: string): Promise<MediaFacts> {
  const result = await probeMedia(path);
  if (!result.ok) {
    throw new Error(`expected ${path} to probe: ${result.reason}`);
  }
  return result;
}

async function sniffed(path: string): Promise<MediaSniff> {
  const s = await sniffFile(path);
  if (s.kind === null) {
    throw new Error(`expected ${path} to sniff as media, got ${s.description.en}`);
  }
  return s;
}

describe('sniffing real files by content, never the extension', () => {
  it.each([
    ['h264Mp4', 'video', 'mp4'],
    ['mpeg4Avi', 'video', 'avi'],
    ['mov', 'video', 'mov'],
    ['mkv', 'video', 'mkv'],
    ['webm', 'video', 'webm'],
    ['wav', 'audio', 'wav'],
    ['mp3', 'audio', 'mp3'],
    ['m4a', 'audio', 'm4a'],
    ['jpeg', 'photo', 'jpeg'],
    ['png', 'photo', 'png'],
    ['truncatedMp4', 'video', 'mp4'],
  ] as const)('%s is %s (%s)', async (fixture, kind, format) => {
    expect(await sniffFile(f[fixture])).toMatchObject({ kind, format });
  });

  it('a PDF renamed .mp4 is refused as a PDF document', async () => {
    expect(await sniffFile(f.pdfNamedMp4)).toEqual({
      kind: null,
      description: { zh: 'PDF 文档', en: 'PDF document' },
    });
  });

  it('a text file renamed .mp4 is refused as plain text', async () => {
    expect(await sniffFile(f.textNamedMp4)).toEqual({
      kind: null,
      description: { zh: '纯文本', en: 'plain text' },
    });
  });

  it('an MP4 holding only sound is settled as audio by the probe', async () => {
    const s = await sniffed(f.audioOnlyMp4);
    expect(s).toMatchObject({ kind: 'video', format: 'mp4', confirmByProbe: true });
    expect(resolveKind(s, await probeMedia(f.audioOnlyMp4))).toBe('audio');
    expect(resolveKind(await sniffed(f.h264Mp4), await probeMedia(f.h264Mp4))).toBe('video');
  });
});

describe('probe facts', () => {
  it('H.264/AAC MP4: duration, codecs, size, frame rate', async () => {
    const p = await facts(f.h264Mp4);
    expect(Math.abs((p.durationSeconds ?? 0) - 2)).toBeLessThan(0.15);
    expect(p.video).toMatchObject({
      codec: 'h264',
      width: 160,
      height: 120,
      frameRate: 15,
      pixelFormat: 'yuv420p',
    });
    expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 44100 });
    expect(p.container).toContain('mp4');
    expect(p.sizeBytes).toBeGreaterThan(0);
  });

  it('the unplayable fixture reports its codec', async () => {
    const p = await facts(f.unplayable);
    expect(p.video?.codec).toBe(f.unplayableCodec);
    expect((await facts(f.mpeg4Avi)).video?.codec).toBe('mpeg4');
  });

  it('MOV: QuickTime creation date (UTC+8) and the device model tag', async () => {
    const p = await facts(f.mov);
    expect(p.creationTime).toBe('2024-03-15T01:30:12.000Z');
    expect(p.device.model).toBe('DSJ-T9');
    expect(p.device.raw).toEqual({ 'com.apple.quicktime.model': 'DSJ-T9' });
    expect(p.audio).toBeNull();
  });

  it('audio files have no video stream; photos have their dimensions', async () => {
    expect(await facts(f.wav)).toMatchObject({ video: null, audio: { codec: 'pcm_s16le', channels: 1 } });
    expect(await facts(f.mp3)).toMatchObject({ video: null, audio: { codec: 'mp3' } });
    expect((await facts(f.jpeg)).video).toMatchObject({ codec: 'mjpeg', width: 320, height: 240 });
  });

  it('a truncated MP4 is unparsable: ok:false with a reason, never an exception', async () => {
    const p = await probeMedia(f.truncatedMp4);
    expect(p.ok).toBe(false);
    expect(p).toMatchObject({ message: UNPARSABLE });
    expect(p.ok === false && p.reason).toMatch(/ffprobe exited with code 1/);
  });

  it('a missing ffprobe binary is an answer too', async () => {
    const p = await probeMedia(f.h264Mp4, {
      tools: { ffmpeg: 'ffmpeg', ffprobe: join(f.dir, 'no-such-ffprobe') },
    });
    expect(p).toMatchObject({ ok: false, reason: expect.stringMatching(/could not start/) as unknown });
  });

  it('a file that never ends (a FIFO with no writer) times out instead of hanging', async () => {
    const fifo = join(f.dir, 'stalled.fifo');
    await promisify(execFile)('mkfifo', [fifo]);
    const p = await probeMedia(fifo, { timeoutMs: 300 });
    expect(p).toMatchObject({ ok: false, reason: 'ffprobe timed out' });
  });
});

describe('browserPlayable', () => {
  const playable = async (path: string): Promise<boolean> =>
    browserPlayable(await facts(path), (await sniffed(path)).format);

  it.each([
    ['h264Mp4', true],
    ['mov', true],
    ['webm', true],
    ['wav', true],
    ['mp3', true],
    ['m4a', true],
    ['audioOnlyMp4', true],
    ['jpeg', true],
    ['png', true],
    ['unplayable', false],
    ['mpeg4Avi', false],
    ['mkv', false],
  ] as const)('%s → %s', async (fixture, expected) => {
    expect(await playable(f[fixture])).toBe(expected);
  });
});

describe('inspectMedia: accept, refuse or keep-and-flag', () => {
  it('refuses a non-media file with a message naming what it is', async () => {
    const r = await inspectMedia(f.pdfNamedMp4);
    expect(r).toMatchObject({ accepted: false, description: { zh: 'PDF 文档' } });
    expect(!r.accepted && r.message.zh).toContain('PDF 文档');
    expect(!r.accepted && r.message.en).toContain('PDF document');
  });

  it('keeps a truncated video as a video, flagged unparsable and not playable', async () => {
    expect(await inspectMedia(f.truncatedMp4)).toMatchObject({
      accepted: true,
      kind: 'video',
      parsable: false,
      playable: false,
      probe: { ok: false },
    });
  });

  it('accepts a playable video and an audio-only MP4 as audio', async () => {
    expect(await inspectMedia(f.h264Mp4)).toMatchObject({
      accepted: true,
      kind: 'video',
      parsable: true,
      playable: true,
    });
    expect(await inspectMedia(f.audioOnlyMp4)).toMatchObject({
      accepted: true,
      kind: 'audio',
      mime: 'video/mp4',
    });
  });
});

const isJpeg = async (path: string): Promise<boolean> =>
  (await readFile(path)).subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));

describe('posters and thumbnails', () => {
  it('a video poster is a JPEG no wider than 640 px', async () => {
    const out = join(f.dir, 'poster.jpg');
    const p = await facts(f.unplayable);
    expect(await makeVideoPoster(f.unplayable, out, { durationSeconds: p.durationSeconds })).toEqual({
      ok: true,
      output: out,
    });
    expect(await isJpeg(out)).toBe(true);
    expect((await facts(out)).video).toMatchObject({ width: 160, height: 120 });
  });

  it('a large photo is scaled to 640 px wide, keeping its aspect ratio', async () => {
    const out = join(f.dir, 'thumb.jpg');
    expect(await makePhotoThumbnail(f.largeJpeg, out)).toEqual({ ok: true, output: out });
    expect(await isJpeg(out)).toBe(true);
    expect((await facts(out)).video).toMatchObject({ width: 640, height: 360 });
  });

  it('a poster for a truncated video fails cleanly and leaves no file behind', async () => {
    const out = join(f.dir, 'no-poster.jpg');
    const r = await makeVideoPoster(f.truncatedMp4, out, { durationSeconds: null });
    expect(r.ok).toBe(false);
    expect((await readdir(f.dir)).filter((n) => n.startsWith('no-poster'))).toEqual([]);
  });
});

describe('proxy', () => {
  it('transcodes an unplayable video to a playable H.264/AAC MP4, progress reaching 100', async () => {
    const out = join(f.dir, 'proxy.mp4');
    const seen: number[] = [];
    const source = await facts(f.unplayable);
    const r = await makeProxy(f.unplayable, out, {
      durationSeconds: source.durationSeconds,
      onProgress: (p) => seen.push(p),
    });
    expect(r).toEqual({ ok: true, output: out });
    const p: ProbeResult = await probeMedia(out);
    expect(p).toMatchObject({
      ok: true,
      video: { codec: 'h264', pixelFormat: 'yuv420p' },
      audio: { codec: 'aac' },
    });
    expect(p.ok && browserPlayable(p, (await sniffed(out)).format)).toBe(true);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('an audio-only source gives an AAC-only proxy', async () => {
    const out = join(f.dir, 'wav-proxy.mp4');
    expect(await makeProxy(f.wav, out, { durationSeconds: 1 })).toMatchObject({ ok: true });
    expect(await probeMedia(out)).toMatchObject({ ok: true, video: null, audio: { codec: 'aac' } });
  });

  it('cancelling kills ffmpeg, rejects with AbortError and leaves no partial file', async () => {
    const fifo = join(f.dir, 'never-written.fifo');
    await promisify(execFile)('mkfifo', [fifo]);
    const out = join(f.dir, 'cancelled.mp4');
    const controller = new AbortController();
    const pending = makeProxy(fifo, out, { durationSeconds: 10, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(MediaAbortedError);
    expect((await readdir(f.dir)).filter((n) => n.startsWith('cancelled'))).toEqual([]);
  });

  it('a truncated source fails with a reason', async () => {
    const r = await makeProxy(f.truncatedMp4, join(f.dir, 'bad-proxy.mp4'), { durationSeconds: null });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/ffmpeg exited/) as unknown });
  });
});
