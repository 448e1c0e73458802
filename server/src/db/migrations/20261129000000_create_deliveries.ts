import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not
   follow later changes of the app's table types. */

/**
 * 送达 (A18): one row per attempt to serve an issued document on its addressee — direct (送达回证),
 * 留置 (lien), entrusted, mail, or public notice (公告). A record is never changed: a mistaken one
 * is followed by a new one. `effective_on` is the day service took effect (for a public notice,
 * 30 days after publication); deadlines that run from service start there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('at_home', 'integer', (c) => c.notNull())
    .addColumn('served_on', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('recipient', 'text')
    .addColumn('witnesses', 'text')
    .addColumn('agent', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('reason', 'text')
    .addColumn('publication', 'text')
    .addColumn('recording_id', 'text', (c) => c.references('recordings.id'))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_deliveries_doc_idx')
    .on('document_deliveries')
    .columns(['document_id', 'recorded_at'])
    .execute();
  await db.schema
    .createIndex('document_deliveries_case_idx')
    .on('document_deliveries')
    .columns(['case_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_deliveries').execute();
}
