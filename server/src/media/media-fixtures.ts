/** Test-only: small real media files made with ffmpeg, so the toolkit is proved on real bytes. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const VIDEO_2S = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=15:duration=2'];
const VIDEO_1S = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=15:duration=1'];
const TONE_2S = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'];
const TONE_1S = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'];
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

async function ffmpeg(args: string[], output: string): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args, '-threads', '1', output]);
}

async function hasEncoder(name: string): Promise<boolean> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-encoders']);
  return stdout.split('\n').some((line) => line.trim().split(/\s+/)[1] === name);
}

export interface MediaFixtures {
  dir: string;
  h264Mp4: string;
  /** H.265 in MP4 when libx265 is built in; otherwise MPEG-4 Part 2 in AVI. Either needs a proxy. */
  unplayable: string;
  unplayableCodec: 'hevc' | 'mpeg4';
  mpeg4Avi: string;
  mov: string;
  mkv: string;
  webm: string;
  wav: string;
  mp3: string;
  m4a: string;
  audioOnlyMp4: string;
  jpeg: string;
  largeJpeg: string;
  png: string;
  pdfNamedMp4: string;
  textNamedMp4: string;
  truncatedMp4: string;
}

/** Makes every fixture (about a second of CPU on one core) in a fresh temp directory. */
export async function makeMediaFixtures(): Promise<MediaFixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'qc-media-'));
  const at = (name: string): string => join(dir, name);
  const x265 = await hasEncoder('libx265');
  const f: MediaFixtures = {
    dir,
    h264Mp4: at('h264.mp4'),
    unplayable: x265 ? at('hevc.mp4') : at('mpeg4.avi'),
    unplayableCodec: x265 ? 'hevc' : 'mpeg4',
    mpeg4Avi: at('mpeg4.avi'),
    mov: at('camera.mov'),
    mkv: at('h264.mkv'),
    webm: at('vp9.webm'),
    wav: at('tone.wav'),
    mp3: at('tone.mp3'),
    m4a: at('tone.m4a'),
    audioOnlyMp4: at('voice-memo.mp4'),
    jpeg: at('photo.jpg'),
    largeJpeg: at('large.jpg'),
    png: at('photo.png'),
    pdfNamedMp4: at('really-a-pdf.mp4'),
    textNamedMp4: at('really-text.mp4'),
    truncatedMp4: at('truncated.mp4'),
  };
  await runTwoAtATime(encodings(f, x265));
  await writeFile(f.pdfNamedMp4, '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n');
  await writeFile(f.textNamedMp4, '询问笔录\n时间：2024年3月15日\nThis is a plain text file.\n');
  const whole = await readFile(f.h264Mp4);
  await writeFile(f.truncatedMp4, whole.subarray(0, Math.floor(whole.length * 0.3)));
  return f;
}

const X265 = [
  '-c:v',
  'libx265',
  '-preset',
  'ultrafast',
  '-x265-params',
  'log-level=error:pools=1:frame-threads=1',
];
const MOV_TAGS = [
  ...['-movflags', 'use_metadata_tags', '-metadata', 'com.apple.quicktime.model=DSJ-T9'],
  ...['-metadata', 'com.apple.quicktime.creationdate=2024-03-15T09:30:12+0800'],
];
const VP9_OPUS = ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus'];
const STILL = (size: string): string[] => ['-f', 'lavfi', '-i', `testsrc=size=${size}`, '-frames:v', '1'];

function encodings(f: MediaFixtures, x265: boolean): [args: string[], output: string][] {
  return [
    [[...VIDEO_2S, ...TONE_2S, ...X264, '-c:a', 'aac', '-shortest'], f.h264Mp4],
    [[...VIDEO_1S, ...TONE_1S, '-c:v', 'mpeg4', '-c:a', 'libmp3lame'], f.mpeg4Avi],
    ...(x265
      ? [[[...VIDEO_2S, ...TONE_2S, ...X265, '-c:a', 'aac', '-shortest'], f.unplayable] as [string[], string]]
      : []),
    [[...VIDEO_1S, ...X264, ...MOV_TAGS], f.mov],
    [[...VIDEO_1S, ...TONE_1S, ...X264, '-c:a', 'aac'], f.mkv],
    [[...VIDEO_1S, ...TONE_1S, ...VP9_OPUS], f.webm],
    [[...TONE_1S, '-c:a', 'pcm_s16le'], f.wav],
    [[...TONE_1S, '-c:a', 'libmp3lame'], f.mp3],
    [[...TONE_1S, '-c:a', 'aac'], f.m4a],
    [[...TONE_1S, '-c:a', 'aac'], f.audioOnlyMp4],
    [STILL('320x240'), f.jpeg],
    [STILL('1280x720'), f.largeJpeg],
    [STILL('320x240'), f.png],
  ];
}

/** Two encoders at a time: the machine's cores are shared with other suites. */
async function runTwoAtATime(jobs: [args: string[], output: string][]): Promise<void> {
  const queue = [...jobs];
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      await ffmpeg(...job);
    }
  };
  await Promise.all([worker(), worker()]);
}
