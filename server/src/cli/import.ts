import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { permissionsOf, pickLang, translate, type Lang } from '@quancheng/contracts';
import { buildApp, type App } from '../app';
import type { Config } from '../config';
import { AppError } from '../http/errors';
import { unitsRepository, usersRepository } from '../modules/org';
import type { Actor } from '../security/actor';

/** What one pass over a folder did. */
export interface ImportSummary {
  files: number;
  bytes: number;
  stored: number;
  duplicates: number;
  /** Already handled by an earlier (possibly interrupted) run, found in the state file. */
  skipped: number;
  refused: { file: string; message: string }[];
  failed: { file: string; message: string }[];
}

export interface ImportOptions {
  folder: string;
  /** The person the recordings are filed by (needs `recording.upload`). */
  uploader: string;
  /** Unit name or id the recordings are filed to; the uploader's own by default. */
  unit?: string;
  lang?: Lang;
  signal?: AbortSignal;
  /** Progress lines (files and bytes); the CLI writes them to stderr. */
  onProgress?: (p: {
    file: string;
    filesDone: number;
    files: number;
    bytesDone: number;
    bytes: number;
  }) => void;
  /** Watch mode: only files whose size did not change since the previous scan. */
  stableSizes?: Map<string, number>;
}

interface StateEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
  outcome: 'stored' | 'duplicate' | 'refused';
  recordingId?: string;
}

interface State {
  folder: string;
  files: Record<string, StateEntry>;
}

/** Every regular file under `dir` (hidden entries skipped), relative paths in a stable order. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) {
      continue;
    }
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) {
      out.push(...(await walk(dir, rel)));
    } else if (e.isFile()) {
      out.push(rel);
    }
  }
  return out;
}

/** Copies a file next to the data directory while hashing it, then fsyncs the copy. */
async function copyHashed(source: string, target: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(
    createReadStream(source, { highWaterMark: 1024 * 1024 }),
    tap,
    createWriteStream(target, { flags: 'wx' }),
  );
  const handle = await open(target, 'r');
  await handle.sync().finally(() => handle.close());
  return { sha256: hash.digest('hex'), size };
}

async function actorFor(app: App, username: string): Promise<Actor> {
  const user = await usersRepository.findByUsername(app.deps.db, username);
  const actor = user && {
    id: user.id,
    username: user.username,
    name: user.name,
    unitId: user.unit_id,
    roles: user.roles,
    permissions: new Set(permissionsOf(user.roles)),
  };
  if (!actor || user.active !== 1 || !actor.permissions.has('recording.upload')) {
    throw new Error(`--uploader ${username}: no active person with the right to upload recordings`);
  }
  return actor;
}

async function unitIdFor(app: App, unit: string | undefined): Promise<string | undefined> {
  if (!unit) {
    return undefined;
  }
  const found =
    (await unitsRepository.findById(app.deps.db, unit)) ??
    (await unitsRepository.findByName(app.deps.db, unit));
  if (!found) {
    throw new Error(`--unit ${unit}: no such unit`);
  }
  return found.id;
}

/**
 * Imports a docked camera's folder tree through the same ingest as uploads. Idempotent: a file
 * whose bytes are stored is a duplicate, never a second recording. Resumable: each handled file
 * is written to a state file in DATA_DIR/import (by size and mtime), so a re-run after an
 * interruption skips what was done without re-reading it; a file being copied when the run
 * stopped is simply done again.
 */
export async function importFolder(
  app: App,
  dataDir: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const lang = options.lang ?? 'zh-CN';
  const folder = path.resolve(options.folder);
  const actor = await actorFor(app, options.uploader);
  const unitId = await unitIdFor(app, options.unit);
  const work = path.join(dataDir, 'import');
  const tmp = path.join(work, 'tmp');
  await mkdir(tmp, { recursive: true });
  const stateFile = path.join(
    work,
    `state-${createHash('sha256').update(folder).digest('hex').slice(0, 16)}.json`,
  );
  const state: State = await readFile(stateFile, 'utf8')
    .then((t) => JSON.parse(t) as State)
    .catch(() => ({ folder, files: {} }));
  const saveState = async () => {
    const temp = `${stateFile}.${randomBytes(4).toString('hex')}`;
    await writeFile(temp, JSON.stringify(state));
    await rename(temp, stateFile);
  };

  const files = await walk(folder);
  const sizes = await Promise.all(files.map(async (f) => stat(path.join(folder, f))));
  const summary: ImportSummary = {
    files: files.length,
    bytes: sizes.reduce((n, s) => n + s.size, 0),
    stored: 0,
    duplicates: 0,
    skipped: 0,
    refused: [],
    failed: [],
  };
  let bytesDone = 0;
  for (const [i, rel] of files.entries()) {
    if (options.signal?.aborted) {
      break;
    }
    const info = sizes[i];
    if (!info) {
      continue;
    }
    const known = state.files[rel];
    const stable = options.stableSizes ? options.stableSizes.get(rel) === info.size : true;
    options.stableSizes?.set(rel, info.size);
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) {
      summary.skipped++;
    } else if (!stable) {
      summary.files--;
      summary.bytes -= info.size;
      continue;
    } else {
      await importOne(app, path.join(folder, rel), rel, { actor, unitId, tmp, lang, info, state, summary });
      await saveState();
    }
    bytesDone += info.size;
    options.onProgress?.({
      file: rel,
      filesDone: i + 1,
      files: files.length,
      bytesDone,
      bytes: summary.bytes,
    });
  }
  return summary;
}

