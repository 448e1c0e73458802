import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestMedia {
  dir: string;
  /** Runs ffmpeg with `args`, writing `name` in `dir`; returns its path. */
  make: (name: string, args: readonly string[]) => string;
  remove: () => void;
}

/** A scratch folder for media made by Debian's ffmpeg (never downloaded fixtures). */
export function testMedia(): TestMedia {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qc-e2e-media-'));
  return {
    dir,
    make: (name, args) => {
      const out = path.join(dir, name);
      const result = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, out], {
        encoding: 'utf8',
      });
      if (result.status !== 0) {
        throw new Error(`ffmpeg failed making ${name}: ${result.stderr}`);
      }
      return out;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** 10 s of H.264/AAC test pattern and tone, as a body camera would record it. */
export const TEN_SECOND_VIDEO = [
  '-f',
  'lavfi',
  '-i',
  'testsrc=duration=10:size=320x240:rate=15',
  '-f',
  'lavfi',
  '-i',
  'sine=duration=10',
  '-c:v',
  'libx264',
  '-pix_fmt',
  'yuv420p',
  '-c:a',
  'aac',
] as const;

/** One 640×480 JPEG frame of the test pattern. */
export const JPEG_PHOTO = [
  '-f',
  'lavfi',
  '-i',
  'testsrc=size=640x480',
  '-frames:v',
  '1',
  '-q:v',
  '3',
] as const;

/**
 * 10 s of lossless H.264 noise (about 11 MB): large enough that a throttled upload can be paused
 * half-way, small enough to make in a second or two.
 */
export const NOISY_VIDEO = [
  '-f',
  'lavfi',
  '-i',
  "nullsrc=s=320x240:r=15:d=10,geq=lum='random(1)*255':cb=128:cr=128",
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  '-qp',
  '0',
  '-pix_fmt',
  'yuv420p',
] as const;

/** 20 s of MPEG-4 Part 2 in AVI, as older cameras write it: browsers cannot play it, so a proxy is made. */
export const AVI_VIDEO = [
  '-f',
  'lavfi',
  '-i',
  'testsrc=duration=20:size=640x480:rate=25',
  '-f',
  'lavfi',
  '-i',
  'sine=duration=20:frequency=660',
  '-c:v',
  'mpeg4',
  '-q:v',
  '4',
  '-c:a',
  'pcm_s16le',
] as const;

/** 5 s of a 440 Hz tone as a voice recorder's WAV. */
export const WAV_AUDIO = ['-f', 'lavfi', '-i', 'sine=duration=5', '-ac', '1', '-ar', '16000'] as const;
