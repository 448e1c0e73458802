import type { FineAccountDto, PaymentDto, PaymentList, paymentInput } from '@quancheng/contracts';
import { RECEIPT_SCAN_MAX_BYTES } from '@quancheng/contracts';
import type { z } from 'zod';
import type { Executor, Trx } from '../../db/database';
import type { CaseTable, FinePaymentTable } from '../../db/types';
import { AppError, forbidden, invalidField, notFound, type MissingItem } from '../../http/errors';
import type { ProcedureDefinition, TransitionDef } from '../../procedures';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import type { BlobStore } from '../../storage/blob-store';
import { storeBytes } from '../../storage/store-bytes';
import {
  fenToYuan,
  fineAccount,
  normaliseReceipt,
  planProblems,
  readPlan,
  yuanToFen,
} from './cases.fine-account';
import { paymentLedgerRow } from './cases.ledger';
import { casesPolicy } from './cases.policy';
import type { CaseRecord } from './cases.repository';
import { newId } from '../../db/ids';

/**
 * 罚款缴纳 (A11.3): payments of a fine, recorded by finance from the provincial non-tax revenue
 * bill, each its own ledgered row (subject `payment`); and the fine account the server computes
 * from them (cases.fine-account.ts). The payment that pays the account off moves the case on
 * (`settle_fine`) in the same write.
 */

export type PaymentFields = z.output<typeof paymentInput>;

/** The transition the payment that pays the account off performs, and the steps it leaves from. */
export const SETTLE_TRANSITION = 'settle_fine';

/** 行政处罚法 art. 72 by default; a procedure may set its own `fineSurchargePercentPerDay`. */
const percentOf = (def: ProcedureDefinition) => {
  const p = def.params.fineSurchargePercentPerDay;
  return typeof p === 'number' ? p : 3;
};

export const paymentsRepository = {
  forCase(ex: Executor, caseId: string) {
    return ex
      .selectFrom('fine_payments')
      .innerJoin('users', 'users.id', 'fine_payments.recorded_by')
      .selectAll('fine_payments')
      .select('users.name as recorded_by_name')
      .where('fine_payments.case_id', '=', caseId)
      .orderBy('fine_payments.paid_on')
      .orderBy('fine_payments.recorded_at')
      .execute();
  },
  findByReceipt(ex: Executor, receiptNumber: string) {
    return ex
      .selectFrom('fine_payments')
      .innerJoin('cases', 'cases.id', 'fine_payments.case_id')
      .select(['fine_payments.id', 'cases.number', 'cases.reg_number'])
      .where('fine_payments.receipt_number', '=', receiptNumber)
      .executeTakeFirst();
  },
  async insert(trx: Trx, row: FinePaymentTable): Promise<void> {
    await trx.insertInto('fine_payments').values(row).execute();
  },
};

/** The fine account of a case on `today`, or null when its decision imposes no fine. */
export async function loadFineAccount(
  ex: Executor,
  c: Pick<CaseTable, 'id' | 'data'>,
  def: ProcedureDefinition,
  today: string,
  /** A payment about to be recorded, to see the account as it would stand. */
  extra: readonly { paidOn: string; amountFen: number }[] = [],
): Promise<FineAccountDto | null> {
  const data = JSON.parse(c.data) as Record<string, unknown>;
  if (typeof data.fineAmount !== 'number' || !(data.fineAmount > 0)) {
    return null;
  }
  const [deadline, payments] = await Promise.all([
    ex
      .selectFrom('deadlines')
      .select(['started_on', 'due_on'])
      .where('case_id', '=', c.id)
      .where('period_id', '=', 'fine_payment')
      .orderBy('started_on', 'desc')
      .executeTakeFirst(),
    ex.selectFrom('fine_payments').select(['paid_on', 'amount_fen']).where('case_id', '=', c.id).execute(),
  ]);
  return fineAccount({
    fineFen: yuanToFen(data.fineAmount),
    servedOn: deadline?.started_on ?? null,
    dueOn: deadline?.due_on ?? null,
    plan: data.paymentPlanApproved === true ? readPlan(data).plan : null,
    payments: [...payments.map((p) => ({ paidOn: p.paid_on, amountFen: Number(p.amount_fen) })), ...extra],
    today,
    percentPerDay: percentOf(def),
  });
}