async function importOne(
  app: App,
  file: string,
  rel: string,
  ctx: {
    actor: Actor;
    unitId: string | undefined;
    tmp: string;
    lang: Lang;
    info: { size: number; mtimeMs: number };
    state: State;
    summary: ImportSummary;
  },
): Promise<void> {
  const temp = path.join(ctx.tmp, randomBytes(16).toString('hex'));
  try {
    const { sha256, size } = await copyHashed(file, temp);
    const result = await app.services.ingest({
      tempPath: temp,
      sha256,
      size,
      metadata: { filename: path.basename(rel), ...(ctx.unitId ? { unitId: ctx.unitId } : {}) },
      actor: ctx.actor,
      source: 'import',
    });
    const outcome = result.status;
    ctx.summary[outcome === 'stored' ? 'stored' : 'duplicates']++;
    const recordingId = result.recording?.id ?? result.duplicateOf?.id;
    ctx.state.files[rel] = {
      size: ctx.info.size,
      mtimeMs: ctx.info.mtimeMs,
      sha256,
      outcome,
      ...(recordingId ? { recordingId } : {}),
    };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const message = translate(error.code, ctx.lang, error.params);
      ctx.summary.refused.push({ file: rel, message });
      ctx.state.files[rel] = {
        size: ctx.info.size,
        mtimeMs: ctx.info.mtimeMs,
        sha256: '',
        outcome: 'refused',
      };
    } else {
      ctx.summary.failed.push({ file: rel, message: error instanceof Error ? error.message : String(error) });
    }
  } finally {
    await rm(temp, { force: true });
  }
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const MiB = 1024 * 1024;
/** Flags followed by a value (the rest, like --watch, stand alone). */
const VALUE_FLAGS = new Set([
  '--uploader',
  '--unit',
  '--interval',
  '--lang',
  '--data-dir',
  '--database-url',
  '--log-level',
  '--port',
  '--host',
]);

function summaryLine(s: ImportSummary): string {
  return (
    `${s.files} files, ${(s.bytes / MiB).toFixed(1)} MiB: ${s.stored} stored, ${s.duplicates} duplicates, ` +
    `${s.skipped} skipped (done before), ${s.refused.length} refused, ${s.failed.length} failed`
  );
}

/**
 * `import <folder> [--watch] [--interval S] [--unit NAME|ID] --uploader USERNAME [--lang en]`.
 * Progress on stderr; refusals and the summary on stdout; exit code 1 when a file failed.
 */
export async function runImport(config: Config, args: readonly string[]): Promise<number> {
  const folder = args.find((a, i) => !a.startsWith('--') && !VALUE_FLAGS.has(args[i - 1] ?? ''));
  const uploader = flag(args, '--uploader');
  if (!folder || !uploader) {
    process.stderr.write(
      'usage: import <folder> --uploader USERNAME [--unit NAME|ID] [--watch] [--interval S]\n',
    );
    return 2;
  }
  const lang = pickLang(flag(args, '--lang') ?? process.env.LANG?.replace('_', '-'));
  const app = await buildApp({ ...config, logLevel: 'silent' }, { runJobs: false });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const unit = flag(args, '--unit');
  const options: ImportOptions = {
    folder,
    uploader,
    ...(unit ? { unit } : {}),
    lang,
    signal: controller.signal,
    onProgress: ({ filesDone, files, bytesDone, bytes, file }) =>
      process.stderr.write(
        `\r${filesDone}/${files} files  ${(bytesDone / MiB).toFixed(1)}/${(bytes / MiB).toFixed(1)} MiB  ${file.slice(-40).padEnd(40)}`,
      ),
  };
  try {
    let failed = 0;
    const watch = args.includes('--watch');
    const interval = Number(flag(args, '--interval') ?? 10) * 1000;
    const stableSizes = watch ? new Map<string, number>() : undefined;
    do {
      const s = await importFolder(app, config.dataDir, {
        ...options,
        ...(stableSizes ? { stableSizes } : {}),
      });
      process.stderr.write('\n');
      for (const r of [...s.refused, ...s.failed]) {
        process.stdout.write(`${r.file}: ${r.message}\n`);
      }
      process.stdout.write(`${new Date().toISOString()} ${summaryLine(s)}\n`);
      failed += s.failed.length;
      if (watch && !controller.signal.aborted) {
        await sleep(interval, undefined, { signal: controller.signal }).catch(() => undefined);
      }
    } while (watch && !controller.signal.aborted);
    return failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await app.close();
  }
}
