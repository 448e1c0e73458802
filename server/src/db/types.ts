/**
 * Column conventions, the same on SQLite and PostgreSQL so that one query path serves both:
 * ids are UUID text; instants are ISO-8601 UTC text (`2026-11-28T04:17:50.123Z`, sortable);
 * calendar dates are `YYYY-MM-DD` text; flags are integers 0/1 (better-sqlite3 cannot bind
 * booleans); JSON is text.
 */
export type Flag = 0 | 1;

export interface UnitTable {
  id: string;
  name: string;
  code: string | null;
  parent_id: string | null;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  cert_no: string | null;
  cert_valid_from: string | null;
  cert_valid_to: string | null;
  phone: string | null;
  unit_id: string;
  active: Flag;
  password_hash: string;
  must_change_password: Flag;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LedgerEntryTable {
  /** Gapless, from 1, in append order. */
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  /** SHA-256 (hex) of the canonical JSON of the business row as written, if any. */
  row_hash: string | null;
  /** SHA-256 (hex) of the blob the event concerns, if any. */
  blob_sha256: string | null;
  /** Canonical JSON of the event (RFC 8785): the leaf's bytes. */
  event: string;
}

/** The hash of the complete subtree covering leaves [idx·2^level, (idx+1)·2^level). */
export interface LedgerNodeTable {
  level: number;
  idx: number;
  hash: Uint8Array;
}

export interface LedgerHeadTable {
  tree_size: number;
  root_hash: string;
  timestamp: string;
  key_id: string;
  signature: string;
}

/**
 * A job of the embedded queue (SQLite). `attempts` counts starts; a job whose attempts exceed
 * `retry_limit` is failed. `expires_at` is the lease of an active job: past it, the job is taken
 * back from a worker that died.
 */
export interface JobTable {
  id: string;
  name: string;
  /** JSON. */
  payload: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'failed';
  singleton_key: string | null;
  attempts: number;
  retry_limit: number;
  retry_delay_ms: number;
  retry_backoff: Flag;
  expire_ms: number;
  /** Not started before this instant (backoff after a failure). */
  run_after: string;
  created_at: string;
  started_at: string | null;
  expires_at: string | null;
  finished_at: string | null;
  /** 0–100, as last reported by the running handler. */
  progress: number | null;
  /** JSON of the handler's result. */
  result: string | null;
  last_error: string | null;
}

export interface Database {
  units: UnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  ledger_entries: LedgerEntryTable;
  ledger_nodes: LedgerNodeTable;
  ledger_heads: LedgerHeadTable;
  jobs: JobTable;
}
