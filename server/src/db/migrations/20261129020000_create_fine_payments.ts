import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not
   follow later changes of the app's table types. */

/**
 * 罚款缴纳 (A11.3): one row per payment of a fine, recorded by finance from the provincial non-tax
 * revenue bill (its number is unique: a bill is recorded once), in integer fen. A row is never
 * changed: a mistaken record is answered by the ledger, not edited. The receipt's scan, when
 * kept, is a write-once blob named by its SHA-256 (like a document's scan).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fine_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
    .addColumn('receipt_sha256', 'text')
    .addColumn('receipt_name', 'text')
    .addColumn('receipt_mime', 'text')
    .addColumn('receipt_size_bytes', 'bigint')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('fine_payments_case_idx')
    .on('fine_payments')
    .columns(['case_id', 'paid_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fine_payments').execute();
}
