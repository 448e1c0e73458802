import type { MessageKey } from '@quancheng/contracts';
import type { LedgerEntryTable } from '../db/types';
import { canonicalJson, rowHash } from './ledger';

export interface Finding {
  kind: string;
  seq: number | null;
  key: MessageKey;
  params: Record<string, string | number>;
}

export const finding = (kind: string, seq: number | null, params: Finding['params'] = {}): Finding => ({
  kind,
  seq,
  key: `ledger.${kind}` as MessageKey,
  params,
});

/** A current row against the latest entry that wrote it: missing, altered, or null when intact. */
export function checkRow(
  latest: { seq: number; action: string; rowHash: string },
  row: object | undefined,
  type: string,
  id: string,
): Finding | null {
  const params = { seq: latest.seq, action: latest.action, type, id };
  if (!row) {
    return finding('row_missing', latest.seq, params);
  }
  return rowHash(row) === latest.rowHash ? null : finding('row_differs', latest.seq, params);
}

/**
 * Checks one stored entry: its event says what its columns say (the columns are what queries and
 * listings use). Whether the event bytes are the recorded ones is the leaf hash's job; `strict`
 * also checks they are canonical, which only a faulty writer could break.
 */
export function checkEvent(entry: LedgerEntryTable, strict = false): Finding | null {
  try {
    const event = JSON.parse(entry.event) as Record<string, unknown>;
    const subject = event.subject as { type?: unknown; id?: unknown } | undefined;
    const matches =
      (!strict || canonicalJson(event) === entry.event) &&
      event.seq === entry.seq &&
      event.at === entry.at &&
      event.actor === entry.actor_id &&
      event.action === entry.action &&
      subject?.type === entry.subject_type &&
      subject.id === entry.subject_id &&
      event.rowHash === entry.row_hash &&
      (event.blobSha256 ?? null) === entry.blob_sha256;
    return matches ? null : finding('event_mismatch', entry.seq, { seq: entry.seq, action: entry.action });
  } catch {
    return finding('event_mismatch', entry.seq, { seq: entry.seq, action: entry.action });
  }
}
