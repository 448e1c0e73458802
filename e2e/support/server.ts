import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves with what `find` extracts from the output once it appears. */
  waitForOutput: <T>(find: (output: string) => T | undefined, timeoutMs?: number) => Promise<T>;
  stop: () => Promise<void>;
}

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when web/dist is missing or older than a source it is built from. */
function webBuildIsStale(): boolean {
  const index = path.join(REPO_ROOT, 'web', 'dist', 'index.html');
  if (!existsSync(index)) {
    return true;
  }
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'contracts/src'].map((p) =>
    path.join(REPO_ROOT, p),
  );
  const newestSource = Math.max(...sources.filter((p) => existsSync(p)).map(newestMtime));
  return newestSource > statSync(index).mtimeMs;
}

/** Builds the web app when web/dist is missing or stale: the server serves it on the same origin. */
export function ensureWebBuild(): void {
  if (!webBuildIsStale() && process.env.E2E_REBUILD !== '1') {
    return;
  }
  const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`npm run build -w web failed with status ${String(result.status)}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited (${String(child.exitCode ?? child.signalCode)}) before it was ready:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export interface StartServerOptions {
  /** Extra environment for the server, e.g. `{ LEDGER_HEAD_INTERVAL_SECONDS: '0' }`. */
  env?: Record<string, string>;
}

/**
 * Starts `node --import tsx server/src/main.ts serve` on a free port with a fresh data directory,
 * exactly as an operator would on first start, and waits until it answers /api/health.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qc-e2e-data-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ...options.env,
  };
  // The first start must print the administrator's one-time password, so none may be preset.
  delete env.QC_ADMIN_PASSWORD;
  delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let captured = '';
  child.stdout?.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
  const output = () => captured;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (!(await waitForExit(child, 0))) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const waitForOutput = async <T>(find: (text: string) => T | undefined, timeoutMs = 10_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find(captured);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`expected output did not appear within ${timeoutMs} ms:\n${captured}`);
      }
      await sleep(100);
    }
  };
  return { baseUrl, dataDir, output, waitForOutput, stop };
}

/**
 * Finds the administrator's one-time password in what the server printed: a plain line
 * `… one-time password: <pw>`, or the same text as the `msg` of a JSON log line.
 */
export function parseOneTimePassword(output: string): string | undefined {
  const pattern = /one-time password: (\S+)/;
  for (const line of output.split('\n')) {
    let text = line;
    try {
      const parsed: unknown = JSON.parse(line);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        'msg' in parsed &&
        typeof parsed.msg === 'string'
      ) {
        text = parsed.msg;
      }
    } catch {
      // A plain text line.
    }
    const match = pattern.exec(text);
    if (match?.[1]) {
      return match[1];
    }
  }
  return undefined;
}
