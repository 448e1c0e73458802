import type { Db } from '../db/database';
import type { LedgerHeadTable } from '../db/types';
import { ledgerRepository } from './ledger.repository';
import { ledgerProofs } from './proofs';
import { signHeadFields, type SigningKey } from './signing';
import { bytesToHex } from './verify-primitives';

/**
 * Signs the current tree if it grew since the last head; otherwise returns the last head. Heads
 * are kept forever. Two instances signing the same size at once keep the first one stored.
 */
export async function signTreeHead(
  db: Db,
  key: SigningKey,
  now: () => Date,
): Promise<LedgerHeadTable | null> {
  const [treeSize, latest] = await Promise.all([ledgerRepository.size(db), ledgerRepository.latestHead(db)]);
  if (treeSize === 0 || (latest && latest.tree_size >= treeSize)) {
    return latest ?? null;
  }
  const fields = {
    treeSize,
    rootHash: bytesToHex(await ledgerProofs.root(db, treeSize)),
    timestamp: now().toISOString(),
    keyId: key.keyId,
  };
  await ledgerRepository.insertHead(db, {
    tree_size: fields.treeSize,
    root_hash: fields.rootHash,
    timestamp: fields.timestamp,
    key_id: fields.keyId,
    signature: signHeadFields(key, fields),
  });
  return (await ledgerRepository.latestHead(db)) ?? null;
}

/** Signs new heads every `seconds` while the server runs. Returns a stop function. */
export function scheduleHeadSigning(
  sign: () => Promise<unknown>,
  seconds: number,
  onError: (error: unknown) => void,
): () => void {
  if (seconds <= 0) {
    return () => undefined;
  }
  const timer = setInterval(() => {
    sign().catch(onError);
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
