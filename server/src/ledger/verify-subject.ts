import type { Executor } from '../db/database';
import type { LedgerEntryTable, LedgerHeadTable } from '../db/types';
import { ledgerRepository } from './ledger.repository';
import { ledgerProofs } from './proofs';
import type { LedgerSubject } from './subjects';
import { leafHash } from './tree';
import { checkEvent, checkRow, finding, type Finding } from './verify-checks';
import { equalBytes, headIsSigned, hexToBytes, inclusionHolds } from './verify-primitives';

export interface SubjectCheck {
  findings: Finding[];
  /** Sequence numbers proven included in the head. */
  included: Set<number>;
}

/**
 * One subject's record: the head's signature; each entry's event, leaf hash and inclusion proof
 * in the head (entries newer than the head are not yet provable, which is not a finding); and
 * the current row against the latest entry that wrote it.
 */
export async function verifySubjectEntries(
  db: Executor,
  args: {
    entries: LedgerEntryTable[];
    head: LedgerHeadTable | undefined;
    publicKeyPem: string;
    subject: { type: string; id: string; loader: LedgerSubject | undefined };
  },
): Promise<SubjectCheck> {
  const { entries, head, subject } = args;
  const findings: Finding[] = [];
  const included = new Set<number>();
  if (head && !headIsSigned(head, args.publicKeyPem)) {
    findings.push(finding('head_signature_invalid', null, { size: head.tree_size }));
  }
  const leaves = await ledgerRepository.nodes(
    db,
    entries.map((e) => ({ level: 0, idx: e.seq - 1 })),
  );
  for (const entry of entries) {
    const problems = [checkEvent(entry, true)];
    const leaf = leafHash(entry.event);
    const stored = leaves.get(`0:${entry.seq - 1}`);
    if (!stored || !equalBytes(stored, leaf)) {
      problems.push(finding('leaf_hash_differs', entry.seq, { seq: entry.seq, action: entry.action }));
    }
    if (head && entry.seq <= head.tree_size) {
      const path = await ledgerProofs.inclusion(db, entry.seq - 1, head.tree_size).catch(() => null);
      if (path && inclusionHolds(entry.seq - 1, head.tree_size, leaf, path, hexToBytes(head.root_hash))) {
        included.add(entry.seq);
      } else {
        problems.push(finding('not_included', entry.seq, { seq: entry.seq, action: entry.action }));
      }
    }
    findings.push(...problems.filter((p): p is Finding => p !== null));
  }
  const latest = entries.filter((e) => e.row_hash !== null).at(-1);
  if (latest?.row_hash && subject.loader) {
    const row = (await subject.loader.load(db, [subject.id])).get(subject.id);
    const bad = checkRow({ ...latest, rowHash: latest.row_hash }, row, subject.type, subject.id);
    if (bad) {
      findings.push(bad);
    }
  }
  return { findings, included };
}
