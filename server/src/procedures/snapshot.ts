import type { Role } from '@quancheng/contracts';
import type { Localized } from './definition';
import type { CaseFacts } from './facts';

/**
 * What the engine is asked about: a case as the cases module has stored it, and who asks. The
 * engine never reads a database; the caller builds a snapshot and persists what the engine says.
 */

export interface ApprovalDecision {
  role: Role;
  actorId: string;
  decision: 'approve' | 'reject';
}

export interface ApprovalRecord {
  transition: string;
  /** The caller's state; the engine re-derives the outcome from `decisions` and the chain. */
  state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  proposedBy: string;
  /** In the order they were made. */
  decisions: ApprovalDecision[];
  /** Set by the caller once the transition it carried has completed: it cannot carry another. */
  consumed?: boolean | undefined;
}

export interface CaseSnapshot {
  step: string;
  status: 'open' | 'closed';
  facts: CaseFacts;
  approvals: ApprovalRecord[];
  /**
   * Only `issued` satisfies a requirement (a superseded version does not). `seq` orders it among
   * the case's completed transitions (the ledger sequence of its issue).
   */
  documents: { templateId: string; state: 'draft' | 'issued' | 'superseded'; seq?: number | undefined }[];
  /** Recording requirements met by AV records linked to the case; `seq` as for documents. */
  recordings: { requirementId: string; seq?: number | undefined }[];
  /**
   * Transitions the case has completed, with the ledger sequence of each completion. A transition
   * done again (another interview, a second 补正 request) needs documents and recordings made
   * after its last completion: one record does not serve two occasions.
   */
  done?: { transition: string; seq: number }[] | undefined;
  /** User ids of the case's officers (承办人员). */
  officers: string[];
  /** Exceptions granted (see evaluateOverride), per transition. */
  overrides: { transition: string; covers: ('documents' | 'recordings')[] }[];
  /** YYYY-MM-DD, for conditions measured to today. */
  today?: string | undefined;
  /** What the completeness report finds missing (for `requiresComplete`), each said exactly. */
  incomplete?: Missing[] | undefined;
  /** The working-day calendar, for `leadTime` conditions: a period's due date from a date. */
  dueOf?: ((periodId: string, from: string) => string | undefined) | undefined;
}

export interface EngineActor {
  id: string;
  roles: readonly Role[];
}

export const MISSING_CODES = [
  'wrong_step',
  'case_closed',
  'not_actor',
  'condition',
  'approval_missing',
  'approval_pending',
  'approval_rejected',
  'approval_not_needed',
  'approval_exists',
  'self_approval',
  'decided_twice',
  'out_of_order',
  'document_missing',
  'recording_missing',
  'input_missing',
  'no_override',
  'reason_missing',
  'record_missing',
] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

/** One thing that stands in the way, said exactly (zh-CN and en). */
export interface Missing {
  code: MissingCode;
  ruleId?: string | undefined;
  params: Record<string, unknown>;
  message: Localized;
}

export interface Verdict {
  allowed: boolean;
  missing: Missing[];
}

export interface EngineOptions {
  /** Values given with the action (transition inputs); they count as case data. */
  inputs?: Record<string, unknown> | undefined;
  /** Real template titles, by template id (default: messages.ts TEMPLATE_TITLES). */
  templateTitles?: Record<string, Localized> | undefined;
}

export function verdict(missing: Missing[]): Verdict {
  return { allowed: missing.length === 0, missing };
}
