import { errorMessage, type JobContext, type JobDefinition, type JobLogger } from './job-queue';
import type { ClaimedJob, JobStore } from './job-store';

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

/** One attempt in progress. `settled` is set once its outcome is decided, by whichever comes first. */
interface Run {
  def: JobDefinition;
  job: ClaimedJob;
  controller: AbortController;
  settled: boolean;
  /** Fires `giveUp` when the attempt outlives its lease. */
  lease?: NodeJS.Timeout;
  /** Resolves when the slot is free again: the outcome recorded or the attempt given up. */
  done: Promise<void>;
  giveUp(message: string): void;
}

export interface RunnerOptions {
  store: JobStore;
  definitions: () => readonly JobDefinition[];
  logger: JobLogger;
  pollIntervalMs: number;
}

/**
 * The worker loop shared by both backends. It polls (and is woken by enqueue and by finished
 * jobs), claims up to each name's concurrency, gives each attempt a lease after which it is
 * aborted and counted as failed, and never lets a handler's error escape: a throw is a retry.
 */
export class JobRunner {
  readonly #options: RunnerOptions;
  readonly #runs = new Set<Run>();
  #state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  #timer: NodeJS.Timeout | null = null;
  #tick: Promise<void> | null = null;
  #again = false;

  constructor(options: RunnerOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#state === 'running';
  }

  start(): void {
    if (this.#state !== 'idle') {
      throw new Error(`job queue cannot start: it is ${this.#state}`);
    }
    this.#state = 'running';
    this.#schedule(0);
  }

  /** Looks for work now rather than at the next poll. */
  wake(): void {
    if (this.#state !== 'running') {
      return;
    }
    if (this.#tick) {
      this.#again = true;
    } else {
      this.#schedule(0);
    }
  }

  /** Waits for running attempts up to the timeout; those still running are aborted and given back. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.#state !== 'running') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopping';
    if (this.#timer) {
      clearTimeout(this.#timer);
    }
    await this.#tick;
    const runs = [...this.#runs];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(runs.map((r) => r.done)), timeout]);
    clearTimeout(timer);
    for (const run of this.#runs) {
      run.giveUp('the queue stopped before the job finished');
    }
    await Promise.all([...this.#runs].map((r) => r.done));
    this.#state = 'stopped';
  }

  #schedule(delayMs: number): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#tick = this.#poll().finally(() => {
        this.#tick = null;
        if (this.#state === 'running') {
          this.#schedule(this.#again ? 0 : this.#options.pollIntervalMs);
        }
        this.#again = false;
      });
    }, delayMs);
  }

  async #poll(): Promise<void> {
    const { store, logger } = this.#options;
    try {
      const reclaimed = await store.reclaimExpired();
      if (reclaimed > 0) {
        logger.warn({ reclaimed }, 'jobs whose lease ran out were taken back');
      }
      for (const def of this.#options.definitions()) {
        await this.#fill(def);
      }
    } catch (error) {
      logger.error({ err: error }, 'job queue poll failed');
    }
  }

  /** Claims jobs of one name until its concurrency is used up or none is due. */
  async #fill(def: JobDefinition): Promise<void> {
    while (this.#state === 'running' && this.#countRunning(def.name) < def.concurrency) {
      const job = await this.#options.store.claim(def);
      if (!job) {
        return;
      }
      this.#launch(def, job);
    }
  }

  #countRunning(name: string): number {
    let n = 0;
    for (const run of this.#runs) {
      n += run.def.name === name ? 1 : 0;
    }
    return n;
  }

  #launch(def: JobDefinition, job: ClaimedJob): void {
    const { logger } = this.#options;
    let free!: () => void;
    const run: Run = {
      def,
      job,
      controller: new AbortController(),
      settled: false,
      done: new Promise<void>((resolve) => (free = resolve)),
      giveUp: (message) => {
        if (run.settled) {
          return;
        }
        run.settled = true;
        clearTimeout(run.lease);
        run.controller.abort(new Error(message));
        logger.warn({ job: job.id, name: job.name, attempt: job.attempt }, message);
        void this.#record(job, { ok: false, message }).finally(free);
      },
    };
    this.#runs.add(run);
    void run.done.then(() => {
      this.#runs.delete(run);
      this.wake();
    });
    run.lease = setTimeout(
      () => run.giveUp(`the job ran past its lease of ${job.expireInSeconds}s`),
      job.expireInSeconds * 1000,
    );
    logger.info({ job: job.id, name: job.name, attempt: job.attempt }, 'job started');
    void this.#invoke(run).then(async (outcome) => {
      clearTimeout(run.lease);
      if (run.settled) {
        return;
      }
      run.settled = true;
      await this.#record(job, outcome);
      free();
    });
  }

  /** Runs the handler; whatever it does, this resolves. */
  async #invoke(run: Run): Promise<Outcome> {
    const { job } = run;
    const context: JobContext = {
      id: job.id,
      name: job.name,
      payload: job.payload,
      attempt: job.attempt,
      signal: run.controller.signal,
      progress: this.#progressReporter(run),
    };
    try {
      return { ok: true, value: await run.def.handler(context) };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  /** Writes each new whole percentage once, in order, and never rejects. */
  #progressReporter(run: Run): (percent: number) => Promise<void> {
    let last: number | null = null;
    let chain = Promise.resolve();
    return (percent) => {
      const value = Math.min(100, Math.max(0, Math.round(Number(percent) || 0)));
      if (value === last || run.settled) {
        return chain;
      }
      last = value;
      chain = chain
        .then(() => this.#options.store.progress(run.job, value))
        .catch((error: unknown) =>
          this.#options.logger.warn({ err: error, job: run.job.id }, 'job progress not saved'),
        );
      return chain;
    };
  }

  /** Stores the outcome; a result that cannot be stored fails the attempt instead. */
  async #record(job: ClaimedJob, outcome: Outcome): Promise<void> {
    const { store, logger } = this.#options;
    const where = { job: job.id, name: job.name, attempt: job.attempt };
    try {
      if (outcome.ok) {
        await store.complete(job, outcome.value);
        logger.info(where, 'job completed');
        return;
      }
      logger.warn({ ...where, error: outcome.message }, 'job attempt failed');
      await store.fail(job, outcome.message);
    } catch (error) {
      logger.error({ ...where, err: error }, 'job outcome not saved');
      if (outcome.ok) {
        await store.fail(job, `result not saved: ${errorMessage(error)}`).catch(() => undefined);
      }
    }
  }
}
