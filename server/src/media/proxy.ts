import { resolve } from 'node:path';
import { discard, partialPath, publish } from './output-file';
import { defaultMediaTools, failureReason, runTool, type MediaTools } from './run-tool';
import type { ToolOutcome } from './thumbnail';

export interface ProxyOptions {
  /** From the probe; progress is out_time against it. Null: progress jumps from 0 to 100. */
  durationSeconds: number | null;
  /** Called with whole percentages 0–100, only ever increasing; 100 once the proxy is in place. */
  onProgress?: (percent: number) => void;
  /** Cancels the transcode: the process is killed, the partial output removed, the promise rejects. */
  signal?: AbortSignal;
  tools?: MediaTools;
  /** x264 preset; `veryfast` keeps a shared 2-core machine responsive. */
  preset?: string;
  timeoutMs?: number;
}

function proxyArgs(input: string, temp: string, preset: string): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', resolve(input)],
    // The first real video stream (not cover art) and the first audio stream, each if present.
    ...['-map', '0:V:0?', '-map', '0:a:0?', '-sn', '-dn'],
    ...['-c:v', 'libx264', '-preset', preset, '-crf', '23', '-pix_fmt', 'yuv420p'],
    // 4:2:0 needs even dimensions; camera sensors occasionally deliver odd ones.
    ...['-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-c:a', 'aac', '-b:a', '128k', '-ac', '2'],
    ...['-threads', '1', '-movflags', '+faststart', '-progress', 'pipe:1', '-nostats', '-f', 'mp4', temp],
  ];
}

/** Turns ffmpeg's `-progress` key=value lines into increasing whole percentages. */
export function progressTracker(
  durationSeconds: number | null,
  onProgress: (percent: number) => void,
): (line: string) => void {
  let last = -1;
  const emit = (p: number): void => {
    if (p > last) {
      last = p;
      onProgress(p);
    }
  };
  emit(0);
  return (line) => {
    const m = /^out_time_us=(\d+)$/.exec(line);
    if (m && durationSeconds !== null && durationSeconds > 0) {
      // 99 at most until the file is complete and in place.
      emit(Math.min(99, Math.floor((Number(m[1]) / 1e6 / durationSeconds) * 100)));
    }
  };
}

/**
 * An H.264/AAC MP4 proxy with the index up front (`+faststart`) so playback starts before the
 * whole file arrives. The original is only read. A failed transcode resolves `{ ok: false }`;
 * cancelling rejects with an AbortError after removing the partial output.
 */
export async function makeProxy(input: string, output: string, options: ProxyOptions): Promise<ToolOutcome> {
  const tools = options.tools ?? defaultMediaTools;
  const onProgress = options.onProgress ?? ((): void => undefined);
  const temp = partialPath(output);
  const duration = options.durationSeconds;
  const timeoutMs = options.timeoutMs ?? Math.max(120_000, (duration ?? 3600) * 20_000);
  try {
    const result = await runTool(tools.ffmpeg, proxyArgs(input, temp, options.preset ?? 'veryfast'), {
      timeoutMs,
      onStdoutLine: progressTracker(duration, onProgress),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (result.code !== 0) {
      await discard(temp);
      return { ok: false, reason: failureReason('ffmpeg', result) };
    }
    if (!(await publish(temp, output))) {
      return { ok: false, reason: 'ffmpeg produced an empty proxy' };
    }
    onProgress(100);
    return { ok: true, output };
  } catch (e) {
    await discard(temp);
    throw e;
  }
}
