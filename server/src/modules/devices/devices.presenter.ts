import type { DeviceDto } from '@quancheng/contracts';
import type { DeviceTable } from '../../db/types';
import type { Actor } from '../../security/actor';
import { devicesPolicy } from './devices.policy';
import type { DeviceRecord } from './devices.repository';

export function presentDevice(actor: Actor, row: DeviceRecord): DeviceDto {
  return {
    id: row.id,
    deviceNumber: row.device_number,
    model: row.model,
    unitId: row.unit_id,
    unitName: row.unit_name,
    officerId: row.officer_id,
    officerName: row.officer_name,
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: { update: devicesPolicy.manageUnit(actor, row.unit_id) },
  };
}

/** The device as the ledger records it: its table row, exactly as written. */
export function deviceLedgerRow(row: DeviceTable): DeviceTable {
  return {
    id: row.id,
    device_number: row.device_number,
    model: row.model,
    unit_id: row.unit_id,
    officer_id: row.officer_id,
    status: row.status,
    note: row.note,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
