import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Executor } from '../../db/database';
import type { RecordingTable } from '../../db/types';
import type { JobContext, JobQueue } from '../../jobs';
import { makePhotoThumbnail, makeProxy, makeVideoPoster, type ToolOutcome } from '../../media';
import type { ServiceDeps } from '../../services';
import { derivedPath, derivedRelativePath, localBlobPath } from './recordings.paths';
import { recordingsRepository } from './recordings.repository';

/** The media jobs of a recording, by name: each makes one derived file from the original. */
export type RecordingJobs = {
  'recording.poster': { recordingId: string };
  'recording.proxy': { recordingId: string };
};

const POSTER = { retryLimit: 2, retryDelaySeconds: 5, expireInSeconds: 300 };
const PROXY = { retryLimit: 2, retryDelaySeconds: 30, expireInSeconds: 6 * 3600 };

/** Which derived files a new recording needs. Unparsable files get none (ffmpeg cannot read them). */
export function derivativesNeeded(row: Pick<RecordingTable, 'kind' | 'parsable' | 'playable'>) {
  return {
    poster: row.parsable === 1 && (row.kind === 'video' || row.kind === 'photo'),
    proxy: row.parsable === 1 && row.kind !== 'photo' && row.playable === 0,
  };
}

/** Enqueues the needed jobs inside the ingest's transaction and records them as pending. */
export async function enqueueDerivatives(
  trx: Executor,
  jobs: JobQueue<RecordingJobs>,
  row: RecordingTable,
  at: string,
): Promise<void> {
  const needed = derivativesNeeded(row);
  for (const kind of ['poster', 'proxy'] as const) {
    if (!needed[kind]) {
      continue;
    }
    const jobId = await jobs.enqueue(`recording.${kind}`, { recordingId: row.id }, { executor: trx });
    await recordingsRepository.upsertDerivative(trx, {
      recording_id: row.id,
      kind,
      state: 'pending',
      job_id: jobId,
      file: null,
      size_bytes: null,
      sha256: null,
      error: null,
      updated_at: at,
    });
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Registers the poster and proxy handlers. Each reads the original from the blob store, writes
 * its file under DATA_DIR/derived (complete or not at all), and marks the derivative done; a
 * failed attempt is retried with backoff, and the last failure marks it failed with the reason.
 */
export function registerRecordingJobs(
  queue: JobQueue<RecordingJobs>,
  deps: ServiceDeps,
  dataDir: string,
): void {
  const now = () => deps.now().toISOString();

  async function run(
    kind: 'poster' | 'proxy',
    job: JobContext<{ recordingId: string }>,
    maxAttempts: number,
    make: (input: string, output: string, row: RecordingTable) => Promise<ToolOutcome>,
  ) {
    const row = await recordingsRepository.findRow(deps.db, job.payload.recordingId);
    if (!row) {
      return { skipped: 'no such recording' };
    }
    const relative = derivedRelativePath(row.id, kind);
    const output = derivedPath(dataDir, relative);
    await mkdir(path.dirname(output), { recursive: true });
    const outcome = await make(localBlobPath(dataDir, row.sha256), output, row);
    if (!outcome.ok) {
      if (job.attempt >= maxAttempts) {
        await deps.write((trx) =>
          recordingsRepository.updateDerivative(trx, row.id, kind, {
            state: 'failed',
            error: outcome.reason,
            updated_at: now(),
          }),
        );
      }
      throw new Error(outcome.reason);
    }
    const [size, sha256] = [(await stat(output)).size, await sha256Of(output)];
    await deps.write((trx) =>
      recordingsRepository.updateDerivative(trx, row.id, kind, {
        state: 'done',
        file: relative,
        size_bytes: size,
        sha256,
        error: null,
        updated_at: now(),
      }),
    );
    return { file: relative, size, sha256 };
  }

  queue.register(
    'recording.poster',
    (job) =>
      run('poster', job, POSTER.retryLimit + 1, (input, output, row) => {
        const options = { signal: job.signal };
        if (row.kind === 'photo') {
          return makePhotoThumbnail(input, output, options);
        }
        const durationSeconds = row.duration_ms === null ? null : Number(row.duration_ms) / 1000;
        return makeVideoPoster(input, output, { ...options, durationSeconds });
      }),
    POSTER,
  );

  queue.register(
    'recording.proxy',
    (job) =>
      run('proxy', job, PROXY.retryLimit + 1, (input, output, row) =>
        makeProxy(input, output, {
          durationSeconds: row.duration_ms === null ? null : Number(row.duration_ms) / 1000,
          signal: job.signal,
          onProgress: (percent) => void job.progress(percent),
        }),
      ),
    PROXY,
  );
}
