import { z } from 'zod';

/**
 * The ledger as the API shows it. Hashes are lower-case hex; signatures base64. A signed tree
 * head signs the UTF-8 bytes of the RFC 8785 canonical JSON of
 * `{ keyId, log: "quancheng", rootHash, timestamp, treeSize }`.
 */
export const LEDGER_LOG_ID = 'quancheng';
export const PROOF_BUNDLE_FORMAT = 'quancheng-proof-bundle/1';

export const hexHash = z.string().regex(/^[0-9a-f]{64}$/);

export const ledgerHeadDto = z.object({
  treeSize: z.number().int(),
  rootHash: hexHash,
  timestamp: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export type LedgerHeadDto = z.infer<typeof ledgerHeadDto>;

export const ledgerStatusDto = z.object({
  log: z.literal(LEDGER_LOG_ID),
  treeSize: z.number().int(),
  latestHead: ledgerHeadDto.nullable(),
  unsignedLeaves: z.number().int(),
  publicKeyPem: z.string(),
  keyId: z.string(),
  abilities: z.object({ sign: z.boolean(), verify: z.boolean() }),
});
export type LedgerStatusDto = z.infer<typeof ledgerStatusDto>;

export const LEDGER_SUBJECT_TYPES = ['user', 'unit'] as const;
export const ledgerSubjectParams = z.object({
  type: z.enum(LEDGER_SUBJECT_TYPES),
  id: z.string().min(1).max(128),
});

/** Records of one type that have ledger entries, searched by name, for picking what to verify. */
export const ledgerSubjectSearchQuery = z.object({
  type: z.enum(LEDGER_SUBJECT_TYPES),
  q: z.string().trim().max(64).optional(),
});
export const ledgerSubjectOptions = z.object({
  items: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type LedgerSubjectOptions = z.infer<typeof ledgerSubjectOptions>;

export const findingDto = z.object({
  /** e.g. `row_differs`, `leaf_hash_differs`, `node_differs`, `head_root_differs`, `signature_invalid`. */
  kind: z.string(),
  seq: z.number().int().nullable(),
  message: z.string(),
});
export type FindingDto = z.infer<typeof findingDto>;

export const subjectVerificationDto = z.object({
  subject: z.object({ type: z.string(), id: z.string() }),
  ok: z.boolean(),
  checkedAt: z.string(),
  head: ledgerHeadDto.nullable(),
  entries: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      action: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      /** Proven included in the signed head; false when newer than the latest head. */
      included: z.boolean(),
    }),
  ),
  findings: z.array(findingDto),
});
export type SubjectVerificationDto = z.infer<typeof subjectVerificationDto>;

export const proofBundleDto = z.object({
  format: z.literal(PROOF_BUNDLE_FORMAT),
  log: z.literal(LEDGER_LOG_ID),
  publicKeyPem: z.string(),
  head: ledgerHeadDto,
  entries: z.array(
    z.object({
      seq: z.number().int(),
      leafIndex: z.number().int(),
      /** The event's canonical JSON, exactly the bytes that were hashed. */
      event: z.string(),
      inclusionPath: z.array(hexHash),
    }),
  ),
});
export type ProofBundleDto = z.infer<typeof proofBundleDto>;

export const inclusionProofQuery = z.object({
  seq: z.coerce.number().int().min(1),
  treeSize: z.coerce.number().int().min(1).optional(),
});
export const inclusionProofDto = z.object({
  seq: z.number().int(),
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: hexHash,
  inclusionPath: z.array(hexHash),
});
export const consistencyProofQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const consistencyProofDto = z.object({
  from: z.number().int(),
  to: z.number().int(),
  consistencyPath: z.array(hexHash),
});
