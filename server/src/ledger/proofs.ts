import type { Executor } from '../db/database';
import { ledgerRepository } from './ledger.repository';
import { consistencyPath, inclusionPath, nodeKey, nodesNeeded, rootAt, type NodeGetter } from './tree';

/**
 * Evaluates a tree computation on the stored nodes: learns which nodes it needs, fetches them in
 * one query, then computes. A missing node means the tree tables were damaged.
 */
async function onStoredNodes<T>(ex: Executor, compute: (get: NodeGetter) => T): Promise<T> {
  const stored = await ledgerRepository.nodes(ex, nodesNeeded(compute));
  return compute((level, idx) => {
    const hash = stored.get(nodeKey({ level, idx }));
    if (!hash) {
      throw new LedgerDamagedError(`ledger node ${level}:${idx} is missing`);
    }
    return hash;
  });
}

export class LedgerDamagedError extends Error {}

export const ledgerProofs = {
  root: (ex: Executor, treeSize: number) => onStoredNodes(ex, (get) => rootAt(treeSize, get)),
  inclusion: (ex: Executor, leafIndex: number, treeSize: number) =>
    onStoredNodes(ex, (get) => inclusionPath(leafIndex, treeSize, get)),
  consistency: (ex: Executor, fromSize: number, toSize: number) =>
    onStoredNodes(ex, (get) => consistencyPath(fromSize, toSize, get)),
};
