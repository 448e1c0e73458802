/**
 * Ledger benchmarks (issue 3). Ratios against baselines measured in the same run.
 *
 *   npm run bench:ledger                          # SQLite in a temp dir
 *   DATABASE_URL=postgres://… npm run bench:ledger
 *   BENCH_PROOF_LEAVES=10000000 BENCH_VERIFY_LEAVES=1000000 npm run bench:ledger
 *   BENCH_SECTIONS=3 npm run bench:ledger         # only some of the sections below
 *   BENCH_VERIFY_RUNS=5 npm run bench:ledger      # verify runs in section 3 (default 3)
 *
 * 1. Writes per second with their ledger entry vs the same writes without it.
 * 2. Inclusion proof production and verification at BENCH_PROOF_LEAVES leaves (default 10 M on
 *    SQLite, 1 M on PostgreSQL), seeded by a bulk path that computes the same nodes appends do.
 * 3. Full `verify` of BENCH_VERIFY_LEAVES entries (default 1 M) with their business rows.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyInclusion } from '@quancheng/verifier';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp, type App } from '../server/src/app';
import type { Trx } from '../server/src/db/database';
import { loadConfig, type Config } from '../server/src/config';
import { newId } from '../server/src/db/ids';
import { canonicalJson, rowHash } from '../server/src/ledger/ledger';
import { ledgerProofs } from '../server/src/ledger/proofs';
import { completedByAppend, leafHash, nodeHash, nodeKey } from '../server/src/ledger/tree';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** The measured write: one unit row, and its ledger entry when `withLedger`. */
async function writeUnit(app: App, trx: Trx, name: string, withLedger: boolean): Promise<void> {
  const at = new Date().toISOString();
  const row = {
    id: newId(),
    name,
    code: null,
    parent_id: null,
    active: 1 as const,
    created_at: at,
    updated_at: at,
  };
  await trx.insertInto('units').values(row).execute();
  if (withLedger) {
    await app.deps.ledger.append(trx, {
      actorId: null,
      action: 'unit.created',
      subject: { type: 'unit', id: row.id },
      row,
    });
  }
}

/**
 * `clients` concurrent writers, `n` writes in all, through the group-committing writer: each
 * write is acknowledged only after the commit that holds it.
 */
async function concurrentWritesPerSecond(
  app: App,
  withLedger: boolean,
  n: number,
  clients: number,
): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) {
        const name = `c-${randomUUID()}-${next++}`;
        await app.deps.write((trx) => writeUnit(app, trx, name, withLedger));
      }
    }),
  );
  return n / (ms(start) / 1000);
}

/** `n` writes one after another, each in its own durable transaction. */
async function writesPerSecond(app: App, withLedger: boolean, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    await app.deps.db.transaction().execute((trx) => writeUnit(app, trx, `s-${randomUUID()}`, withLedger));
  }
  return n / (ms(start) / 1000);
}

/**
 * Seeds `count` unit rows with their `unit.created` entries and every tree node, in large
 * transactions — the same bytes and hashes that appends produce, without per-row commits, and ids
 * as the services make them (UUID version 7, in creation order).
 */
async function bulkSeed(app: App, count: number, withRows: boolean): Promise<void> {
  const db = app.deps.db;
  const have = Number(
    (
      await db
        .selectFrom('ledger_entries')
        .select((e) => e.fn.max('seq').as('s'))
        .executeTakeFirstOrThrow()
    ).s ?? 0,
  );
  const pending = new Map<string, Uint8Array>();
  const at = '2026-11-28T00:00:00.000Z';
  const BATCH = 2000;
  for (let done = have; done < count;) {
    const size = Math.min(BATCH * 10, count - done);
    await db.transaction().execute(async (trx) => {
      for (let b = 0; b < size; b += BATCH) {
        const units = [];
        const entries = [];
        const nodes = [];
        for (let i = done + b; i < done + Math.min(b + BATCH, size); i++) {
          const row = {
            id: newId(),
            name: `单位${i}`,
            code: null,
            parent_id: null,
            active: 1 as const,
            created_at: at,
            updated_at: at,
          };
          units.push(row);
          const seq = i + 1;
          const event = canonicalJson({
            seq,
            at,
            actor: null,
            action: 'unit.created',
            subject: { type: 'unit', id: row.id },
            rowHash: rowHash(row),
          });
          entries.push({
            seq,
            at,
            actor_id: null,
            action: 'unit.created',
            subject_type: 'unit',
            subject_id: row.id,
            row_hash: rowHash(row),
            blob_sha256: null,
            event,
          });
          let below = leafHash(event);
          nodes.push({ level: 0, idx: i, hash: below });
          // Only left children are ever needed again, and only once.
          if (i % 2 === 0) {
            pending.set(nodeKey({ level: 0, idx: i }), below);
          }
          for (const { node, left } of completedByAppend(i)) {
            below = nodeHash(pending.get(nodeKey(left)) ?? new Uint8Array(32), below);
            pending.delete(nodeKey(left));
            nodes.push({ ...node, hash: below });
            if (node.idx % 2 === 0) {
              pending.set(nodeKey(node), below);
            }
          }
        }
        if (withRows) {
          await trx.insertInto('units').values(units).execute();
        }
        await trx.insertInto('ledger_entries').values(entries).execute();
        for (let k = 0; k < nodes.length; k += 3000) {
          await trx
            .insertInto('ledger_nodes')
            .values(nodes.slice(k, k + 3000))
            .execute();
        }
      }
    });
    done += size;
    process.stderr.write(`\r  seeding ${done}/${count}`);
  }
  process.stderr.write('\n');
}

