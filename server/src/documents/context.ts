import type { OpinionRole } from './template';

/**
 * What the cases module hands the renderer: the facts of one case at one moment. Plain data, no
 * database handles, so a document re-renders from what was frozen with it.
 */
export interface DocumentContext {
  /** Issuing agency, e.g. 临西县人力资源和社会保障局. */
  agencyName: string;
  /** The enforcement unit handling the case, e.g. 劳动保障监察大队. */
  unitName: string;
  case: {
    /** Registration number (登记号), given when the matter is registered. */
    regNumber: string;
    /** Case number (案号), given when the case is opened (立案); null before. */
    number: string | null;
    kind: 'penalty' | 'compulsion' | 'levy' | 'fee' | 'inspection';
    source: 'inspection' | 'complaint' | 'report' | 'referral';
    cause: string;
    facts: string;
    /** YYYY-MM-DD */
    receivedOn: string;
    violationEndedOn: string | null;
    /** ISO instant, null before the case is opened. */
    openedAt: string | null;
    /** The penalty as the procedure recorded it (prior notice, on-the-spot decision), if any. */
    penaltyType?: string | null;
    /** Yuan, as text. */
    fineAmount?: string | null;
    /** The pre-printed form number used on the spot (A10.1). */
    formNumber?: string | null;
  };
  party?: DocumentParty;
  complainant?: { name: string; phone: string | null; address: string | null };
  officers: { name: string; certNo: string }[];
  approvals?: DocumentApproval[];
  /** YYYY-MM-DD in Asia/Shanghai; also fixes the PDF creation date. */
  today: string;
}

export interface DocumentParty {
  kind: 'person' | 'organisation';
  name: string;
  /** Resident ID number (person) or unified social credit code (organisation). */
  identifier: string | null;
  legalRep: string | null;
  sex: 'male' | 'female' | null;
  address: string | null;
  phone: string | null;
}

export interface DocumentApproval {
  role: OpinionRole | (string & {});
  name: string;
  opinion: string;
  decision: 'approve' | 'reject';
  /** ISO instant */
  at: string;
}

/** Context paths a template may use as `{{path}}` or as a field's `prefill`. */
export const CONTEXT_PATHS = [
  'agencyName',
  'unitName',
  'today',
  'officers',
  'number',
  'issueDate',
  'case.regNumber',
  'case.number',
  'case.kind',
  'case.source',
  'case.cause',
  'case.facts',
  'case.receivedOn',
  'case.violationEndedOn',
  'case.openedAt',
  'case.penaltyType',
  'case.fineAmount',
  'case.formNumber',
  'party.kind',
  'party.name',
  'party.identifier',
  'party.legalRep',
  'party.sex',
  'party.address',
  'party.phone',
  'complainant.name',
  'complainant.phone',
  'complainant.address',
] as const;
export type ContextPath = (typeof CONTEXT_PATHS)[number];

const CONTEXT_PATH_SET: ReadonlySet<string> = new Set(CONTEXT_PATHS);
export const isContextPath = (path: string): path is ContextPath => CONTEXT_PATH_SET.has(path);

/**
 * The raw value at a context path (`officers` is the list itself); `number` and `issueDate` are
 * not in the context but in the render options, so callers pass them in `extra`.
 */
export function contextValue(
  context: DocumentContext,
  path: ContextPath,
  extra: { number?: string | null; issueDate?: string } = {},
): string | DocumentContext['officers'] | null {
  if (path === 'agencyName' || path === 'unitName' || path === 'today' || path === 'officers') {
    return context[path];
  }
  if (path === 'number') {
    return extra.number ?? null;
  }
  if (path === 'issueDate') {
    return extra.issueDate ?? context.today;
  }
  const [head, tail] = path.split('.') as [string, string];
  const source: unknown =
    head === 'case' ? context.case : head === 'party' ? context.party : context.complainant;
  if (source === undefined || source === null) {
    return null;
  }
  const value = (source as Record<string, unknown>)[tail];
  return typeof value === 'string' ? value : null;
}
