import type { Executor } from '../../db/database';
import type { UnitTable } from '../../db/types';

export type UnitRow = UnitTable & { people_count: number };

function selectUnits(ex: Executor) {
  return ex
    .selectFrom('units')
    .selectAll('units')
    .select((eb) =>
      eb
        .selectFrom('users')
        .whereRef('users.unit_id', '=', 'units.id')
        .where('users.active', '=', 1)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('people_count'),
    );
}

export const unitsRepository = {
  async list(ex: Executor): Promise<UnitRow[]> {
    const rows = await selectUnits(ex).orderBy('units.name').execute();
    return rows.map(withCount);
  },

  async findById(ex: Executor, id: string): Promise<UnitRow | undefined> {
    const row = await selectUnits(ex).where('units.id', '=', id).executeTakeFirst();
    return row && withCount(row);
  },

  async findByName(ex: Executor, name: string): Promise<UnitTable | undefined> {
    return ex.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
  },

  async parentOf(ex: Executor, id: string): Promise<string | null> {
    const row = await ex.selectFrom('units').select('parent_id').where('id', '=', id).executeTakeFirst();
    return row?.parent_id ?? null;
  },

  async insert(ex: Executor, row: UnitTable): Promise<void> {
    await ex.insertInto('units').values(row).execute();
  },

  async update(ex: Executor, id: string, patch: Partial<Omit<UnitTable, 'id'>>): Promise<void> {
    await ex.updateTable('units').set(patch).where('id', '=', id).execute();
  },
};

function withCount<T extends { people_count: unknown }>(row: T): T & { people_count: number } {
  return { ...row, people_count: Number(row.people_count ?? 0) };
}
