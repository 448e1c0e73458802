import type { UnitCreateInput, UnitDto, UnitList, UnitUpdateInput } from '@quancheng/contracts';
import type { Executor } from '../../db/database';
import type { UnitTable } from '../../db/types';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../http/errors';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import { orgPolicy } from './org.policy';
import { presentUnit } from './org.presenter';
import { unitsRepository } from './units.repository';
import { newId } from '../../db/ids';

export function createUnitsService({ db, ledger, now, write }: ServiceDeps) {
  async function assertParentAllowed(ex: Executor, unitId: string | null, parentId: string): Promise<void> {
    const parent = await unitsRepository.findById(ex, parentId);
    if (!parent || parent.active !== 1) {
      throw invalidField('parentId', 'org.unit_missing');
    }
    // Walk up from the new parent; meeting the unit itself would make a cycle.
    for (let id: string | null = parentId, hops = 0; id !== null && hops < 64; hops++) {
      if (id === unitId) {
        throw invalidField('parentId', 'org.unit_parent_cycle');
      }
      id = await unitsRepository.parentOf(ex, id);
    }
  }

  async function assertNameFree(ex: Executor, name: string, exceptId?: string): Promise<void> {
    const existing = await unitsRepository.findByName(ex, name);
    if (existing && existing.id !== exceptId) {
      throw conflict('conflict.unit_name_taken', { name }, 'name');
    }
  }

  return {
    async list(actor: Actor): Promise<UnitList> {
      if (!orgPolicy.readUnits(actor)) {
        throw forbidden();
      }
      const rows = await unitsRepository.list(db);
      return {
        items: rows.map((r) => presentUnit(actor, r)),
        abilities: { create: orgPolicy.manageUnits(actor) },
      };
    },

    async create(actor: Actor, input: UnitCreateInput): Promise<UnitDto> {
      if (!orgPolicy.manageUnits(actor)) {
        throw forbidden();
      }
      const row = await write(async (trx) => {
        await assertNameFree(trx, input.name);
        if (input.parentId) {
          await assertParentAllowed(trx, null, input.parentId);
        }
        const at = now().toISOString();
        const unit: UnitTable = {
          id: newId(),
          name: input.name,
          code: input.code ?? null,
          parent_id: input.parentId ?? null,
          active: 1,
          created_at: at,
          updated_at: at,
        };
        await unitsRepository.insert(trx, unit);
        await ledger.append(trx, {
          actorId: actor.id,
          action: 'unit.created',
          subject: { type: 'unit', id: unit.id },
          row: unit,
        });
        return unitsRepository.findById(trx, unit.id);
      });
      if (!row) {
        throw new AppError(500, 'internal');
      }
      return presentUnit(actor, row);
    },

    async update(actor: Actor, id: string, input: UnitUpdateInput): Promise<UnitDto> {
      if (!orgPolicy.readUnits(actor)) {
        throw notFound();
      }
      if (!orgPolicy.manageUnits(actor)) {
        throw forbidden();
      }
      const row = await write(async (trx) => {
        const current = await unitsRepository.findById(trx, id);
        if (!current) {
          throw notFound();
        }
        if (input.name !== undefined) {
          await assertNameFree(trx, input.name, id);
        }
        if (input.parentId) {
          await assertParentAllowed(trx, id, input.parentId);
        }
        if (input.active === false && current.active === 1 && current.people_count > 0) {
          throw new AppError(409, 'org.unit_has_active_people', { count: current.people_count });
        }
        const patch: Partial<UnitTable> = { updated_at: now().toISOString() };
        if (input.name !== undefined) {
          patch.name = input.name;
        }
        if (input.code !== undefined) {
          patch.code = input.code;
        }
        if (input.parentId !== undefined) {
          patch.parent_id = input.parentId;
        }
        if (input.active !== undefined) {
          patch.active = input.active ? 1 : 0;
        }
        await unitsRepository.update(trx, id, patch);
        const { people_count: _count, ...written } = { ...current, ...patch };
        await ledger.append(trx, {
          actorId: actor.id,
          action: input.active === false && current.active === 1 ? 'unit.deactivated' : 'unit.updated',
          subject: { type: 'unit', id },
          row: written,
          detail: { changed: Object.keys(input) },
        });
        return unitsRepository.findById(trx, id);
      });
      if (!row) {
        throw notFound();
      }
      return presentUnit(actor, row);
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
