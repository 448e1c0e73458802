/**
 * Upload benchmark (issue 4): evidence uploads through the real HTTP tus path on loopback,
 * against `dd bs=1M conv=fsync` of the same bytes on the same disk, in the same run.
 *
 *   npm run bench:upload                                  # 1 GiB, then 25 × 100 MB
 *   BENCH_UPLOAD_MB=200 BENCH_CONCURRENT=0 npm run bench:upload
 *   BENCH_DIR=/srv/qc-bench npm run bench:upload         # measure another disk
 *
 * 1. One upload (in 256 MiB PATCHes) vs dd: MB/s, ratio (goal ≥ 0.8×) and the server's RSS
 *    growth (goal < 150 MB). Beside it the bare library: `@tus/server` + `@tus/file-store`,
 *    which also never fsyncs.
 * 2. BENCH_CONCURRENT (25) concurrent uploads of 100 MB: aggregate MB/s vs the same dd figure
 *    (goal ≥ 0.7×).
 * Servers run in child processes so their RSS is theirs alone (sampled from /proc every 50 ms).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import { createUpload, patchRange, tusRequest, type TusSession } from '../server/test/fixtures/tus-client';

const MiB = 1024 * 1024;
const root = path.resolve(import.meta.dirname, '..');

if (process.argv[2] === '--bare-server') {
  const directory = process.argv[3] ?? '';
  const server = new Server({ path: '/files', datastore: new FileStore({ directory }) }).listen(
    0,
    '127.0.0.1',
  );
  server.on('listening', () => {
    const address = server.address();
    process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
} else {
  await main();
}

function makeSource(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  const block = Buffer.allocUnsafe(4 * MiB);
  for (let written = 0; written < bytes; written += block.length) {
    randomFillSync(block);
    writeSync(fd, block, 0, Math.min(block.length, bytes - written));
  }
  closeSync(fd);
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Lets the disk settle before a measurement: flushes dirty pages and waits out the discards that
 * deleting the previous run's gigabyte queued (this disk is mounted with `discard`). Every
 * contestant gets the same.
 */
async function settle(): Promise<void> {
  spawnSync('sync');
  await new Promise((r) => setTimeout(r, 2000));
}

/** dd of the same file with an fsync at the end. */
async function ddMBps(source: string, dir: string, bytes: number): Promise<number> {
  const out = path.join(dir, 'dd.out');
  await settle();
  const start = process.hrtime.bigint();
  const run = spawnSync('dd', [`if=${source}`, `of=${out}`, 'bs=1M', 'conv=fsync'], { stdio: 'ignore' });
  const s = seconds(start);
  if (run.status !== 0) {
    throw new Error('dd failed');
  }
  rmSync(out);
  return bytes / MiB / s;
}

/** SHA-256 of the (cached) file on one core, 4 MiB reads: the ceiling of any hashed path here. */
async function sha256MBps(source: string, bytes: number): Promise<number> {
  const start = process.hrtime.bigint();
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(source, { highWaterMark: 4 * MiB })) {
    hash.update(chunk as Buffer);
  }
  hash.digest();
  return bytes / MiB / seconds(start);
}

interface Child {
  child: ChildProcess;
  port: number;
  session: TusSession;
}