/**
 * PostgreSQL: what autovacuum does to a live database soon after writes, done at once after the
 * bulk seed: sets hint bits and the visibility map, and gathers the planner's statistics. Without
 * it, the first full read of a freshly loaded table also writes every page (≈ 1.5× on verify).
 * Then a checkpoint, as the server makes within minutes of any write.
 */
async function settle(app: App): Promise<void> {
  if (app.deps.dialect !== 'postgresql') {
    return;
  }
  for (const table of ['units', 'ledger_entries', 'ledger_nodes']) {
    await sql`vacuum (analyze) ${sql.table(table)}`.execute(app.deps.db);
  }
  // And the seed's dirty pages written out now, not by the checkpointer during the measurement.
  await sql`checkpoint`.execute(app.deps.db);
}

/** Each measurement on an empty ledger: a new data dir, and on PostgreSQL a new schema. */
async function withApp<T>(fn: (app: App, config: Config) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qc-bench-ledger-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const schema = `qc_bench_${randomUUID().slice(0, 8)}`;
  const admin =
    config.database.dialect === 'postgresql'
      ? new pg.Client({ connectionString: config.database.url })
      : null;
  if (admin && config.database.dialect === 'postgresql') {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    config.database = { ...config.database, schema };
  }
  const app = await buildApp(config);
  try {
    return await fn(app, config);
  } finally {
    await app.close();
    if (admin) {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const postgres = !!process.env.DATABASE_URL;
  console.log(`database: ${postgres ? 'postgresql' : 'sqlite'}\n`);

  const sections = new Set((process.env.BENCH_SECTIONS ?? '1,2,3').split(','));
  if (sections.has('1')) {
    await withApp(async (app) => {
      console.log('1. serial writes, each in its own durable transaction');
      const bare = await writesPerSecond(app, false, 2000);
      const ledgered = await writesPerSecond(app, true, 2000);
      console.log(`  without ledger ${bare.toFixed(0)}/s, with ledger ${ledgered.toFixed(0)}/s`);
      console.log(`→ ratio ${(ledgered / bare).toFixed(2)}\n`);
      console.log('1b. 32 concurrent writers, group commit (each acknowledged after its commit)');
      const bareC = await concurrentWritesPerSecond(app, false, 8000, 32);
      const ledgeredC = await concurrentWritesPerSecond(app, true, 8000, 32);
      console.log(`  without ledger ${bareC.toFixed(0)}/s, with ledger ${ledgeredC.toFixed(0)}/s`);
      console.log(
        `→ ratio ${(ledgeredC / bareC).toFixed(2)} (goal ≥ 0.5; ≥ 3,000/s SQLite, ≥ 1,500/s PostgreSQL)\n`,
      );
    });
  }

  const proofLeaves = Number(process.env.BENCH_PROOF_LEAVES ?? (postgres ? 1_000_000 : 10_000_000));
  if (sections.has('2')) {
    await withApp(async (app) => {
      console.log(`2. inclusion proofs at ${proofLeaves.toLocaleString()} leaves`);
      const seedStart = process.hrtime.bigint();
      await bulkSeed(app, proofLeaves, false);
      await settle(app);
      console.log(`  seeded in ${(ms(seedStart) / 1000).toFixed(1)} s`);
      const root = await ledgerProofs.root(app.deps.db, proofLeaves);
      const runs = 500;
      const indices = Array.from({ length: runs }, () => Math.floor(Math.random() * proofLeaves));
      const leaves = await Promise.all(
        indices.map((i) =>
          app.deps.db
            .selectFrom('ledger_nodes')
            .select('hash')
            .where('level', '=', 0)
            .where('idx', '=', i)
            .executeTakeFirstOrThrow(),
        ),
      );
      const lookupStart = process.hrtime.bigint();
      for (const i of indices) {
        await app.deps.db
          .selectFrom('ledger_nodes')
          .select('hash')
          .where('level', '=', 0)
          .where('idx', '=', i)
          .executeTakeFirstOrThrow();
      }
      const lookup = ms(lookupStart) / runs;
      const proofs: Uint8Array[][] = [];
      const produceStart = process.hrtime.bigint();
      for (const i of indices) {
        proofs.push(await ledgerProofs.inclusion(app.deps.db, i, proofLeaves));
      }
      const produce = ms(produceStart) / runs;
      const verifyStart = process.hrtime.bigint();
      let ok = 0;
      for (const [k, i] of indices.entries()) {
        ok += verifyInclusion(i, proofLeaves, leaves[k]?.hash ?? new Uint8Array(), proofs[k] ?? [], root)
          ? 1
          : 0;
      }
      const verify = ms(verifyStart) / runs;
      console.log(
        `  one leaf lookup (baseline) ${lookup.toFixed(3)} ms; produce a proof ${produce.toFixed(3)} ms (goal < 1); verify ${verify.toFixed(4)} ms (goal < 0.2); ${ok}/${runs} verified`,
      );
      console.log(`→ proof production / single lookup: ${(produce / lookup).toFixed(1)}×\n`);
    });
  }

  const verifyLeaves = Number(process.env.BENCH_VERIFY_LEAVES ?? 1_000_000);
  const VERIFY_RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 3);
  if (sections.has('3')) {
    await withApp(async (app, config) => {
      console.log(
        `3. full verify of ${verifyLeaves.toLocaleString()} entries with their rows (\`npm run verify\`)`,
      );
      await bulkSeed(app, verifyLeaves, true);
      await settle(app);
      await app.services.ledger.signHead();
      const scanStart = process.hrtime.bigint();
      await app.deps.db
        .selectFrom('ledger_entries')
        .select((e) => e.fn.count('event').as('n'))
        .executeTakeFirst();
      const scan = ms(scanStart);
      // The host's CPU speed moves by more than half between hours here; this baseline moves with
      // it: SHA-256 of every event once, on one thread (a fraction of what verify must do).
      const events = await app.deps.db.selectFrom('ledger_entries').select('event').execute();
      const hashStart = process.hrtime.bigint();
      for (const { event } of events) {
        leafHash(event);
      }
      const hashing = ms(hashStart);
      // The command an operator runs, as a process of its own: start-up and worker threads
      // included. Three runs: the machine's noise only ever adds time, so the fastest is the
      // code's figure and the middle one what a run usually takes.
      const runs = [];
      for (let i = 0; i < VERIFY_RUNS; i++) {
        const start = process.hrtime.bigint();
        const run = spawnSync('npm', ['run', '--silent', 'verify', '--', '--json'], {
          env: { ...process.env, ...verifyEnv(config) },
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        const took = ms(start);
        if (run.status !== 0) {
          throw new Error(
            `verify exited ${run.status}: ${run.stdout.slice(0, 2000)}${run.stderr.slice(-2000)}`,
          );
        }
        const report = JSON.parse(run.stdout) as {
          findings: unknown[];
          rowsChecked: number;
          seconds: number;
        };
        console.log(
          `  verify ${report.seconds.toFixed(2)} s (the command with its start-up ${(took / 1000).toFixed(2)} s), ${report.findings.length} findings, ${report.rowsChecked} rows`,
        );
        runs.push(report.seconds);
      }
      const [fastest, middle] = [
        Math.min(...runs),
        [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? 0,
      ];
      console.log(
        `  fastest ${fastest.toFixed(2)} s, median ${middle.toFixed(2)} s (goal ≤ 10 s); baselines: count(*) over the entries ${scan.toFixed(0)} ms, SHA-256 of every event on one thread ${hashing.toFixed(0)} ms`,
      );
      console.log(
        `→ verify / scan: ${((fastest * 1000) / scan).toFixed(1)}×; verify / hashing the events: ${((fastest * 1000) / hashing).toFixed(1)}×\n`,
      );
    });
  }
}

/** The environment that points `npm run verify` at the benchmark's database. */
function verifyEnv(config: Config): Record<string, string> {
  const { database } = config;
  if (database.dialect === 'sqlite') {
    return { DATA_DIR: config.dataDir, DATABASE_URL: `sqlite:${database.file}` };
  }
  const url = new URL(database.url);
  if (database.schema) {
    url.searchParams.set('options', `-c search_path=${database.schema}`);
  }
  return { DATA_DIR: config.dataDir, DATABASE_URL: url.toString() };
}

await main();
