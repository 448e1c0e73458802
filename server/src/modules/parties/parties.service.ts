import {
  identifierProblem,
  isMessageKey,
  normaliseIdentifier,
  partyCreateInput,
  sexFromResidentId,
  type PartyCreateInput,
  type PartyDto,
  type PartyList,
  type PartyListQuery,
  type PartyLookupQuery,
  type PartyUpdateInput,
} from '@quancheng/contracts';
import type { Trx } from '../../db/database';
import { AppError, forbidden, invalidField, notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import { partiesPolicy } from './parties.policy';
import { partyLedgerRow, presentParty } from './parties.presenter';
import { partiesRepository, type PartyPatch, type PartyRecord } from './parties.repository';
import { newId } from '../../db/ids';

/** A 409 that carries the party already holding the number, so the caller can offer to use it. */
export class PartyTakenError extends AppError {
  constructor(readonly existing: PartyRecord) {
    super(
      409,
      existing.kind === 'organisation' ? 'conflict.party_uscc_taken' : 'conflict.party_resident_id_taken',
      { name: existing.name },
      { field: 'identifier' },
    );
  }
}

/** The editable fields and their columns, in the order a change history lists them. */
const EDITABLE = [
  ['name', 'name'],
  ['legalRep', 'legal_rep'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['note', 'note'],
] as const satisfies readonly (readonly [keyof PartyUpdateInput, keyof PartyPatch])[];

/** Input that did not come through a route is checked the same way (the cases module's). */
function parseCreateInput(input: PartyCreateInput): PartyCreateInput {
  const parsed = partyCreateInput.safeParse(input);
  if (parsed.success) {
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const field = issue?.path.filter((p) => typeof p === 'string').at(-1) ?? 'body';
  throw invalidField(field, issue && isMessageKey(issue.message) ? issue.message : 'v.invalid_value');
}

/** A new party's row: the number normalised and verified, a person's sex as the number records it. */
function newRow(actor: Actor, input: PartyCreateInput, at: Date): PartyRecord {
  const identifier = normaliseIdentifier(input.identifier);
  const problem = identifierProblem(input.kind, identifier, at);
  if (problem) {
    throw invalidField('identifier', problem.key, problem.params);
  }
  let sex: PartyRecord['sex'] = null;
  if (input.kind === 'person') {
    sex = sexFromResidentId(identifier);
    if (input.sex && input.sex !== sex) {
      throw invalidField('sex', 'v.party_sex_mismatch');
    }
  }
  return {
    id: newId(),
    kind: input.kind,
    name: input.name,
    identifier,
    legal_rep: input.kind === 'organisation' ? (input.legalRep ?? null) : null,
    sex,
    address: input.address ?? null,
    phone: input.phone ?? null,
    note: input.note ?? null,
    created_by: actor.id,
    created_at: at.toISOString(),
    updated_at: at.toISOString(),
  };
}

/** The party directory (当事人): one row per USCC or resident ID number, reused by every case. */
export function createPartiesService({ db, ledger, now, write }: ServiceDeps) {
  function requireRead(actor: Actor): void {
    if (!partiesPolicy.read(actor)) {
      throw forbidden();
    }
  }

  /**
   * The party holding the input's number, unchanged, or a new one with its `party.created` leaf —
   * in the caller's transaction. Reusing needs no right beyond the caller's; registering needs
   * `party.manage`. Call it before appending other leaves in the same transaction: on PostgreSQL a
   * concurrent insert of the same number by another instance is waited for, and then reused.
   */
  async function findOrCreateParty(
    trx: Trx,
    actor: Actor,
    input: PartyCreateInput,
  ): Promise<{ party: PartyRecord; created: boolean }> {
    const parsed = parseCreateInput(input);
    const row = newRow(actor, parsed, now());
    const existing = await partiesRepository.findByIdentifier(trx, row.identifier, row.kind);
    if (existing) {
      return { party: existing, created: false };
    }
    if (!partiesPolicy.manage(actor)) {
      throw forbidden();
    }
    if (!(await partiesRepository.insertIfAbsent(trx, row))) {
      const winner = await partiesRepository.findByIdentifier(trx, row.identifier, row.kind);
      if (!winner) {
        throw new Error(`party ${row.kind} ${row.identifier}: insert yielded to a row that is not there`);
      }
      return { party: winner, created: false };
    }
    await ledger.append(trx, {
      actorId: actor.id,
      action: 'party.created',
      subject: { type: 'party', id: row.id },
      row: partyLedgerRow(row),
    });
    return { party: row, created: true };
  }

  return {
    findOrCreateParty,

    async list(actor: Actor, query: PartyListQuery): Promise<PartyList> {
      requireRead(actor);
      const identifier = query.q ? normaliseIdentifier(query.q) : null;
      const { rows, total } = await partiesRepository.list(db, query, identifier);
      return {
        items: rows.map((r) => presentParty(actor, r)),
        total,
        page: query.page,
        pageSize: query.pageSize,
        abilities: { create: partiesPolicy.manage(actor) },
      };
    },

    async get(actor: Actor, id: string): Promise<PartyDto> {
      requireRead(actor);
      const row = await partiesRepository.findById(db, id);
      if (!row) {
        throw notFound();
      }
      return presentParty(actor, row);
    },

    /** The party registered under exactly this number (normalised), or 404. */
    async lookup(actor: Actor, query: PartyLookupQuery): Promise<PartyDto> {
      requireRead(actor);
      const row = await partiesRepository.findByIdentifier(db, query.identifier, query.kind);
      if (!row) {
        throw notFound();
      }
      return presentParty(actor, row);
    },

    /** Registers a party; a number already registered is a 409 naming the party that holds it. */
    async create(actor: Actor, input: PartyCreateInput): Promise<PartyDto> {
      if (!partiesPolicy.manage(actor)) {
        throw forbidden();
      }
      const party = await write(async (trx) => {
        const { party, created } = await findOrCreateParty(trx, actor, input);
        if (!created) {
          throw new PartyTakenError(party);
        }
        return party;
      });
      return presentParty(actor, party);
    },

    /** Corrects the name and contact details; the leaf's detail keeps each previous value. */
    async update(actor: Actor, id: string, input: PartyUpdateInput): Promise<PartyDto> {
      if (!partiesPolicy.manage(actor)) {
        throw forbidden();
      }
      const party = await write(async (trx) => {
        const current = await partiesRepository.findById(trx, id);
        if (!current) {
          throw notFound();
        }
        if (current.kind === 'person' && input.legalRep !== undefined && input.legalRep !== null) {
          throw invalidField('legalRep', 'v.party_legal_rep_person');
        }
        const patch: PartyPatch = {};
        const changes: Record<string, { from: string | null; to: string | null }> = {};
        for (const [field, column] of EDITABLE) {
          const to = input[field];
          if (to !== undefined && to !== current[column]) {
            // Only `name` is not nullable, and its schema never yields null.
            patch[column] = to as string;
            changes[field] = { from: current[column], to };
          }
        }
        if (Object.keys(changes).length === 0) {
          return current;
        }
        patch.updated_at = now().toISOString();
        await partiesRepository.update(trx, id, patch);
        const row = await partiesRepository.findById(trx, id);
        if (!row) {
          throw notFound();
        }
        await ledger.append(trx, {
          actorId: actor.id,
          action: 'party.updated',
          subject: { type: 'party', id },
          row: partyLedgerRow(row),
          detail: { changes },
        });
        return row;
      });
      return presentParty(actor, party);
    },
  };
}

export type PartiesService = ReturnType<typeof createPartiesService>;
