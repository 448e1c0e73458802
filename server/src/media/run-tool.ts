import { spawn } from 'node:child_process';

/** Where the ffmpeg tools live; defaults find Debian's `/usr/bin` binaries on the PATH. */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

export const defaultMediaTools: MediaTools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

export interface RunToolOptions {
  /** Killed (SIGKILL) after this long: a pathological file must not hold a job slot forever. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called for each complete stdout line; when set, stdout is not collected. */
  onStdoutLine?: (line: string) => void;
  /** Cap on collected stdout/stderr, so a chatty tool cannot grow the heap without bound. */
  maxOutputBytes?: number;
}

export interface RunToolResult {
  /** Exit code, or null when the process was killed or could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the binary could not be started at all (e.g. ENOENT). */
  spawnError?: string;
}

/** Thrown (rejected) when the caller's AbortSignal fires; the child process has been killed. */
export class MediaAbortedError extends Error {
  constructor() {
    super('media operation aborted');
    this.name = 'AbortError';
  }
}

/**
 * Runs a media tool without a shell (arguments are never interpreted, so a file name cannot inject
 * anything), with a hard timeout. Bad media never rejects: the exit code and stderr say what
 * happened. Only an abort by the caller rejects, with {@link MediaAbortedError}.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: RunToolOptions,
): Promise<RunToolResult> {
  const cap = options.maxOutputBytes ?? 4 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new MediaAbortedError());
      return;
    }
    const child = spawn(command, args, {
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let pending = '';
    let timedOut = false;
    let aborted = false;
    let spawnError: string | undefined;

    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (options.onStdoutLine) {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          options.onStdoutLine(line.trimEnd());
        }
        return;
      }
      if (outBytes < cap) {
        out.push(chunk);
        outBytes += chunk.length;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < cap) {
        err.push(chunk);
        errBytes += chunk.length;
      }
    });
    let settled = false;
    const finish = (code: number | null): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (options.onStdoutLine && pending !== '') {
        options.onStdoutLine(pending.trimEnd());
      }
      if (aborted) {
        reject(new MediaAbortedError());
        return;
      }
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };
    child.on('error', (e) => {
      spawnError = e.message;
      if (child.pid === undefined) {
        finish(null);
      }
    });
    child.on('close', (code) => finish(code));
  });
}

/** A one-line, length-capped summary of a tool's failure for logs and the stored reason. */
export function failureReason(tool: string, result: RunToolResult): string {
  if (result.spawnError !== undefined) {
    return `${tool} could not start: ${result.spawnError}`;
  }
  if (result.timedOut) {
    return `${tool} timed out`;
  }
  const detail = result.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
  return `${tool} exited with code ${String(result.code)}${detail ? `: ${detail}` : ''}`;
}
