/**
 * The case facts a procedure's conditions read, by path (`case.source`, `party.kind`,
 * `data.fineAmount`). The cases module builds this from its row: `case` and `party` from columns,
 * `data` from the JSON `data` column (which transition inputs also write into).
 */
export interface CaseFacts {
  case: {
    /** A6.1: routine inspection, complaint (投诉), report (举报), referral from a superior. */
    source: 'inspection' | 'complaint' | 'report' | 'referral';
    /** The day the matter was received / found (YYYY-MM-DD); limitation is measured to it. */
    receivedOn: string;
    /** The day the violation ended (YYYY-MM-DD); absent while it continues or is unknown. */
    violationEndedOn?: string | null | undefined;
  };
  party: {
    /** A6.3: the employer (or person) the matter concerns is identified. */
    present: boolean;
    kind?: 'person' | 'organisation' | null | undefined;
  };
  data: CaseData;
}

/** Case data the definitions read or transitions record. Unknown keys are allowed. */
export interface CaseData {
  /** A6.3: the complaint came with basic evidence (基本事实证据材料). */
  evidenceProvided?: boolean | undefined;
  /** A6.3/A6.4: the matter is this bureau's to handle. */
  withinJurisdiction?: boolean | undefined;
  /** A6.4: the facts suggest a crime (涉嫌犯罪): the case goes to the police. */
  suspectedCrime?: boolean | undefined;
  /** A6.3: the authority the complainant is told to go to (input of `refer_out`). */
  referralAuthority?: string | undefined;
  /** A6.4: recipient, reason and material list of the transfer letter (inputs of `transfer`). */
  transferRecipient?: string | undefined;
  transferReason?: string | undefined;
  materials?: string[] | undefined;
  /** A8.3: the intended penalty type(s), e.g. 罚款, 责令停产停业, 吊销许可证. */
  penaltyType?: string | string[] | undefined;
  /** A8.3: the intended fine, in yuan. */
  fineAmount?: number | undefined;
  [key: string]: unknown;
}

/** The value at a fact path, or `undefined`; `null` counts as absent. */
export function factAt(facts: CaseFacts, path: string): unknown {
  const dot = path.indexOf('.');
  const head = path.slice(0, dot);
  const key = path.slice(dot + 1);
  const scopes: Record<string, object> = { case: facts.case, party: facts.party, data: facts.data };
  const scope = Object.hasOwn(scopes, head)
    ? (scopes[head] as Record<string, unknown> | undefined)
    : undefined;
  if (!scope || !Object.hasOwn(scope, key)) {
    return undefined;
  }
  const value = scope[key];
  return value === null ? undefined : value;
}
