import { sql } from 'kysely';
import { containsPattern } from '../../db/like';
import type { LedgerSubject } from '../../ledger/subjects';
import { deviceLedgerRow } from './devices.presenter';
import { devicesRepository } from './devices.repository';

/** Devices are recorded as their table row. */
const deviceSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await ex
      .selectFrom('devices')
      .select(['id', 'device_number', 'model'])
      .where(sql<string>`lower(device_number)`, 'like', containsPattern(q))
      .orderBy('device_number')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: r.model ? `${r.device_number}（${r.model}）` : r.device_number,
    }));
  },
  async load(ex, ids) {
    const rows = await devicesRepository.findRowsByIds(ex, ids);
    return new Map(rows.map((r) => [r.id, deviceLedgerRow(r)]));
  },
  async page(ex, after, limit) {
    return (await devicesRepository.pageById(ex, after, limit)).map((r) => ({
      id: r.id,
      row: deviceLedgerRow(r),
    }));
  },
};

export const devicesLedgerSubjects: [string, LedgerSubject][] = [['device', deviceSubject]];