/**
 * A11.2: what is wrong with the deferral / instalment plan a transition records (its `deferredTo`
 * and `instalments` inputs) for this fine; nothing for a transition without them.
 */
export async function paymentPlanProblems(
  ex: Executor,
  c: Pick<CaseTable, 'id' | 'data'>,
  def: ProcedureDefinition,
  transition: TransitionDef,
  inputs: Record<string, unknown>,
  today: string,
): Promise<MissingItem[]> {
  if (!transition.inputs?.some((i) => i.key === 'instalments' || i.key === 'deferredTo')) {
    return [];
  }
  const account = await loadFineAccount(ex, c, def, today);
  if (!account) {
    return []; // the transition's own condition says there is no fine
  }
  const data = { ...(JSON.parse(c.data) as Record<string, unknown>), ...inputs };
  return planProblems(data, {
    fineFen: account.fineFen,
    dueOn: account.basis === 'due' ? (account.schedule[0]?.dueOn ?? null) : null,
    today,
  });
}

/** The facts the procedure's conditions read about the fine (`settle_fine`, hand-over, closing). */
export function fineFacts(account: FineAccountDto | null): Record<string, unknown> {
  return account
    ? {
        finePaidInFull: account.paidInFull,
        fineOverdue: account.overdue,
        fineBalanceFen: account.balanceFen,
      }
    : {};
}

