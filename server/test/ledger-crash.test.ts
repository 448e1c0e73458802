import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { describeEachDialect, freshDatabase, testConfig, type TestDatabase } from './harness';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs the append loop; resolves with the acknowledged (seq, id) pairs once it exits or is killed. */
function appendLoop(database: TestDatabase, opts: { killAfterMs?: number; count?: number }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/fixtures/append-loop.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: database.dataDir,
      QC_TEST_DATABASE: JSON.stringify(database.config),
      ...(opts.count ? { COUNT: String(opts.count) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    // Kill only once the loop is really appending, at a random moment after that.
    if (opts.killAfterMs !== undefined && out.includes('ack ') && !child.killed) {
      setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
      opts.killAfterMs = undefined;
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<{ acks: [number, string][]; code: number | null; err: string }>((resolve) => {
    child.on('exit', (code) => {
      const acks = [...out.matchAll(/^ack (\d+) (\S+)$/gm)].map(
        (m) => [Number(m[1]), m[2] ?? ''] as [number, string],
      );
      resolve({ acks, code, err });
    });
  });
}

describeEachDialect('ledger under crashes and concurrent writers', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(dialect);
  });
  afterEach(async () => database.drop());

  async function verifyClean(acked: [number, string][]) {
    const app = await buildApp(testConfig(database));
    try {
      const report = await app.services.ledger.verifyAll();
      expect(report.findings).toEqual([]);
      const rows = await app.deps.db.selectFrom('ledger_entries').select(['seq', 'subject_id']).execute();
      const stored = new Map(rows.map((r) => [Number(r.seq), r.subject_id]));
      for (const [seq, id] of acked) {
        expect(stored.get(seq), `acknowledged entry ${seq}`).toBe(id);
      }
      await app.services.ledger.signHead();
      return report.treeSize;
    } finally {
      await app.close();
    }
  }

  it('A36.1 killed with SIGKILL at random moments 20 times, the ledger stays whole and keeps every acknowledged write', async () => {
    const acked: [number, string][] = [];
    for (let round = 0; round < 20; round++) {
      const run = await appendLoop(database, { killAfterMs: Math.floor(Math.random() * 150) });
      expect(run.code, run.err).toBeNull();
      acked.push(...run.acks);
      await verifyClean(acked);
    }
    expect(acked.length).toBeGreaterThan(20);
  }, 240_000);

  it('two processes appending at once keep one gapless, consistent ledger', async () => {
    const [a, b] = await Promise.all([
      appendLoop(database, { count: 150 }),
      appendLoop(database, { count: 150 }),
    ]);
    expect([a.code, b.code], a.err + b.err).toEqual([0, 0]);
    const size = await verifyClean([...a.acks, ...b.acks]);
    expect(size).toBe(300);
    expect(new Set([...a.acks, ...b.acks].map(([seq]) => seq)).size).toBe(300);
  }, 120_000);
});
