import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not
   depend on the current Database type, which later migrations change. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_number', 'text', (c) => c.notNull().unique())
    .addColumn('model', 'text')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('officer_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('devices_unit_idx')
    .on('devices')
    .columns(['unit_id', 'device_number'])
    .execute();
  await db.schema.createIndex('devices_officer_idx').on('devices').columns(['officer_id']).execute();

  // One row per evidence file (the blob is `sha256`); descriptive fields are corrected in place,
  // each correction a ledger leaf whose detail keeps the values before it.
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('parsable', 'integer', (c) => c.notNull())
    .addColumn('playable', 'integer', (c) => c.notNull())
    .addColumn('facts', 'text')
    .addColumn('unparsable_reason', 'text')
    .addColumn('duration_ms', 'bigint')
    .addColumn('capture_start', 'text')
    .addColumn('capture_end', 'text')
    .addColumn('capture_source', 'text')
    .addColumn('device_number', 'text')
    .addColumn('badge', 'text')
    .addColumn('file_sequence', 'integer')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('place', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('party', 'text')
    .addColumn('case_cause', 'text')
    .addColumn('category', 'text')
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('recordings').columns(columns).execute();
  await index('recordings_unit_capture_idx', ['unit_id', 'capture_start', 'id']);
  await index('recordings_device_capture_idx', ['device_number', 'capture_start', 'id']);
  await index('recordings_capture_idx', ['capture_start', 'id']);
  await index('recordings_uploaded_idx', ['uploaded_at', 'id']);
  await index('recordings_kind_capture_idx', ['kind', 'capture_start']);
  await index('recordings_category_capture_idx', ['category', 'capture_start']);
  await index('recordings_uploader_idx', ['uploaded_by', 'capture_start']);
  await db.schema
    .createIndex('recordings_unparsable_idx')
    .on('recordings')
    .columns(['parsable', 'capture_start'])
    .execute();

  await db.schema
    .createTable('recording_officers')
    .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('recording_officers_pk', ['recording_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('recording_officers_user_idx')
    .on('recording_officers')
    .columns(['user_id', 'recording_id'])
    .execute();

  // Posters and proxies: derived files, remade from the original at will; not ledgered.
  await db.schema
    .createTable('recording_derivatives')
    .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('file', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recording_derivatives_pk', ['recording_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('recording_derivatives_state_idx')
    .on('recording_derivatives')
    .columns(['kind', 'state'])
    .execute();

  // A22.5 continuity flags, recomputed for a whole group whenever one of its members changes.
  await db.schema
    .createTable('recording_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('other_id', 'text')
    .addColumn('seconds', 'double precision')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recording_flags_kind_idx')
    .on('recording_flags')
    .columns(['kind', 'recording_id'])
    .execute();
  await db.schema
    .createIndex('recording_flags_recording_idx')
    .on('recording_flags')
    .columns(['recording_id'])
    .execute();

  // A recording attached to a case step. Never deleted: unlinking stamps `removed_at`.
  await db.schema
    .createTable('recording_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('linked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('removed_by', 'text', (c) => c.references('users.id'))
    .addColumn('removed_at', 'text')
    .addColumn('removed_reason', 'text')
    .execute();
  await db.schema
    .createIndex('recording_links_case_idx')
    .on('recording_links')
    .columns(['case_id', 'step', 'recording_id'])
    .execute();
  await db.schema
    .createIndex('recording_links_recording_idx')
    .on('recording_links')
    .columns(['recording_id', 'case_id', 'step'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'recording_links',
    'recording_flags',
    'recording_derivatives',
    'recording_officers',
    'recordings',
    'devices',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
