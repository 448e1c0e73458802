import { open } from 'node:fs/promises';

/**
 * Makes a directory's entries durable: after a create, link, rename or unlink inside `dir`,
 * fsyncing the file alone does not guarantee the name survives a power cut.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
