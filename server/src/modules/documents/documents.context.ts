import type { Executor } from '../../db/database';
import type { DocumentApproval, DocumentContext, DocumentParty } from '../../documents';
import { casesRepository, type CaseRecord } from '../cases';
import { documentsRepository } from './documents.repository';

/** The bureau's name when the unit tree does not say it (units are usually flat). */
export const DEFAULT_AGENCY_NAME = '临西县人力资源和社会保障局';

function complainantOf(json: string | null): DocumentContext['complainant'] {
  if (!json) {
    return undefined;
  }
  try {
    const c = JSON.parse(json) as { name?: unknown; phone?: unknown; address?: unknown };
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    const name = str(c.name);
    return name ? { name, phone: str(c.phone), address: str(c.address) } : undefined;
  } catch {
    return undefined;
  }
}

async function partyOf(ex: Executor, c: CaseRecord): Promise<DocumentParty | undefined> {
  const party = c.party_id ? await documentsRepository.party(ex, c.party_id) : undefined;
  if (party) {
    return {
      kind: party.kind,
      name: party.name,
      identifier: party.identifier,
      legalRep: party.legal_rep,
      sex: party.sex,
      address: party.address,
      phone: party.phone,
    };
  }
  // A complaint may name an employer not yet identified: its name is all there is.
  return c.party_name
    ? {
        kind: 'organisation',
        name: c.party_name,
        identifier: null,
        legalRep: null,
        sex: null,
        address: null,
        phone: null,
      }
    : undefined;
}

/**
 * Every opinion a document's boxes may show: each proposal as the proposing officer's opinion,
 * then each decision by the role that made it, oldest first (the renderer takes the latest per
 * role). Withdrawn proposals are left out.
 */
async function approvalsOf(ex: Executor, caseId: string): Promise<DocumentApproval[]> {
  const { requests, decisions } = await documentsRepository.approvals(ex, caseId);
  return [
    ...requests.map((r): DocumentApproval => ({
      role: 'officer',
      name: r.proposer_name,
      opinion: r.opinion,
      decision: 'approve',
      at: r.proposed_at,
    })),
    ...decisions.map((d): DocumentApproval => ({
      role: d.role,
      name: d.name,
      opinion: d.opinion,
      decision: d.decision === 'reject' ? 'reject' : 'approve',
      at: d.at,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The facts of a case as the renderer takes them, read now: the case, its party (the directory
 * entry, else the name as registered), the complainant, its officers with the certificate numbers
 * recorded when they were assigned (A19.2), the opinions on its approvals, the handling unit and
 * the agency. The agency is the top of the handling unit's tree when the unit has a parent (the
 * root unit stands for the bureau), else `defaultAgency`.
 */
export async function buildDocumentContext(
  ex: Executor,
  c: CaseRecord,
  today: string,
  defaultAgency: string,
): Promise<DocumentContext> {
  const [party, officers, approvals, units] = await Promise.all([
    partyOf(ex, c),
    casesRepository.officers(ex, [c.id]),
    approvalsOf(ex, c.id),
    documentsRepository.unitChain(ex, c.unit_id),
  ]);
  const complainant = complainantOf(c.complainant);
  return {
    agencyName: units.length > 1 ? (units.at(-1)?.name ?? defaultAgency) : defaultAgency,
    unitName: c.unit_name,
    case: {
      regNumber: c.reg_number,
      number: c.number,
      kind: c.kind,
      source: c.source,
      cause: c.cause,
      facts: c.facts,
      receivedOn: c.received_on,
      violationEndedOn: c.violation_ended_on,
      openedAt: c.opened_at,
      ...decisionFacts(c.data),
    },
    ...(party ? { party } : {}),
    ...(complainant ? { complainant } : {}),
    officers: officers.map((o) => ({ name: o.name, certNo: o.cert_no })),
    approvals,
    today,
  };
}

/** The penalty facts the procedure recorded on the case (`data`), as text for prefill. */
function decisionFacts(
  data: string,
): Pick<DocumentContext['case'], 'penaltyType' | 'fineAmount' | 'formNumber'> {
  const d = JSON.parse(data) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
  return { penaltyType: text(d.penaltyType), fineAmount: text(d.fineAmount), formNumber: text(d.formNumber) };
}