const MAGIC: [string, (b: Buffer) => boolean, string][] = [
  ['application/pdf', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-', 'PDF'],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, 'JPEG'],
  [
    'image/png',
    (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    'PNG',
  ],
];

/** The scan's bytes, checked to be what they are declared to be (like a document's scan). */
export function receiptBytes(scan: NonNullable<PaymentFields['receiptScan']>): Buffer {
  const bytes = Buffer.from(scan.dataBase64, 'base64');
  if (bytes.length > RECEIPT_SCAN_MAX_BYTES) {
    throw new AppError(413, 'payment.receipt_too_large');
  }
  const actual = MAGIC.find(([, test]) => test(bytes));
  if (actual?.[0] !== scan.contentType) {
    const declared = MAGIC.find(([mime]) => mime === scan.contentType)?.[2] ?? scan.contentType;
    throw new AppError(415, 'payment.receipt_type_mismatch', {
      actual: actual
        ? { 'zh-CN': `${actual[2]} 文件`, en: `a ${actual[2]} file` }
        : { 'zh-CN': '其他类型的文件', en: 'another kind of file' },
      declared,
    });
  }
  return bytes;
}

export function presentPayment(r: FinePaymentTable & { recorded_by_name: string }): PaymentDto {
  return {
    id: r.id,
    caseId: r.case_id,
    paidOn: r.paid_on,
    amountFen: Number(r.amount_fen),
    receiptNumber: r.receipt_number,
    note: r.note,
    receiptScan: r.receipt_sha256
      ? {
          sha256: r.receipt_sha256,
          name: r.receipt_name ?? '',
          mime: r.receipt_mime ?? '',
          sizeBytes: Number(r.receipt_size_bytes ?? 0),
        }
      : null,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
  };
}

/** What the case records when its unpaid fine goes to compulsion (effect `record_fine_account`). */
export function handoverOf(data: Record<string, unknown>): PaymentList['handover'] {
  const h = data.fineAccountAtHandover as PaymentList['handover'] | undefined;
  return h && typeof h === 'object' && typeof h.on === 'string' ? h : null;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export interface PaymentsContext {
  deps: ServiceDeps;
  files: { storage: BlobStore; dataDir: string } | undefined;
  today: () => string;
  procedureOf: (c: CaseTable) => ProcedureDefinition;
  visible: (ex: Executor, actor: Actor, id: string) => Promise<{ c: CaseRecord; officers: string[] }>;
  /** Performs `settle_fine` when the engine allows it (the account is paid off). */
  settle: (trx: Trx, actor: Actor, caseId: string) => Promise<void>;
  /** Appends a timeline event for the case carrying a leaf's seq. */
  event: (trx: Trx, actor: Actor, c: CaseTable, action: string, seq: number, detail: object) => Promise<void>;
}

/** The payments of a fine and its account: finance records, whoever sees the case reads. */
export function createFinePayments(ctx: PaymentsContext) {
  const { deps } = ctx;

  async function list(actor: Actor, caseId: string): Promise<PaymentList> {
    const { c } = await ctx.visible(deps.db, actor, caseId);
    const def = ctx.procedureOf(c);
    const [rows, account] = await Promise.all([
      paymentsRepository.forCase(deps.db, c.id),
      loadFineAccount(deps.db, c, def, ctx.today()),
    ]);
    const payable = def.transitions.some((t) => t.id === SETTLE_TRANSITION && t.from.includes(c.step));
    return {
      items: rows.map(presentPayment),
      account,
      handover: handoverOf(JSON.parse(c.data) as Record<string, unknown>),
      abilities: {
        record:
          casesPolicy.recordPayment(actor) &&
          c.status === 'open' &&
          payable &&
          account !== null &&
          !account.paidInFull,
      },
    };
  }

  /** Checks what the schema cannot: the case's state, the dates, the bill, the amount. */
  async function check(ex: Executor, c: CaseTable, def: ProcedureDefinition, input: PaymentFields) {
    if (c.status === 'closed') {
      throw new AppError(409, 'case.closed');
    }
    const day = ctx.today();
    const account = await loadFineAccount(ex, c, def, day);
    if (!account) {
      throw new AppError(409, 'payment.no_fine');
    }
    const settle = def.transitions.find((t) => t.id === SETTLE_TRANSITION);
    if (!settle?.from.includes(c.step)) {
      const step = def.steps.find((s) => s.id === c.step)?.title['zh-CN'] ?? c.step;
      throw new AppError(409, 'payment.not_payable', { step });
    }
    if (!account.servedOn) {
      throw new AppError(409, 'payment.not_served');
    }
    if (input.paidOn > day) {
      throw invalidField('paidOn', 'payment.in_future');
    }
    if (input.paidOn < account.servedOn) {
      throw invalidField('paidOn', 'payment.before_service', { servedOn: account.servedOn });
    }
    if (account.paidInFull) {
      throw new AppError(409, 'payment.paid_in_full');
    }
    const taken = await paymentsRepository.findByReceipt(ex, normaliseReceipt(input.receiptNumber));
    if (taken) {
      throw new AppError(
        409,
        'payment.receipt_taken',
        { receiptNumber: input.receiptNumber, caseNumber: taken.number ?? taken.reg_number },
        { field: 'receiptNumber' },
      );
    }
    // Backdated payments change the surcharge: the account is recomputed with this one in it.
    const after = (await loadFineAccount(ex, c, def, day, [
      { paidOn: input.paidOn, amountFen: input.amountFen },
    ]))!;
    if (after.balanceFen < 0) {
      throw new AppError(
        409,
        'payment.over_balance',
        { amount: fenToYuan(input.amountFen), balance: fenToYuan(input.amountFen + after.balanceFen) },
        { field: 'amountFen' },
      );
    }
  }

  async function record(actor: Actor, caseId: string, input: PaymentFields): Promise<PaymentList> {
    const { c: seen } = await ctx.visible(deps.db, actor, caseId);
    if (!casesPolicy.recordPayment(actor)) {
      throw forbidden();
    }
    // Refused before any bytes are stored; checked again inside the write.
    await check(deps.db, seen, ctx.procedureOf(seen), input);
    const scan = input.receiptScan ? receiptBytes(input.receiptScan) : null;
    if (scan && !ctx.files) {
      throw new Error('the cases service was built without a blob store');
    }
    // Content-addressed and write-once: bytes whose write is then refused are an unreferenced blob.
    const sha256 =
      scan && ctx.files ? await storeBytes(ctx.files.storage, ctx.files.dataDir, scan, 'receipts') : null;
    await deps.write(async (trx) => {
      // Payments of one fine queue on the case row (a row lock on PostgreSQL; SQLite writes one at
      // a time), so two cannot both pass the balance check below.
      await trx
        .updateTable('cases')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', caseId)
        .execute();
      const { c } = await ctx.visible(trx, actor, caseId);
      await check(trx, c, ctx.procedureOf(c), input);
      const row: FinePaymentTable = {
        id: newId(),
        case_id: c.id,
        paid_on: input.paidOn,
        amount_fen: input.amountFen,
        receipt_number: normaliseReceipt(input.receiptNumber),
        receipt_sha256: sha256,
        receipt_name: input.receiptScan?.fileName ?? null,
        receipt_mime: input.receiptScan?.contentType ?? null,
        receipt_size_bytes: scan?.length ?? null,
        note: input.note ?? null,
        recorded_by: actor.id,
        recorded_at: deps.now().toISOString(),
      };
      try {
        await paymentsRepository.insert(trx, row);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError(
            409,
            'payment.receipt_taken',
            { receiptNumber: input.receiptNumber, caseNumber: c.number ?? c.reg_number },
            { field: 'receiptNumber' },
          );
        }
        throw error;
      }
      const leaf = await deps.ledger.append(trx, {
        actorId: actor.id,
        action: 'payment.recorded',
        subject: { type: 'payment', id: row.id },
        row: paymentLedgerRow(row),
        ...(sha256 ? { blobSha256: sha256 } : {}),
      });
      await ctx.event(trx, actor, c, 'payment.recorded', leaf.seq, {
        paymentId: row.id,
        paidOn: row.paid_on,
        amountFen: row.amount_fen,
        receiptNumber: row.receipt_number,
      });
      await ctx.settle(trx, actor, c.id);
    });
    return list(actor, caseId);
  }

  /** The bill's scan, as uploaded; each read is an access leaf on the payment (A28.1). */
  async function receipt(actor: Actor, caseId: string, paymentId: string) {
    const { c } = await ctx.visible(deps.db, actor, caseId);
    const row = (await paymentsRepository.forCase(deps.db, c.id)).find((p) => p.id === paymentId);
    const size = row?.receipt_sha256 && ctx.files ? await ctx.files.storage.stat(row.receipt_sha256) : null;
    const body =
      row?.receipt_sha256 && size !== null && ctx.files
        ? await ctx.files.storage.open(row.receipt_sha256)
        : null;
    if (!row?.receipt_sha256 || size === null || !body) {
      body?.destroy();
      throw notFound();
    }
    await deps.ledger.recordAccess(deps.write, {
      actorId: actor.id,
      action: 'payment.receipt_viewed',
      subject: { type: 'payment', id: row.id },
      blobSha256: row.receipt_sha256,
    });
    const ext =
      { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[row.receipt_mime ?? ''] ?? 'bin';
    const name = row.receipt_name ?? `receipt.${ext}`;
    return {
      headers: {
        'content-type': row.receipt_mime ?? 'application/octet-stream',
        'content-length': String(size),
        'content-disposition': `inline; filename="receipt-${row.id}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        etag: `"${row.receipt_sha256}"`,
        'x-content-sha256': row.receipt_sha256,
        'cache-control': 'private, no-cache',
      },
      body,
    };
  }

  return { list, record, receipt };
}
