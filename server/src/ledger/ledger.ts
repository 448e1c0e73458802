import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Dialect, Trx } from '../db/database';

/** What happened, to what, by whom. One event per state change or recorded access. */
export interface LedgerEvent {
  /** The person who acted; null for the system itself (first start, scheduled jobs). */
  actorId: string | null;
  /** `<subject>.<verb>`, e.g. `user.created`, `session.started`. */
  action: string;
  subject: { type: string; id: string };
  /** The business row exactly as written; its canonical SHA-256 goes into the event. */
  row?: object;
  /** Anything else worth proving (e.g. the fields changed), never secrets. */
  detail?: object;
}

export interface AppendedEntry {
  seq: number;
  at: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 8785 canonical JSON: the bytes that are hashed, so anyone can recompute them. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) {
    throw new Error('value cannot be canonicalised');
  }
  return text;
}

export interface Ledger {
  /**
   * Appends one event inside the caller's transaction, so the change and its record commit or
   * roll back together. Sequence numbers are gapless: on PostgreSQL a transaction-scoped advisory
   * lock orders concurrent appenders; on SQLite the single writer does.
   */
  append(trx: Trx, event: LedgerEvent): Promise<AppendedEntry>;
}

const LEDGER_LOCK_KEY = 0x71635f6c; // "qc_l"

export function createLedger(dialect: Dialect, now: () => Date = () => new Date()): Ledger {
  return {
    async append(trx, event) {
      if (dialect === 'postgresql') {
        await sql`select pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`.execute(trx);
      }
      const last = await trx
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      const at = now().toISOString();
      const rowHash = event.row === undefined ? null : sha256Hex(canonicalJson(event.row));
      const body = {
        seq,
        at,
        actor: event.actorId,
        action: event.action,
        subject: event.subject,
        rowHash,
        ...(event.detail === undefined ? {} : { detail: event.detail }),
      };
      await trx
        .insertInto('ledger_entries')
        .values({
          seq,
          at,
          actor_id: event.actorId,
          action: event.action,
          subject_type: event.subject.type,
          subject_id: event.subject.id,
          row_hash: rowHash,
          event: canonicalJson(body),
        })
        .execute();
      return { seq, at };
    },
  };
}
