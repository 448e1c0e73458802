import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not
   depend on the current Database type, which later migrations change. */
export async function up(db: Kysely<any>): Promise<void> {
  // 当事人: employers (USCC, GB 32100) and persons (resident ID, GB 11643), one row per number.
  await db.schema
    .createTable('parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('legal_rep', 'text')
    .addColumn('sex', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('parties_identifier_unique', ['kind', 'identifier'])
    .execute();
  await db.schema.createIndex('parties_name_idx').on('parties').columns(['name', 'id']).execute();

  // Gapless numbers (case numbers, 文号): one counter per scope and year, bumped inside the
  // transaction that uses the number, so a rolled-back write gives its number back.
  await db.schema
    .createTable('number_sequences')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_sequences_pk', ['scope', 'year'])
    .execute();

  // One enforcement matter. `step` is where its procedure stands; `data` holds the case facts the
  // procedure's conditions read (JSON); `next_due_on` is the earliest open deadline (list filter).
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reg_number', 'text', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('party_name', 'text')
    .addColumn('complainant', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('violation_ended_on', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('lead_officer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('next_due_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('cases').columns(columns).execute();
  // The list's filters, each followed by the default sort (bench/cases.ts measures them at 1 M).
  await index('cases_updated_idx', ['updated_at', 'id']);
  await index('cases_unit_updated_idx', ['unit_id', 'updated_at', 'id']);
  await index('cases_kind_updated_idx', ['kind', 'updated_at', 'id']);
  await index('cases_kind_status_updated_idx', ['kind', 'status', 'updated_at', 'id']);
  await index('cases_stage_updated_idx', ['stage', 'updated_at', 'id']);
  // Lights (open, due in a window) sorted by due date, bureau-wide and in an officer's unit;
  // updated_at rides along so that sorting a window by it needs no table lookups.
  await index('cases_status_due_idx', ['status', 'next_due_on', 'id', 'updated_at']);
  await index('cases_unit_status_due_idx', ['unit_id', 'status', 'next_due_on', 'id']);
  await index('cases_due_idx', ['next_due_on', 'id']);
  await index('cases_party_idx', ['party_id', 'updated_at']);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Contains-search (`q`) on PostgreSQL: trigram GIN over the four searched expressions. The
    // extension lives in `public` (per database, never in a schema a test may drop); the lock
    // keeps concurrent migrations of other schemas from racing to create it.
    await sql`select pg_advisory_xact_lock(hashtext('quancheng.pg_trgm'))`.execute(db);
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    const found = await sql<{ schema: string }>`
      select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(
      db,
    );
    const ops = sql.raw(`${found.rows[0]?.schema ?? 'public'}.gin_trgm_ops`);
    await sql`create index cases_search_trgm_idx on cases using gin (
      lower(coalesce(number, '')) ${ops}, lower(reg_number) ${ops},
      lower(coalesce(party_name, '')) ${ops}, lower(cause) ${ops})`.execute(db);
  }

  await db.schema
    .createTable('case_officers')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('cert_no', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_officers_pk', ['case_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('case_officers_user_idx')
    .on('case_officers')
    .columns(['user_id', 'case_id'])
    .execute();

  // The case's timeline: one row per thing that happened, written with its ledger leaf.
  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    // The ledger leaf that records the same change: the timeline's order and its proof.
    .addColumn('ledger_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_events_case_idx')
    .on('case_events')
    .columns(['case_id', 'ledger_seq'])
    .execute();

  // An approval a transition needs: proposed once, then decided role by role in the chain's order.
  await db.schema
    .createTable('approval_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('next_role', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('document_id', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    // Set when the transition it carried completed: one approval carries one transition.
    .addColumn('consumed_at', 'text')
    .execute();
  await db.schema
    .createIndex('approval_requests_inbox_idx')
    .on('approval_requests')
    .columns(['state', 'next_role', 'unit_id', 'proposed_at'])
    .execute();
  await db.schema
    .createIndex('approval_requests_case_idx')
    .on('approval_requests')
    .columns(['case_id', 'transition'])
    .execute();
  await db.schema
    .createTable('approval_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('approval_requests.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approval_decisions_request_idx')
    .on('approval_decisions')
    .columns(['request_id', 'position'])
    .execute();

  // Statutory periods running on a case (RULES.md Appendix A), with the event that started them.
  await db.schema
    .createTable('deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text')
    .addColumn('warned', 'text', (c) => c.notNull())
    .addColumn('calendar_warning', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deadlines_case_idx')
    .on('deadlines')
    .columns(['case_id', 'period_id'])
    .execute();
  await db.schema.createIndex('deadlines_open_idx').on('deadlines').columns(['status', 'due_on']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('deadline_id', 'text', (c) => c.references('deadlines.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_once', ['user_id', 'deadline_id', 'level'])
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  // 文书: drafts are edited in place; issuing freezes one (number, PDF hash on the ledger); a
  // correction is a new version that supersedes it. Scans of the signed paper are blobs.
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('supersedes_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('pdf_sha256', 'text')
    .addColumn('docx_sha256', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text')
    .execute();
  await db.schema
    .createIndex('documents_case_idx')
    .on('documents')
    .columns(['case_id', 'template_id', 'version'])
    .execute();
  await db.schema
    .createTable('document_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_scans_doc_idx')
    .on('document_scans')
    .columns(['document_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'document_scans',
    'documents',
    'notifications',
    'deadlines',
    'approval_decisions',
    'approval_requests',
    'case_events',
    'case_officers',
    'cases',
    'number_sequences',
    'parties',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
