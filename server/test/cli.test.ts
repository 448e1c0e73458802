import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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
    expect((await cli(['seed-demo'])).stdout).toMatch(/15 people added/);
    expect((await cli(['seed-demo'])).stdout).toMatch(/0 people added/);
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
