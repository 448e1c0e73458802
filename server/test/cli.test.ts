import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qc-cli-'));

function cli(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
  });
}

describe('command line', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrate applies the migrations once, then reports up to date', async () => {
    expect((await cli(['migrate'])).stdout).toMatch(/Success: 20261128000000_create_org/);
    expect((await cli(['migrate'])).stdout).toMatch(/up to date/);
  });

  it('seed-demo seeds the demo bureau idempotently', async () => {
    expect((await cli(['seed-demo'])).stdout).toMatch(/15 people, 4 cases added/);
    expect((await cli(['seed-demo'])).stdout).toMatch(/0 people, 0 cases added/);
    const db = new SQLite(path.join(dataDir, 'quancheng.sqlite'), { readonly: true });
    const opened = db.prepare('select number from cases where number is not null').all() as {
      number: string;
    }[];
    db.close();
    expect(opened.map((r) => r.number)).toEqual([expect.stringMatching(/^临人社监立〔\d{4}〕第1号$/)]);
  });

  it('A36.1 verify exits 0 on an untouched ledger and 1 naming the altered row', async () => {
    expect((await cli(['sign-head'])).stdout).toMatch(/^tree head \d+ [0-9a-f]{64} /);
    const clean = await cli(['verify', '--lang', 'en']);
    expect(clean.stdout).toMatch(
      /^OK — \d+ entries, 1 signed heads, \d+ rows, 0 blobs checked: 0 finding\(s\) in [\d.]+ s$/m,
    );
    const db = new SQLite(path.join(dataDir, 'quancheng.sqlite'));
    db.prepare("update users set name = '张伟伟' where username = 'zhangwei'").run();
    db.close();
    // In worker threads too, which must load the TypeScript sources themselves.
    for (const workers of ['0', '2']) {
      const failed = await cli(['verify', '--lang', 'en', '--workers', workers]).then(
        () => null,
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stdout).toMatch(/^leaf \d+ user\.created: stored row differs \(user [0-9a-f-]{36}\)$/m);
      expect(failed?.stdout).toMatch(/FAILED — .*: 1 finding\(s\)/);
    }
  });

  it('A36.1 verify only reads: a job waiting in the queue is left for the server', async () => {
    const db = new SQLite(path.join(dataDir, 'quancheng.sqlite'));
    const at = new Date().toISOString();
    db.prepare(
      `insert into jobs (id, name, payload, state, singleton_key, attempts, retry_limit, retry_delay_ms,
         retry_backoff, expire_ms, run_after, created_at)
       values ('job-during-verify', 'recording.poster', '{"recordingId":"none"}', 'created', null, 0, 2, 1000, 0, 60000, ?, ?)`,
    ).run(at, at);
    db.close();
    await cli(['verify', '--lang', 'en']).catch(() => undefined);
    const after = new SQLite(path.join(dataDir, 'quancheng.sqlite'), { readonly: true });
    const job = after.prepare("select state, attempts from jobs where id = 'job-during-verify'").get();
    after.close();
    expect(job).toEqual({ state: 'created', attempts: 0 });
  });

  it('a wrong setting stops the start with a message naming it', async () => {
    const failed = await cli(['serve'], { PORT: 'eighty' }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/配置错误 \/ invalid configuration:\n {2}PORT:/);
  });
});
