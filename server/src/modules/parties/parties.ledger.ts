import { normaliseIdentifier } from '@quancheng/contracts';
import type { LedgerSubject } from '../../ledger/subjects';
import { partyLedgerRow } from './parties.presenter';
import { partiesRepository } from './parties.repository';

/** Parties are recorded as their table row; a supervisor picks one by name or by number. */
const partySubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await partiesRepository.search(ex, q.trim(), normaliseIdentifier(q), limit);
    return rows.map((r) => ({ id: r.id, label: `${r.name}（${r.identifier}）` }));
  },
  async load(ex, ids) {
    const rows = await partiesRepository.findRowsByIds(ex, ids);
    return new Map(rows.map((r) => [r.id, partyLedgerRow(r)]));
  },
  async page(ex, after, limit) {
    return (await partiesRepository.pageById(ex, after, limit)).map((r) => ({
      id: r.id,
      row: partyLedgerRow(r),
    }));
  },
};

export const partiesLedgerSubjects: [string, LedgerSubject][] = [['party', partySubject]];
