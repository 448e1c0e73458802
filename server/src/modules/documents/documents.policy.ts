import type { DocumentTable } from '../../db/types';
import type { Actor } from '../../security/actor';
import { casesPolicy } from '../cases';

/** What decides access to a document: its case (unit, open or closed) and the case's officers. */
export interface DocumentAccess {
  case: { unit_id: string; status: 'open' | 'closed' };
  officerIds: readonly string[];
}

type DocRef = Pick<DocumentTable, 'state'>;

/**
 * Who may see and work on documents. A document is read by whoever may read its case; drafting,
 * editing, issuing and correcting are for those who handle the case (its officers, its unit's
 * head, the legal office) while it is open. A scan of the signed paper may be added to an issued
 * version by a handler even after the case closed: the paper comes back after the last step.
 */
export const documentsPolicy = {
  read(actor: Actor, a: DocumentAccess): boolean {
    return casesPolicy.read(actor, a.case, a.officerIds);
  },

  handle(actor: Actor, a: DocumentAccess): boolean {
    return casesPolicy.handle(actor, a.case, a.officerIds);
  },

  abilities(actor: Actor, doc: DocRef, a: DocumentAccess) {
    const handle = documentsPolicy.handle(actor, a);
    const open = handle && a.case.status === 'open';
    return {
      edit: open && doc.state === 'draft',
      issue: open && doc.state === 'draft',
      revise: open && doc.state === 'issued',
      attachScan: handle && doc.state !== 'draft',
    };
  },
};
