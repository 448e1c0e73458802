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
  devices: DeviceTable;
  recordings: RecordingTable;
  recording_officers: RecordingOfficerTable;
  recording_derivatives: RecordingDerivativeTable;
  recording_flags: RecordingFlagTable;
  recording_links: RecordingLinkTable;
  parties: PartyTable;
  number_sequences: NumberSequenceTable;
  cases: CaseTable;
  case_officers: CaseOfficerTable;
  case_events: CaseEventTable;
  approval_requests: ApprovalRequestTable;
  approval_decisions: ApprovalDecisionTable;
  deadlines: DeadlineTable;
  notifications: NotificationTable;
  documents: DocumentTable;
  document_deliveries: DocumentDeliveryTable;
  document_scans: DocumentScanTable;
  form_ranges: FormRangeTable;
  form_numbers: FormNumberTable;
  fine_payments: FinePaymentTable;
}

/** A body camera or other recording device (执法记录仪); the number is what its files carry. */
export interface DeviceTable {
  id: string;
  /** Upper-case, unique. */
  device_number: string;
  model: string | null;
  unit_id: string;
  officer_id: string | null;
  status: 'active' | 'repair' | 'retired';
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** One evidence file (音像记录); its bytes are the blob `sha256`, never changed. */
export interface RecordingTable {
  id: string;
  kind: 'video' | 'audio' | 'photo';
  sha256: string;
  size_bytes: number;
  /** Neutralised: a label, never a path. */
  original_name: string;
  mime: string;
  format: string;
  parsable: Flag;
  playable: Flag;
  /** JSON of the ffprobe facts; null when unparsable. */
  facts: string | null;
  unparsable_reason: string | null;
  duration_ms: number | null;
  capture_start: string | null;
  capture_end: string | null;
  capture_source: 'metadata' | 'tags' | 'file_name' | null;
  device_number: string | null;
  badge: string | null;
  file_sequence: number | null;
  unit_id: string;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  party: string | null;
  case_cause: string | null;
  category: string | null;
  confidentiality: string;
  note: string | null;
  source: 'upload' | 'import';
  uploaded_by: string;
  uploaded_at: string;
  updated_at: string;
}

export interface RecordingOfficerTable {
  recording_id: string;
  user_id: string;
}

/** A poster or proxy made by a job; derived from the original and not ledgered. */
export interface RecordingDerivativeTable {
  recording_id: string;
  kind: 'poster' | 'proxy';
  state: 'none' | 'pending' | 'done' | 'failed';
  job_id: string | null;
  /** Relative to DATA_DIR/derived. */
  file: string | null;
  size_bytes: number | null;
  sha256: string | null;
  error: string | null;
  updated_at: string;
}

/** An A22.5 continuity flag: `gap`, `overlap` or `order`, against the neighbour `other_id`. */
export interface RecordingFlagTable {
  id: string;
  recording_id: string;
  kind: 'gap' | 'overlap' | 'order' | 'late_upload';
  other_id: string | null;
  seconds: number | null;
  /** JSON of the flag as computed. */
  detail: string | null;
  created_at: string;
}

export interface RecordingLinkTable {
  id: string;
  recording_id: string;
  case_id: string;
  step: string;
  note: string | null;
  linked_by: string;
  linked_at: string;
  removed_by: string | null;
  removed_at: string | null;
  removed_reason: string | null;
}

/** 当事人: an employer (`organisation`, USCC) or a `person` (resident ID); one row per number. */
export interface PartyTable {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  /** USCC or resident ID number, upper-case, check character verified. */
  identifier: string;
  legal_rep: string | null;
  sex: 'male' | 'female' | null;
  address: string | null;
  phone: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The last number handed out per scope (e.g. `case:penalty`, `doc:不予受理决定书`) and year. */
export interface NumberSequenceTable {
  scope: string;
  year: number;
  last: number;
}

/** One enforcement matter (案件), from registration on. */
export interface CaseTable {
  id: string;
  kind: 'penalty' | 'compulsion' | 'levy' | 'fee' | 'inspection';
  procedure_id: string;
  procedure_version: number;
  stage: string;
  step: string;
  status: 'open' | 'closed';
  source: 'inspection' | 'complaint' | 'report' | 'referral';
  /** The year the registration and case numbers count in. */
  year: number;
  /** Registration number, assigned with the row. */
  reg_number: string;
  /** Case number (立案号), assigned when the case is opened. */
  number: string | null;
  party_id: string | null;
  /** The party's name as registered (a complaint may name an employer not yet identified). */
  party_name: string | null;
  /** The complainant/reporter, as JSON {name, phone, address}. */
  complainant: string | null;
  cause: string;
  facts: string;
  received_on: string;
  violation_ended_on: string | null;
  /** JSON of the facts the procedure's conditions read. */
  data: string;
  unit_id: string;
  lead_officer_id: string;
  /** Earliest open deadline (YYYY-MM-DD). */
  next_due_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

export interface CaseOfficerTable {
  case_id: string;
  user_id: string;
  position: 'lead' | 'assist';
  /** The certificate number at assignment (A19.2). */
  cert_no: string;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  at: string;
  actor_id: string;
  action: string;
  step: string;
  /** JSON. */
  detail: string | null;
  /** The seq of the ledger leaf written with this event (its order and its proof). */
  ledger_seq: number;
}

export interface ApprovalRequestTable {
  id: string;
  case_id: string;
  transition: string;
  step: string;
  /** JSON array of roles, in order. */
  chain: string;
  /** Index into `chain` of the next decision. */
  position: number;
  next_role: string | null;
  state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  unit_id: string;
  document_id: string | null;
  proposed_by: string;
  proposed_at: string;
  opinion: string;
  decided_at: string | null;
  consumed_at: string | null;
}

export interface ApprovalDecisionTable {
  id: string;
  request_id: string;
  position: number;
  role: string;
  actor_id: string;
  decision: 'approve' | 'reject';
  opinion: string;
  at: string;
}

export interface DeadlineTable {
  id: string;
  case_id: string;
  period_id: string;
  /** The event that started the period (e.g. `registered`, `opened`). */
  trigger: string;
  started_on: string;
  due_on: string;
  status: 'open' | 'met' | 'extended' | 'cancelled';
  met_at: string | null;
  /** The highest light already notified: none, yellow, red. */
  warned: 'none' | 'yellow' | 'red';
  /** Set when the count ran through a year whose holidays are not known. */
  calendar_warning: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  case_id: string | null;
  deadline_id: string | null;
  level: string;
  created_at: string;
  read_at: string | null;
}

/** 罚款缴纳 (A11.3): one payment of a fine, in fen, with its bill number; never changed once written. */
export interface FinePaymentTable {
  id: string;
  case_id: string;
  paid_on: string;
  amount_fen: number;
  /** The provincial non-tax revenue bill's number; unique across cases. */
  receipt_number: string;
  /** The receipt's scan: a write-once blob, with the name and type it was sent as. */
  receipt_sha256: string | null;
  receipt_name: string | null;
  receipt_mime: string | null;
  receipt_size_bytes: number | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** 送达: one attempt to serve an issued document (A18); never changed once written. */
export interface DocumentDeliveryTable {
  id: string;
  document_id: string;
  case_id: string;
  method: 'direct' | 'lien' | 'entrusted' | 'mail' | 'public_notice';
  outcome: 'served' | 'failed';
  /** 1 when served at the addressee's home (A18.5 requires AV). */
  at_home: number;
  served_on: string | null;
  effective_on: string | null;
  recipient: string | null;
  /** JSON array of names. */
  witnesses: string | null;
  agent: string | null;
  tracking_number: string | null;
  reason: string | null;
  publication: string | null;
  recording_id: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface DocumentTable {
  id: string;
  case_id: string;
  template_id: string;
  template_version: number;
  title: string;
  version: number;
  supersedes_id: string | null;
  state: 'draft' | 'issued' | 'superseded';
  /** JSON of the template's fields. */
  fields: string;
  number: string | null;
  pdf_sha256: string | null;
  docx_sha256: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  issued_by: string | null;
  issued_at: string | null;
}

export interface DocumentScanTable {
  id: string;
  document_id: string;
  sha256: string;
  name: string;
  mime: string;
  size_bytes: number;
  uploaded_by: string;
  uploaded_at: string;
}

/** A pad of pre-printed numbered forms (A10.1), handed to an officer or a unit. */
export interface FormRangeTable {
  id: string;
  /** The template the paper form is, e.g. `onspot_decision`. */
  form_type: string;
  /** The printed prefix before the digits (may be empty). */
  series: string;
  first_no: number;
  last_no: number;
  /** Printed width: numbers are zero-padded to it. */
  digits: number;
  unit_id: string;
  holder_id: string | null;
  note: string | null;
  registered_by: string;
  registered_at: string;
}

/** One number of a pad accounted for: used on a case, or voided with a reason. Never changed. */
export interface FormNumberTable {
  id: string;
  range_id: string;
  number: number;
  status: 'used' | 'voided';
  case_id: string | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: string;
}
