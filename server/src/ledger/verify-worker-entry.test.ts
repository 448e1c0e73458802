import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleWorker, workerEntry } from './verify-worker-entry';

describe("verify's worker script", () => {
  it('is one bundled file of the worker and the ledger subjects, without the services and their packages', async () => {
    const text = await bundleWorker();
    expect(text).not.toBeNull();
    // The subjects of every module are there: each registers its types by name.
    for (const type of [
      'unit',
      'user',
      'device',
      'party',
      'recording',
      'case',
      'document',
      'delivery',
      'payment',
      'form_range',
    ]) {
      expect(text).toContain(`"${type}"`);
    }
    // What only services, documents and routes need is not.
    expect(text).not.toMatch(/from "(docx|pdfmake|fflate|@node-rs\/argon2|fastify|pg-boss|@tus\/server)"/);
    expect(text).not.toContain('import.meta');
  });

  it('is written once under its content hash, and that file is what workers start', async () => {
    const entry = await workerEntry();
    const file = fileURLToPath(entry);
    expect(file).toMatch(/server\/node_modules\/\.cache\/quancheng\/verify-worker-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(await bundleWorker());
    expect((await workerEntry()).href).toBe(entry.href);
  });
});
