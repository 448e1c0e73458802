import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsPattern } from '../../db/like';
import { loadedInOrder, type LedgerSubject } from '../../ledger/subjects';
import type { FinePaymentTable } from '../../db/types';
import { fenToYuan, normaliseReceipt } from './cases.fine-account';

/**
 * A case as the ledger records it: its row, its officers (with the certificate numbers they held
 * when assigned) and its deadlines — everything a reader relies on, so that a change made behind
 * the application to any of them is found by `verify`.
 */
export async function caseLedgerRows(ex: Executor, ids: readonly string[]): Promise<Map<string, object>> {
  if (ids.length === 0) {
    return new Map();
  }
  const [cases, officers, deadlines] = await Promise.all([
    ex.selectFrom('cases').selectAll().where('id', 'in', ids).execute(),
    ex
      .selectFrom('case_officers')
      .selectAll()
      .where('case_id', 'in', ids)
      .orderBy('case_id')
      .orderBy('user_id')
      .execute(),
    ex
      .selectFrom('deadlines')
      .select(['id', 'case_id', 'period_id', 'trigger', 'started_on', 'due_on', 'status', 'met_at'])
      .where('case_id', 'in', ids)
      .orderBy('case_id')
      .orderBy('id')
      .execute(),
  ]);
  const result = new Map<string, object>();
  for (const row of cases) {
    result.set(row.id, {
      ...row,
      year: Number(row.year),
      procedure_version: Number(row.procedure_version),
      officers: officers
        .filter((o) => o.case_id === row.id)
        .map((o) => ({ user_id: o.user_id, position: o.position, cert_no: o.cert_no })),
      deadlines: deadlines.filter((d) => d.case_id === row.id).map(({ case_id: _c, ...d }) => d),
    });
  }
  return result;
}

/** An approval request as the ledger records it: the request and every decision on it. */
export async function approvalLedgerRows(ex: Executor, ids: readonly string[]): Promise<Map<string, object>> {
  if (ids.length === 0) {
    return new Map();
  }
  const [requests, decisions] = await Promise.all([
    ex.selectFrom('approval_requests').selectAll().where('id', 'in', ids).execute(),
    ex
      .selectFrom('approval_decisions')
      .selectAll()
      .where('request_id', 'in', ids)
      .orderBy('request_id')
      .orderBy('position')
      .execute(),
  ]);
  return new Map(
    requests.map((r) => [
      r.id,
      {
        ...r,
        position: Number(r.position),
        decisions: decisions
          .filter((d) => d.request_id === r.id)
          .map(({ request_id: _r, ...d }) => ({ ...d, position: Number(d.position) })),
      },
    ]),
  );
}

/** All of a table's rows in id order, a page at a time, each as `load` gives it. */
function pageOf(
  table: 'cases' | 'approval_requests' | 'document_deliveries' | 'fine_payments',
  load: LedgerSubject['load'],
): LedgerSubject['page'] {
  return async (ex, after, limit) => {
    let q = ex.selectFrom(table).select('id').orderBy('id').limit(limit);
    if (after !== null) {
      q = q.where('id', '>', after);
    }
    return loadedInOrder(
      ex,
      (await q.execute()).map((r) => r.id),
      load,
    );
  };
}

const caseSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const like = containsPattern(q);
    const rows = await ex
      .selectFrom('cases')
      .select(['id', 'reg_number', 'number', 'cause'])
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(reg_number)`, 'like', like),
          eb(sql<string>`lower(coalesce(number, ''))`, 'like', like),
        ]),
      )
      .orderBy('reg_number')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, label: `${r.number ?? r.reg_number}（${r.cause}）` }));
  },
  load: caseLedgerRows,
  page: pageOf('cases', caseLedgerRows),
};

const approvalSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const like = containsPattern(q);
    const rows = await ex
      .selectFrom('approval_requests')
      .innerJoin('cases', 'cases.id', 'approval_requests.case_id')
      .select(['approval_requests.id', 'approval_requests.transition', 'cases.reg_number'])
      .where(sql<string>`lower(cases.reg_number)`, 'like', like)
      .orderBy('approval_requests.proposed_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, label: `${r.reg_number} · ${r.transition}` }));
  },
  load: approvalLedgerRows,
  page: pageOf('approval_requests', approvalLedgerRows),
};

/** A record of service as the ledger holds it: the row as written (it is never changed). */
async function deliveryLedgerRows(ex: Executor, ids: readonly string[]): Promise<Map<string, object>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await ex.selectFrom('document_deliveries').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { ...r, at_home: Number(r.at_home) }]));
}

const deliverySubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await ex
      .selectFrom('document_deliveries')
      .innerJoin('documents', 'documents.id', 'document_deliveries.document_id')
      .select(['document_deliveries.id', 'documents.title', 'documents.number', 'document_deliveries.method'])
      .where('documents.number', '=', q)
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, label: `${r.title} ${r.number ?? ''} · ${r.method}` }));
  },
  load: deliveryLedgerRows,
  page: pageOf('document_deliveries', deliveryLedgerRows),
};

/** A payment as the ledger records it: the row as written (it is never changed). */
export const paymentLedgerRow = (r: FinePaymentTable) => ({
  ...r,
  amount_fen: Number(r.amount_fen),
  receipt_size_bytes: r.receipt_size_bytes === null ? null : Number(r.receipt_size_bytes),
});

async function paymentLedgerRows(ex: Executor, ids: readonly string[]): Promise<Map<string, object>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await ex.selectFrom('fine_payments').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, paymentLedgerRow(r)]));
}

const paymentSubject: LedgerSubject = {
  async search(ex, q, limit) {
    const rows = await ex
      .selectFrom('fine_payments')
      .select(['id', 'receipt_number', 'amount_fen', 'paid_on'])
      .where('receipt_number', '=', normaliseReceipt(q))
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: `${r.receipt_number} · ${fenToYuan(Number(r.amount_fen))} 元 · ${r.paid_on}`,
    }));
  },
  load: paymentLedgerRows,
  page: pageOf('fine_payments', paymentLedgerRows),
};

export const casesLedgerSubjects: [string, LedgerSubject][] = [
  ['case', caseSubject],
  ['approval', approvalSubject],
  ['delivery', deliverySubject],
  ['payment', paymentSubject],
];
