import type { PartyDto } from '@quancheng/contracts';
import type { PartyTable } from '../../db/types';
import type { Actor } from '../../security/actor';
import { partiesPolicy } from './parties.policy';
import type { PartyRecord } from './parties.repository';

export function presentParty(actor: Actor, row: PartyRecord): PartyDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    identifier: row.identifier,
    legalRep: row.legal_rep,
    sex: row.sex,
    address: row.address,
    phone: row.phone,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: { update: partiesPolicy.manage(actor) },
  };
}

/** The party as the ledger records it: its table row, exactly as written. */
export function partyLedgerRow(row: PartyTable): PartyTable {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    identifier: row.identifier,
    legal_rep: row.legal_rep,
    sex: row.sex,
    address: row.address,
    phone: row.phone,
    note: row.note,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
