import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';

const VERIFIER = fileURLToPath(new URL('..', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('published type declarations', () => {
  // TypeScript consumers (the server) read types/*.d.mts; they must say what the JSDoc says.
  it('types/ is what `npm run types` generates from the JSDoc of merkle.mjs and bundle.mjs', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'quancheng-verifier-types-'));
    try {
      execFileSync(process.execPath, [
        TSC,
        '-p',
        path.join(VERIFIER, 'tsconfig.types.json'),
        '--outDir',
        out,
      ]);
      for (const name of ['merkle.d.mts', 'bundle.d.mts']) {
        const committed = path.join(VERIFIER, 'types', name);
        const options = { ...(await resolveConfig(committed)), filepath: committed };
        const generated = await format(readFileSync(path.join(out, name), 'utf8'), options);
        expect(readFileSync(committed, 'utf8'), `${name}: run npm run types -w verifier`).toBe(generated);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
