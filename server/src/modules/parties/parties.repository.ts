import type { PartyKind, PartyListQuery } from '@quancheng/contracts';
import { PARTY_KINDS } from '@quancheng/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsPattern } from '../../db/like';
import type { PartyTable } from '../../db/types';

/** A party as stored. */
export type PartyRecord = PartyTable;

/** The editable columns; the kind and the number are the party's identity. */
export type PartyPatch = Partial<
  Pick<PartyTable, 'name' | 'legal_rep' | 'address' | 'phone' | 'note' | 'updated_at'>
>;

const SORT = {
  name: 'name',
  identifier: 'identifier',
  updatedAt: 'updated_at',
} as const;

/** Both kinds, or one: a `kind IN (…)` keeps the (kind, identifier) unique index usable for an exact number. */
const kindsOf = (kind: PartyKind | undefined): PartyKind[] => (kind ? [kind] : [...PARTY_KINDS]);

export const partiesRepository = {
  findById(ex: Executor, id: string): Promise<PartyRecord | undefined> {
    return ex.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The party holding this (normalised) number, of one kind or either. */
  findByIdentifier(ex: Executor, identifier: string, kind?: PartyKind): Promise<PartyRecord | undefined> {
    return ex
      .selectFrom('parties')
      .selectAll()
      .where('kind', 'in', kindsOf(kind))
      .where('identifier', '=', identifier)
      .orderBy('kind')
      .executeTakeFirst();
  },

  /**
   * One page: `q` matches part of the name, or a whole number exactly (`identifier` is the
   * normalised form of `q`, computed by the caller).
   */
  async list(ex: Executor, query: PartyListQuery, identifier: string | null) {
    let q = ex.selectFrom('parties');
    if (query.kind) {
      q = q.where('kind', '=', query.kind);
    }
    if (query.q) {
      const like = containsPattern(query.q);
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(name)`, 'like', like),
          ...(identifier
            ? [eb.and([eb('kind', 'in', kindsOf(query.kind)), eb('identifier', '=', identifier)])]
            : []),
        ]),
      );
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy(SORT[query.sort], query.order)
      .orderBy('id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { rows, total: Number(total.n) };
  },

  /** Every party in id order, a page at a time (for `verify`). */
  async pageById(ex: Executor, after: string | null, limit: number): Promise<PartyRecord[]> {
    let q = ex.selectFrom('parties').selectAll().orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return q.execute();
  },

  async findRowsByIds(ex: Executor, ids: readonly string[]): Promise<PartyRecord[]> {
    return ids.length ? ex.selectFrom('parties').selectAll().where('id', 'in', ids).execute() : [];
  },

  /** Name or number search for the ledger's record picker. */
  search(
    ex: Executor,
    q: string,
    identifier: string,
    limit: number,
  ): Promise<Pick<PartyRecord, 'id' | 'name' | 'identifier'>[]> {
    return ex
      .selectFrom('parties')
      .select(['id', 'name', 'identifier'])
      .where((eb) =>
        eb.or([
          eb(sql`lower(name)`, 'like', containsPattern(q)),
          eb.and([eb('kind', 'in', kindsOf(undefined)), eb('identifier', '=', identifier)]),
        ]),
      )
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /**
   * Inserts the party unless one of its kind already holds the number; false when one did. `ON
   * CONFLICT DO NOTHING` waits for a concurrent insert of the same number (another instance) and
   * then yields to it, without aborting the caller's transaction as a unique violation would.
   */
  async insertIfAbsent(ex: Executor, row: PartyRecord): Promise<boolean> {
    const result = await ex
      .insertInto('parties')
      .values(row)
      .onConflict((oc) => oc.columns(['kind', 'identifier']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  },

  async update(ex: Executor, id: string, patch: PartyPatch): Promise<void> {
    await ex.updateTable('parties').set(patch).where('id', '=', id).execute();
  },
};
