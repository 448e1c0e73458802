import {
  formRangeInput,
  formRangeQuery,
  formVoidInput,
  type FormRangeDetail,
  type FormRangeDto,
  type FormRangeList,
  type FormRangeInput,
  type FormVoidInput,
} from '@quancheng/contracts';
import type { z } from 'zod';
import type { Executor, Trx } from '../../db/database';
import type { FormNumberTable, FormRangeTable } from '../../db/types';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../http/errors';
import type { Ledger } from '../../ledger/ledger';
import { can, type Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import { unitsRepository, usersRepository } from '../org';
import { displayOf, formLabel, listNumbers, locateNumber, summarizePad } from './forms.numbers';
import { formsPolicy } from './forms.policy';
import { numberLedgerRow, rangeLedgerRow } from './forms.ledger';
import { formsRepository, type FormNumberRecord, type FormRangeRecord } from './forms.repository';
import { newId } from '../../db/ids';

const STATUS_LABELS = {
  used: { 'zh-CN': '使用', en: 'used' },
  voided: { 'zh-CN': '作废', en: 'voided' },
} as const;

function presentRange(actor: Actor, r: FormRangeRecord, numbers: readonly FormNumberRecord[]): FormRangeDto {
  const s = summarizePad(r, numbers);
  return {
    id: r.id,
    formType: r.form_type as FormRangeDto['formType'],
    series: r.series,
    first: Number(r.first_no),
    last: Number(r.last_no),
    digits: Number(r.digits),
    firstDisplay: displayOf(r, Number(r.first_no)),
    lastDisplay: displayOf(r, Number(r.last_no)),
    unitId: r.unit_id,
    unitName: r.unit_name,
    holderId: r.holder_id,
    holderName: r.holder_name,
    note: r.note,
    registeredBy: r.registered_by,
    registeredAt: r.registered_at,
    used: s.used,
    voided: s.voided,
    free: s.free,
    next: s.next,
    nextDisplay: s.next === null ? null : displayOf(r, s.next),
    gaps: s.gaps,
    abilities: { void: formsPolicy.void(actor, r) },
  };
}

/** Unique violation on (range_id, number): another request took the number first. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

async function insertNumber(trx: Trx, ledger: Ledger, actor: Actor, row: FormNumberTable, display: string) {
  try {
    await formsRepository.insertNumber(trx, row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('form.number_taken', { number: display, status: STATUS_LABELS.used }, 'number');
    }
    throw error;
  }
  await ledger.append(trx, {
    actorId: actor.id,
    action: row.status === 'used' ? 'form_number.used' : 'form_number.voided',
    subject: { type: 'form_number', id: row.id },
    row: numberLedgerRow(row),
    detail: { rangeId: row.range_id, number: display, ...(row.case_id ? { caseId: row.case_id } : {}) },
  });
}

/**
 * Uses a printed number on a case (A10.1), inside the transition's transaction: the number must
 * lie in a registered pad of the case's unit, held by one of the case's officers (or by the unit),
 * not be accounted for already, and every earlier number of the pad must be used or voided — so a
 * pad has no unexplained gap. Returns the number as printed.
 */
export async function useFormNumber(
  trx: Trx,
  ledger: Ledger,
  actor: Actor,
  c: { id: string; unit_id: string },
  formType: string,
  typed: string,
  at: string,
): Promise<string> {
  const found = locateNumber(await formsRepository.ofType(trx, formType), typed);
  if (!found) {
    throw conflict('form.number_unknown', { number: typed, form: formLabel(formType) }, 'formNumber');
  }
  const { range, number } = found;
  const display = displayOf(range, number);
  if (range.unit_id !== c.unit_id) {
    throw conflict('form.number_not_unit', { number: display }, 'formNumber');
  }
  if (range.holder_id !== null) {
    const officer = await trx
      .selectFrom('case_officers')
      .select('user_id')
      .where('case_id', '=', c.id)
      .where('user_id', '=', range.holder_id)
      .executeTakeFirst();
    if (!officer) {
      const holder = await usersRepository.findById(trx, range.holder_id);
      throw conflict('form.number_not_holder', { number: display, holder: holder?.name ?? '' }, 'formNumber');
    }
  }
  const accounted = await formsRepository.numbers(trx, [range.id]);
  const same = accounted.find((a) => Number(a.number) === number);
  if (same) {
    throw conflict(
      'form.number_taken',
      { number: display, status: STATUS_LABELS[same.status] },
      'formNumber',
    );
  }
  const taken = new Set(accounted.map((a) => Number(a.number)));
  const skipped: number[] = [];
  for (let n = Number(range.first_no); n < number; n++) {
    if (!taken.has(n)) {
      skipped.push(n);
    }
  }
  if (skipped.length > 0) {
    throw conflict(
      'form.number_skipped',
      { number: display, skipped: listNumbers(range, skipped) },
      'formNumber',
    );
  }
  await insertNumber(
    trx,
    ledger,
    actor,
    {
      id: newId(),
      range_id: range.id,
      number,
      status: 'used',
      case_id: c.id,
      reason: null,
      recorded_by: actor.id,
      recorded_at: at,
    },
    display,
  );
  return display;
}

/** Pads of pre-printed numbered forms: register, list with their arithmetic, void a number. */
export function createFormsService({ db, ledger, now, write }: ServiceDeps) {
  async function visible(ex: Executor, actor: Actor, id: string): Promise<FormRangeRecord> {
    const r = await formsRepository.findRange(ex, id);
    if (!r || !formsPolicy.read(actor, r)) {
      throw notFound();
    }
    return r;
  }

  async function detail(ex: Executor, actor: Actor, id: string): Promise<FormRangeDetail> {
    const r = await visible(ex, actor, id);
    const numbers = await formsRepository.numbers(ex, [r.id]);
    return {
      ...presentRange(actor, r, numbers),
      numbers: numbers.map((n) => ({
        number: Number(n.number),
        display: displayOf(r, Number(n.number)),
        status: n.status,
        caseId: n.case_id,
        caseLabel: n.case_label,
        reason: n.reason,
        recordedBy: n.recorded_by,
        recordedByName: n.recorded_by_name,
        recordedAt: n.recorded_at,
      })),
    };
  }

  return {
    async list(actor: Actor, raw: z.input<typeof formRangeQuery>): Promise<FormRangeList> {
      const scope = formsPolicy.scope(actor);
      if (!scope) {
        throw forbidden();
      }
      const q = formRangeQuery.parse(raw);
      const ranges = await formsRepository.list(db, scope, q);
      const numbers = await formsRepository.numbers(
        db,
        ranges.map((r) => r.id),
      );
      const items = ranges.map((r) =>
        presentRange(
          actor,
          r,
          numbers.filter((n) => n.range_id === r.id),
        ),
      );
      return {
        items: q.open === 'true' ? items.filter((i) => i.next !== null) : items,
        abilities: {
          register: formsPolicy.manage(actor, actor.unitId),
          registerAnyUnit: can(actor, 'form.manage') && can(actor, 'case.read_all'),
          readAllUnits: scope.kind === 'all',
        },
      };
    },

    get: (actor: Actor, id: string) => detail(db, actor, id),

    async register(actor: Actor, raw: FormRangeInput): Promise<FormRangeDetail> {
      const input = formRangeInput.parse(raw);
      const unitId = input.unitId ?? actor.unitId;
      if (!formsPolicy.manage(actor, unitId)) {
        throw forbidden();
      }
      const id = await write(async (trx) => {
        const unit = await unitsRepository.findById(trx, unitId);
        if (!unit || unit.active !== 1) {
          throw invalidField('unitId', 'org.unit_missing');
        }
        if (input.holderId) {
          const holder = await usersRepository.findById(trx, input.holderId);
          if (!holder || holder.active !== 1 || holder.unit_id !== unitId || !holder.cert_no) {
            throw invalidField('holderId', 'form.holder_not_unit');
          }
        }
        const clash = await formsRepository.overlapping(
          trx,
          input.formType,
          input.series,
          input.first,
          input.last,
        );
        if (clash[0]) {
          const r = clash[0];
          throw conflict(
            'form.range_overlap',
            { range: `${displayOf(r, Number(r.first_no))}–${displayOf(r, Number(r.last_no))}` },
            'first',
          );
        }
        const row: FormRangeTable = {
          id: newId(),
          form_type: input.formType,
          series: input.series,
          first_no: input.first,
          last_no: input.last,
          digits: input.digits,
          unit_id: unitId,
          holder_id: input.holderId ?? null,
          note: input.note ?? null,
          registered_by: actor.id,
          registered_at: now().toISOString(),
        };
        await formsRepository.insertRange(trx, row);
        await ledger.append(trx, {
          actorId: actor.id,
          action: 'form_range.registered',
          subject: { type: 'form_range', id: row.id },
          row: rangeLedgerRow(row),
          detail: { first: displayOf(row, row.first_no), last: displayOf(row, row.last_no) },
        });
        return row.id;
      });
      return detail(db, actor, id);
    },

    /** A spoiled, lost or torn-out form: the number is accounted for, with the reason (A10.1). */
    async void(actor: Actor, id: string, raw: FormVoidInput): Promise<FormRangeDetail> {
      const input = formVoidInput.parse(raw);
      await write(async (trx) => {
        const r = await visible(trx, actor, id);
        if (!formsPolicy.void(actor, r)) {
          throw forbidden();
        }
        const display = displayOf(r, input.number);
        if (input.number < Number(r.first_no) || input.number > Number(r.last_no)) {
          throw invalidField('number', 'form.number_outside', { number: display });
        }
        const same = (await formsRepository.numbers(trx, [r.id])).find(
          (n) => Number(n.number) === input.number,
        );
        if (same) {
          throw new AppError(
            409,
            'form.number_taken',
            { number: display, status: STATUS_LABELS[same.status] },
            {
              field: 'number',
            },
          );
        }
        await insertNumber(
          trx,
          ledger,
          actor,
          {
            id: newId(),
            range_id: r.id,
            number: input.number,
            status: 'voided',
            case_id: null,
            reason: input.reason,
            recorded_by: actor.id,
            recorded_at: now().toISOString(),
          },
          display,
        );
      });
      return detail(db, actor, id);
    },
  };
}

export type FormsService = ReturnType<typeof createFormsService>;
