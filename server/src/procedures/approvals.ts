import type { Role } from '@quancheng/contracts';
import type { ApprovalRecord, CaseSnapshot } from './snapshot';

/**
 * Where an approval chain stands, derived from its decisions and the definition's chain, not from
 * the stored state: a decision counts only if it is by the chain's next role, by someone who is
 * not the proposer and has not decided earlier in the chain. The first decision that does not
 * fit ends the count, so a tampered or mis-stored record cannot pass for an approval.
 */
export interface ChainProgress {
  outcome: 'pending' | 'approved' | 'rejected';
  /** How many roles have validly approved (the index of the next role while pending). */
  approvedCount: number;
  /** The role that rejected, when rejected. */
  rejectedBy?: Role | undefined;
  /** The people who validly decided, in order. */
  deciders: string[];
}

export function chainProgress(chain: readonly Role[], record: ApprovalRecord): ChainProgress {
  const deciders: string[] = [];
  for (const d of record.decisions) {
    const expected = chain[deciders.length];
    const fits =
      expected !== undefined &&
      d.role === expected &&
      d.actorId !== record.proposedBy &&
      !deciders.includes(d.actorId);
    if (!fits) {
      break;
    }
    deciders.push(d.actorId);
    if (d.decision === 'reject') {
      return { outcome: 'rejected', approvedCount: deciders.length - 1, rejectedBy: d.role, deciders };
    }
  }
  if (record.state === 'rejected') {
    return { outcome: 'rejected', approvedCount: deciders.length, deciders };
  }
  return {
    outcome: deciders.length === chain.length ? 'approved' : 'pending',
    approvedCount: deciders.length,
    deciders,
  };
}

/** The approval request that currently carries a transition: the latest one not used or withdrawn. */
export function currentApproval(snapshot: CaseSnapshot, transitionId: string): ApprovalRecord | undefined {
  for (let i = snapshot.approvals.length - 1; i >= 0; i--) {
    const a = snapshot.approvals[i];
    if (a && a.transition === transitionId && !a.consumed && a.state !== 'withdrawn') {
      return a;
    }
  }
  return undefined;
}