function startChild(args: string[], env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^ready (\d+)(?: (\S+) (\S+))?$/m.exec(out);
      if (m) {
        const base = `http://127.0.0.1:${m[1]}`;
        resolve({ child, port: Number(m[1]), session: { base, cookie: m[2] ?? '', csrf: m[3] ?? '' } });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Samples the child's RSS while `work` runs; returns the work's result and the peak growth. */
async function withRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; growthMB: number }> {
  const before = rssMB(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 50);
  try {
    const result = await work();
    peak = Math.max(peak, rssMB(pid));
    return { result, growthMB: peak - before };
  } finally {
    clearInterval(timer);
  }
}

async function uploadFile(
  session: TusSession,
  endpoint: string,
  file: string,
  bytes: number,
): Promise<string> {
  const url = await createUpload(session, bytes, { filename: path.basename(file) }, endpoint);
  const piece = 256 * MiB;
  let last = '';
  for (let offset = 0; offset < bytes; offset += piece) {
    const res = await patchRange(session, url, file, offset, Math.min(bytes, offset + piece));
    if (res.status >= 300) {
      throw new Error(`PATCH failed: ${res.status} ${res.body}`);
    }
    last = res.body;
  }
  return last;
}

/** One upload of a 100 MB file made distinct by its first 16 bytes (so no two are duplicates). */
async function uploadVariant(session: TusSession, endpoint: string, base: string, bytes: number, i: number) {
  const url = await createUpload(session, bytes, { filename: `clip-${i}.mp4` }, endpoint);
  const prefix = Buffer.alloc(16);
  prefix.writeUInt32BE(i, 0);
  const body = Readable.from(
    (async function* () {
      yield prefix;
      yield* createReadStream(base, { start: 16, highWaterMark: 4 * MiB });
    })(),
  );
  const res = await tusRequest(
    session,
    'PATCH',
    url,
    {
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
      'content-length': String(bytes),
    },
    body,
  );
  if (res.status >= 300) {
    throw new Error(`PATCH failed: ${res.status} ${res.body}`);
  }
}

interface Run {
  name: string;
  MBps: number;
  growthMB: number;
}

async function measure(
  name: string,
  args: string[],
  env: Record<string, string>,
  endpoint: string,
  work: (c: Child) => Promise<number>,
) {
  const server = await startChild(args, env);
  await settle();
  try {
    const start = process.hrtime.bigint();
    const { result: bytes, growthMB } = await withRss(server.child.pid ?? 0, () => work(server));
    const s = seconds(start);
    return { name, MBps: bytes / MiB / s, growthMB, endpoint } satisfies Run & { endpoint: string };
  } finally {
    server.child.kill('SIGKILL');
  }
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'qc-bench-upload-'));
  const bytes = Number(process.env.BENCH_UPLOAD_MB ?? 1024) * MiB;
  const concurrent = Number(process.env.BENCH_CONCURRENT ?? 25);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const source = path.join(dir, 'source.bin');
  const ours = { name: 'ours', args: ['server/test/fixtures/upload-server.ts'], endpoint: '/api/uploads' };
  const bare = { name: 'bare', args: ['bench/upload.ts', '--bare-server'], endpoint: '/files' };
  try {
    makeSource(source, bytes);
    // Rounds alternate dd, ours and bare so that load from elsewhere falls on all three alike.
    const runs: { dd: number; hashed: number; ours: Run; bare: Run }[] = [];
    for (let round = 0; round < rounds; round++) {
      const dd = await ddMBps(source, dir, bytes);
      const hashed = await sha256MBps(source, bytes);
      const one = async (server: typeof ours) => {
        const data = path.join(dir, `${server.name}-${round}`);
        const args = server === bare ? [...server.args, data] : server.args;
        const run = await measure(server.name, args, { DATA_DIR: data }, server.endpoint, async (c) => {
          const answer = await uploadFile(c.session, server.endpoint, source, bytes);
          if (server === ours && !answer.includes('"sha256"')) {
            throw new Error(`no ingest result: ${answer}`);
          }
          return bytes;
        });
        rmSync(data, { recursive: true, force: true });
        return run;
      };
      const run = { dd, hashed, ours: await one(ours), bare: await one(bare) };
      runs.push(run);
      console.log(
        `round ${round + 1}: dd ${dd.toFixed(0)} MB/s · ours ${run.ours.MBps.toFixed(0)} MB/s ` +
          `(${(run.ours.MBps / dd).toFixed(2)}×, RSS +${run.ours.growthMB.toFixed(0)} MB) · ` +
          `bare ${run.bare.MBps.toFixed(0)} MB/s (${(run.bare.MBps / dd).toFixed(2)}×)`,
      );
    }
    const dd = median(runs.map((r) => r.dd));
    const row = (label: string, MBps: number, growth: number) =>
      console.log(
        `${label}: ${MBps.toFixed(0)} MB/s, ${(MBps / dd).toFixed(2)}× dd, server RSS +${growth.toFixed(0)} MB`,
      );
    console.log(`\nmedians over ${rounds} rounds, ${bytes / MiB} MiB:`);
    console.log(`dd bs=1M conv=fsync: ${dd.toFixed(0)} MB/s`);
    const hashed = median(runs.map((r) => r.hashed));
    console.log(
      `SHA-256 of the cached file, one core: ${hashed.toFixed(0)} MB/s (${(hashed / dd).toFixed(2)}× dd)`,
    );
    row(
      'ours (tus, hashed while streaming, fdatasync per PATCH, adopted)',
      median(runs.map((r) => r.ours.MBps)),
      Math.max(...runs.map((r) => r.ours.growthMB)),
    );
    row(
      'bare @tus/server + @tus/file-store (no hash, no fsync)',
      median(runs.map((r) => r.bare.MBps)),
      Math.max(...runs.map((r) => r.bare.growthMB)),
    );
    console.log(`per-round ratios, ours: ${runs.map((r) => (r.ours.MBps / r.dd).toFixed(2)).join(' ')}`);

    if (concurrent > 0) {
      const each = 100 * 1000 * 1000;
      const base = path.join(dir, 'base.bin');
      makeSource(base, each);
      rmSync(source);
      const ddNow = await ddMBps(base, dir, each);
      const many = await measure(
        'concurrent',
        ours.args,
        { DATA_DIR: path.join(dir, 'many') },
        ours.endpoint,
        async (c) => {
          await Promise.all(
            Array.from({ length: concurrent }, (_, i) =>
              uploadVariant(c.session, ours.endpoint, base, each, i),
            ),
          );
          return each * concurrent;
        },
      );
      console.log(
        `\nours, ${concurrent} concurrent × 100 MB: aggregate ${many.MBps.toFixed(0)} MB/s, ` +
          `${(many.MBps / dd).toFixed(2)}× the 1 GiB dd median (${(many.MBps / ddNow).toFixed(2)}× a 100 MB dd ` +
          `of ${ddNow.toFixed(0)} MB/s just before), server RSS +${many.growthMB.toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
