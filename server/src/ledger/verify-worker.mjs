// Entry of a `verify` worker thread. Under `node --import tsx` the TypeScript loader is inherited
// from the parent; otherwise (e.g. a test runner with its own transform) it is registered here.
if (!process.execArgv.some((arg) => arg.includes('tsx'))) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./verify-worker.ts');
