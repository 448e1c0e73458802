import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/**
 * What `verify`'s worker threads run. Loaded through the TypeScript loader, a worker spends
 * ≈ 0.75 s (and as much again on the loader's own thread) importing its few dozen modules; so
 * the worker and what it imports are bundled into one JavaScript file by esbuild (the
 * transpiler the loader itself uses) when a verify starts, ≈ 0.1 s in esbuild's own process, and
 * Node loads that natively in ≈ 0.3 s. Packages stay imports, resolved from the bundle's place
 * under the server's node_modules as they are from the sources; the workspace's own TypeScript
 * packages are bundled. The file is named by its content, so concurrent verifies share it and a
 * changed source makes a new one.
 *
 * When bundling cannot be done, or the code would look for files beside itself (import.meta,
 * which would point into the cache), the workers load the sources through the loader as before.
 */
const SOURCE = new URL('./verify-worker.ts', import.meta.url);
const THROUGH_LOADER = new URL('./verify-worker.mjs', import.meta.url);
const CACHE = new URL('../../node_modules/.cache/quancheng/', import.meta.url);

/** Bare imports stay imports, except this workspace's packages (TypeScript, which Node cannot load). */
const packagesExternal: Plugin = {
  name: 'packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@quancheng/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** The bundled worker's text, or null when it cannot be bundled or must not be. */
export async function bundleWorker(): Promise<string | null> {
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(SOURCE)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      plugins: [packagesExternal],
    });
    const text = result.outputFiles[0]?.text;
    return text === undefined || text.includes('import.meta') ? null : text;
  } catch {
    return null;
  }
}

/** The worker script: the bundle, written once into the cache, or the sources through the loader. */
export async function workerEntry(): Promise<URL> {
  const text = await bundleWorker();
  if (text === null) {
    return THROUGH_LOADER;
  }
  const file = new URL(
    `verify-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`,
    CACHE,
  );
  try {
    if (!existsSync(file)) {
      mkdirSync(CACHE, { recursive: true });
      // Written aside and renamed, so that a worker never loads half a file.
      const aside = fileURLToPath(file) + `.${process.pid}.tmp`;
      writeFileSync(aside, text);
      renameSync(aside, file);
    }
    return file;
  } catch {
    return THROUGH_LOADER;
  }
}
