import type {
  DeviceCreateInput,
  DeviceDto,
  DeviceList,
  DeviceListQuery,
  DeviceUpdateInput,
} from '@quancheng/contracts';
import type { Executor, Trx } from '../../db/database';
import type { DeviceTable } from '../../db/types';
import { conflict, forbidden, invalidField, notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import { unitsRepository, usersRepository } from '../org';
import { devicesPolicy } from './devices.policy';
import { deviceLedgerRow, presentDevice } from './devices.presenter';
import { devicesRepository, type DeviceRecord } from './devices.repository';
import { newId } from '../../db/ids';

async function assertUnitActive(ex: Executor, unitId: string): Promise<void> {
  const unit = await unitsRepository.findById(ex, unitId);
  if (!unit || unit.active !== 1) {
    throw invalidField('unitId', 'org.unit_missing');
  }
}

/** The assigned officer must be an active member of the device's unit. */
async function assertOfficer(ex: Executor, officerId: string | null, unitId: string): Promise<void> {
  if (officerId === null) {
    return;
  }
  const user = await usersRepository.findById(ex, officerId);
  if (!user || user.active !== 1 || user.unit_id !== unitId) {
    throw invalidField('officerId', 'v.officer_not_in_unit');
  }
}

/** The minimal device registry (A31.1): numbers, models, units, assigned officers, status. */
export function createDevicesService({ db, ledger, now, write }: ServiceDeps) {
  async function record(trx: Trx, actor: Actor, id: string, action: string, detail?: object) {
    const row = await devicesRepository.findById(trx, id);
    if (!row) {
      throw notFound();
    }
    const { unit_name: _u, officer_name: _o, ...table } = row;
    await ledger.append(trx, {
      actorId: actor.id,
      action,
      subject: { type: 'device', id },
      row: deviceLedgerRow(table),
      ...(detail ? { detail } : {}),
    });
    return row;
  }

  async function visible(ex: Executor, actor: Actor, id: string): Promise<DeviceRecord> {
    const row = await devicesRepository.findById(ex, id);
    if (!row || !devicesPolicy.read(actor, row)) {
      throw notFound();
    }
    return row;
  }

  return {
    async list(actor: Actor, query: DeviceListQuery): Promise<DeviceList> {
      const scope = devicesPolicy.scope(actor);
      if (!scope) {
        throw forbidden();
      }
      const { rows, total } = await devicesRepository.list(db, query, scope);
      return {
        items: rows.map((r) => presentDevice(actor, r)),
        total,
        page: query.page,
        pageSize: query.pageSize,
        abilities: { create: devicesPolicy.mayCreate(actor) },
      };
    },

    async get(actor: Actor, id: string): Promise<DeviceDto> {
      return presentDevice(actor, await visible(db, actor, id));
    },

    async create(actor: Actor, input: DeviceCreateInput): Promise<DeviceDto> {
      if (!devicesPolicy.mayCreate(actor)) {
        throw forbidden();
      }
      if (!devicesPolicy.manageUnit(actor, input.unitId)) {
        throw invalidField('unitId', 'v.unit_not_allowed');
      }
      const row = await write(async (trx) => {
        await assertUnitActive(trx, input.unitId);
        await assertOfficer(trx, input.officerId ?? null, input.unitId);
        if (await devicesRepository.findByNumber(trx, input.deviceNumber)) {
          throw conflict(
            'conflict.device_number_taken',
            { deviceNumber: input.deviceNumber },
            'deviceNumber',
          );
        }
        const at = now().toISOString();
        const device: DeviceTable = {
          id: newId(),
          device_number: input.deviceNumber,
          model: input.model ?? null,
          unit_id: input.unitId,
          officer_id: input.officerId ?? null,
          status: input.status ?? 'active',
          note: input.note ?? null,
          created_at: at,
          updated_at: at,
        };
        await devicesRepository.insert(trx, device);
        return record(trx, actor, device.id, 'device.created');
      });
      return presentDevice(actor, row);
    },

    async update(actor: Actor, id: string, input: DeviceUpdateInput): Promise<DeviceDto> {
      const row = await write(async (trx) => {
        const current = await visible(trx, actor, id);
        if (!devicesPolicy.manageUnit(actor, current.unit_id)) {
          throw forbidden();
        }
        const unitId = input.unitId ?? current.unit_id;
        if (unitId !== current.unit_id) {
          if (!devicesPolicy.manageUnit(actor, unitId)) {
            throw invalidField('unitId', 'v.unit_not_allowed');
          }
          await assertUnitActive(trx, unitId);
        }
        // Moving a device to another unit drops an officer who is not in it, unless one is named.
        const officerId =
          input.officerId !== undefined
            ? input.officerId
            : unitId !== current.unit_id
              ? null
              : current.officer_id;
        await assertOfficer(trx, officerId, unitId);
        const patch: Partial<DeviceTable> = {
          unit_id: unitId,
          officer_id: officerId,
          updated_at: now().toISOString(),
        };
        if (input.model !== undefined) {
          patch.model = input.model;
        }
        if (input.status !== undefined) {
          patch.status = input.status;
        }
        if (input.note !== undefined) {
          patch.note = input.note;
        }
        await devicesRepository.update(trx, id, patch);
        const changed = Object.keys(input);
        const action =
          input.status === 'retired' && current.status !== 'retired' ? 'device.retired' : 'device.updated';
        return record(trx, actor, id, action, { changed });
      });
      return presentDevice(actor, row);
    },
  };
}

export type DevicesService = ReturnType<typeof createDevicesService>;
