import { resolve } from 'node:path';
import { discard, partialPath, publish } from './output-file';
import { defaultMediaTools, failureReason, runTool, type MediaTools } from './run-tool';

/** A tool run's outcome; a file ffmpeg cannot decode is an answer, not an exception. */
export type ToolOutcome = { ok: true; output: string } | { ok: false; reason: string };

export interface ThumbnailOptions {
  tools?: MediaTools;
  /** Width cap in pixels; height follows the aspect ratio. Default 640. */
  maxWidth?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PosterOptions extends ThumbnailOptions {
  /** From the probe; decides where the poster frame is taken. */
  durationSeconds: number | null;
}

/**
 * The poster frame's time: one second in (past a camera's black first frames), but never beyond
 * the middle of a short clip.
 */
export function posterTime(durationSeconds: number | null): number {
  if (durationSeconds === null || !(durationSeconds > 0)) {
    return 0;
  }
  return Math.min(1, durationSeconds / 2);
}

function jpegArgs(input: string, temp: string, maxWidth: number, seekSeconds: number | null): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-y'],
    ...(seekSeconds === null ? [] : ['-ss', seekSeconds.toFixed(3)]),
    ...['-i', resolve(input), '-map', '0:V:0', '-frames:v', '1', '-an', '-sn', '-dn'],
    ...['-vf', `scale=w='min(${maxWidth},iw)':h=-2`, '-q:v', '4', '-threads', '1'],
    ...['-f', 'image2', '-update', '1', '-c:v', 'mjpeg', temp],
  ];
}

async function renderJpeg(
  input: string,
  output: string,
  seekSeconds: number | null,
  options: ThumbnailOptions,
): Promise<ToolOutcome> {
  const tools = options.tools ?? defaultMediaTools;
  const temp = partialPath(output);
  const args = jpegArgs(input, temp, options.maxWidth ?? 640, seekSeconds);
  try {
    const result = await runTool(tools.ffmpeg, args, {
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (result.code !== 0) {
      await discard(temp);
      return { ok: false, reason: failureReason('ffmpeg', result) };
    }
    return (await publish(temp, output))
      ? { ok: true, output }
      : { ok: false, reason: 'ffmpeg produced no frame' };
  } catch (e) {
    await discard(temp);
    throw e;
  }
}

/**
 * A JPEG poster for a video, at most `maxWidth` wide, written to `output` only once complete. If
 * the chosen instant yields no frame (a wrong duration in the header), the first frame is used.
 */
export async function makeVideoPoster(
  input: string,
  output: string,
  options: PosterOptions,
): Promise<ToolOutcome> {
  const at = posterTime(options.durationSeconds);
  const first = await renderJpeg(input, output, at, options);
  if (first.ok || at === 0) {
    return first;
  }
  return renderJpeg(input, output, 0, options);
}

/** A JPEG thumbnail for a photo (any format ffmpeg decodes), at most `maxWidth` wide. */
export function makePhotoThumbnail(
  input: string,
  output: string,
  options: ThumbnailOptions = {},
): Promise<ToolOutcome> {
  return renderJpeg(input, output, null, options);
}
