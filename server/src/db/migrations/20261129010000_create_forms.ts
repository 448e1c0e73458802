import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not
   follow later changes of the app's table types. */

/**
 * Pre-printed numbered forms (A10.1: the 《当场处罚决定书》 of the simplified procedure). A pad's
 * numbers are registered as a range handed to an officer or a unit; each number is then accounted
 * for once — used on a case, or voided with a reason. Rows are never changed or deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('form_ranges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('form_type', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('first_no', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addColumn('digits', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('holder_id', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('registered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('form_ranges_series_idx')
    .on('form_ranges')
    .columns(['form_type', 'series', 'first_no'])
    .execute();
  await db.schema
    .createTable('form_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('range_id', 'text', (c) => c.notNull().references('form_ranges.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('form_numbers_range_number_uq', ['range_id', 'number'])
    .execute();
  await db.schema.createIndex('form_numbers_case_idx').on('form_numbers').columns(['case_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('form_numbers').execute();
  await db.schema.dropTable('form_ranges').execute();
}
