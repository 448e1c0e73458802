/**
 * The server checks proofs and signatures with the stand-alone verifier's code — the same code a
 * court runs offline — so there is one implementation of RFC 9162 verification, not two.
 */
import { verifyHeadSignature } from '@quancheng/verifier/bundle';
import { bytesToHex, equalBytes, hexToBytes, verifyConsistency, verifyInclusion } from '@quancheng/verifier';
import type { LedgerHeadDto } from '@quancheng/contracts';
import type { LedgerHeadTable } from '../db/types';

export { bytesToHex, equalBytes, hexToBytes };

export function headDto(head: LedgerHeadTable): LedgerHeadDto {
  return {
    treeSize: head.tree_size,
    rootHash: head.root_hash,
    timestamp: head.timestamp,
    keyId: head.key_id,
    signature: head.signature,
  };
}

export function headIsSigned(head: LedgerHeadTable, publicKeyPem: string): boolean {
  return verifyHeadSignature(headDto(head), publicKeyPem);
}

export function consistencyHolds(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: Uint8Array[],
): boolean {
  return verifyConsistency(size1, size2, root1, root2, proof);
}

export function inclusionHolds(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  path: Uint8Array[],
  root: Uint8Array,
): boolean {
  return verifyInclusion(leafIndex, treeSize, leaf, path, root);
}
