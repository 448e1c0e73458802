// Entry of a `verify` worker thread when the worker could not be bundled (verify-worker-entry.ts).
// Loader hooks registered with `--import tsx` in the parent do not reach worker threads on Node 20,
// so the TypeScript loader is registered here.
const { register } = await import('tsx/esm/api');
register();
await import('./verify-worker.ts');
