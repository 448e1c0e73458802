import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeBundle, newKey } from './trees';

const CLI = fileURLToPath(new URL('../cli.mjs', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'quancheng-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const bureau = newKey();
const bundle = makeBundle(bureau, 12, [2, 5, 12]);
const bundleFile = file('bundle.json', JSON.stringify(bundle, null, 2));
const keyFile = file('bureau.pem', bureau.publicKeyPem);

describe('quancheng-verify command line', () => {
  it('exits 0 and says VALID for an intact bundle', () => {
    const { status, stdout } = run(bundleFile, '--public-key', keyFile);
    expect(status).toBe(0);
    expect(stdout).toContain(
      '有效 / VALID: 3 条记录均包含在签名树头（树大小 12，2026-11-28T09:00:00.000Z）中',
    );
    expect(stdout).toContain('all 3 records are included in the signed tree head (tree size 12');
    expect(stdout).toContain(`key id: ${bureau.keyId}`);
    expect(stdout).not.toContain('Note:');
  });

  it('warns when only the embedded key was used', () => {
    const { status, stdout } = run(bundleFile);
    expect(status).toBe(0);
    expect(stdout).toContain('verify with --public-key obtained independently');
  });

  it('exits 1 and lists the problem for a tampered bundle', () => {
    const tampered = structuredClone(bundle);
    const first = tampered.entries[0];
    if (first) {
      first.event = first.event.replace('case.update', 'case.delete');
    }
    const { status, stdout } = run(file('tampered.json', JSON.stringify(tampered)), '--public-key', keyFile);
    expect(status).toBe(1);
    expect(stdout).toContain('无效 / INVALID');
    expect(stdout).toMatch(/entry 2: .*does not lead to the signed root hash/);
  });

  it('exits 1 when checked against another public key', () => {
    const other = file('other.pem', newKey().publicKeyPem);
    const { status, stdout } = run(bundleFile, '--public-key', other);
    expect(status).toBe(1);
    expect(stdout).toContain('the embedded public key differs from the one supplied');
  });

  it('prints the report as JSON with --json', () => {
    const { status, stdout } = run(bundleFile, '--json', '--public-key', keyFile);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, keyId: bureau.keyId, problems: [] });
  });

  it('exits 2 on a usage error, a missing file or a file that is not JSON', () => {
    expect(run().status).toBe(2);
    expect(run(bundleFile, bundleFile).status).toBe(2);
    expect(run(bundleFile, '--frobnicate').status).toBe(2);
    expect(run(bundleFile, '--public-key').status).toBe(2);
    expect(run(path.join(dir, 'missing.json')).status).toBe(2);
    const notJson = run(file('broken.json', '{"format": '));
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('not JSON');
  });

  it('verifies a single leaf from a head, a key, the event file, its index and path', () => {
    const e = bundle.entries[1] ?? { seq: 0, leafIndex: 0, event: '', inclusionPath: [] };
    const head = file('head.json', JSON.stringify(bundle.head));
    const event = file('event.json', e.event);
    const leafArgs = (index: number, pathHex: string[]) =>
      run(
        '--head',
        head,
        '--public-key',
        keyFile,
        '--event',
        event,
        '--index',
        String(index),
        '--path',
        pathHex.join(','),
      );
    const ok = leafArgs(e.leafIndex, e.inclusionPath);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('有效 / VALID: 1 条记录');
    expect(leafArgs(e.leafIndex + 1, e.inclusionPath).status).toBe(1);
    expect(leafArgs(e.leafIndex, e.inclusionPath.slice(1)).status).toBe(1);
    writeFileSync(event, e.event + '\n'); // the file's exact bytes are the leaf: one newline more fails
    expect(leafArgs(e.leafIndex, e.inclusionPath).status).toBe(1);
    expect(run('--head', head, '--public-key', keyFile, '--index', '1').status).toBe(2);
  });
});
