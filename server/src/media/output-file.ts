import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';

/**
 * A sibling temporary path for a tool's output. Tools write there and the result is renamed into
 * place only when complete, so a crash or a cancel never leaves a half-written poster or proxy
 * at the path the recording points to.
 */
export function partialPath(output: string): string {
  return `${output}.${randomBytes(6).toString('hex')}.part`;
}

/** Moves a finished, non-empty temporary file into place; false (and cleaned up) when empty. */
export async function publish(temp: string, output: string): Promise<boolean> {
  const size = await stat(temp).then(
    (s) => s.size,
    () => 0,
  );
  if (size === 0) {
    await discard(temp);
    return false;
  }
  await rename(temp, output);
  return true;
}

export async function discard(temp: string): Promise<void> {
  await rm(temp, { force: true });
}
