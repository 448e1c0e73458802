import type { DeviceListQuery } from '@quancheng/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsPattern } from '../../db/like';
import type { DeviceTable } from '../../db/types';
import type { DeviceScope } from './devices.policy';

/** A device with the names a reader needs. */
export type DeviceRecord = DeviceTable & { unit_name: string; officer_name: string | null };

const SORT = {
  deviceNumber: 'devices.device_number',
  updatedAt: 'devices.updated_at',
  status: 'devices.status',
} as const;

function baseSelect(ex: Executor) {
  return ex
    .selectFrom('devices')
    .innerJoin('units', 'units.id', 'devices.unit_id')
    .leftJoin('users', 'users.id', 'devices.officer_id')
    .selectAll('devices')
    .select(['units.name as unit_name', 'users.name as officer_name']);
}

export const devicesRepository = {
  findById(ex: Executor, id: string): Promise<DeviceRecord | undefined> {
    return baseSelect(ex).where('devices.id', '=', id).executeTakeFirst();
  },

  findByNumber(ex: Executor, deviceNumber: string): Promise<DeviceRecord | undefined> {
    return baseSelect(ex).where('devices.device_number', '=', deviceNumber).executeTakeFirst();
  },

  async list(ex: Executor, query: DeviceListQuery, scope: DeviceScope) {
    let q = ex.selectFrom('devices');
    if (scope.kind === 'unit') {
      q = q.where('devices.unit_id', '=', scope.unitId);
    }
    if (query.unitId) {
      q = q.where('devices.unit_id', '=', query.unitId);
    }
    if (query.officerId) {
      q = q.where('devices.officer_id', '=', query.officerId);
    }
    if (query.status) {
      q = q.where('devices.status', '=', query.status);
    }
    if (query.q) {
      const like = containsPattern(query.q);
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(devices.device_number)`, 'like', like),
          eb(sql`lower(coalesce(devices.model, ''))`, 'like', like),
        ]),
      );
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ids = await q
      .select('devices.id')
      .orderBy(SORT[query.sort], query.order)
      .orderBy('devices.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const rows = ids.length
      ? await baseSelect(ex)
          .where(
            'devices.id',
            'in',
            ids.map((r) => r.id),
          )
          .execute()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      rows: ids.map((r) => byId.get(r.id)).filter((r): r is DeviceRecord => r !== undefined),
      total: Number(total.n),
    };
  },

  /** Every device in id order, a page at a time (for `verify`). */
  async pageById(ex: Executor, after: string | null, limit: number): Promise<DeviceTable[]> {
    let q = ex.selectFrom('devices').selectAll().orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return q.execute();
  },

  async findRowsByIds(ex: Executor, ids: readonly string[]): Promise<DeviceTable[]> {
    return ids.length ? ex.selectFrom('devices').selectAll().where('id', 'in', ids).execute() : [];
  },

  async insert(ex: Executor, row: DeviceTable): Promise<void> {
    await ex.insertInto('devices').values(row).execute();
  },

  async update(
    ex: Executor,
    id: string,
    patch: Partial<Omit<DeviceTable, 'id' | 'device_number'>>,
  ): Promise<void> {
    await ex.updateTable('devices').set(patch).where('id', '=', id).execute();
  },
};
