import type { MessageKey } from '@quancheng/contracts';
import type { LedgerEntryTable } from '../db/types';
import { canonicalString } from './canonical';
import { canonicalJson, rowHash } from './ledger';
import { entryRow, type EntryRow } from './ledger.repository';

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
  return checkEventRow(entryRow(entry), strict);
}

/**
 * The canonical text of the event an entry's columns describe when it holds nothing else (no
 * approval, no detail): its members in RFC 8785 order, each written as `canonicalJson` writes
 * it — undefined where that would refuse a value.
 */
export function columnsEventText(row: EntryRow): string | undefined {
  const [seq, at, actorId, action, subjectType, subjectId, rowHash, blobSha256] = row;
  const strings = [action, actorId, at, blobSha256, rowHash, subjectId, subjectType].map((v) =>
    v === null ? 'null' : canonicalString(v),
  );
  if (strings.includes(undefined) || !Number.isSafeInteger(seq)) {
    return undefined;
  }
  const [a, actor, when, blob, hash, id, type] = strings as string[];
  const blobMember = blobSha256 === null ? '' : `"blobSha256":${blob},`;
  return `{"action":${a},"actor":${actor},"at":${when},${blobMember}"rowHash":${hash},"seq":${seq},"subject":{"id":${id},"type":${type}}}`;
}

const quotesIn = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) {
    n++;
  }
  return n;
};

/** The quotes of the plain template for each shape (actor 1, blob 2, row hash 4), values aside. */
const TEMPLATE_QUOTES = Array.from({ length: 8 }, (_, shape) =>
  quotesIn(
    columnsEventText([
      1,
      'x',
      shape & 1 ? 'x' : null,
      'x',
      'x',
      'x',
      shape & 4 ? 'x' : null,
      shape & 2 ? 'x' : null,
      '',
    ]) ?? '',
  ),
);

/**
 * Finishes the database's check of an event against its columns (`EventRow`). The database
 * found the event equal to the template filled with the raw column values; that says the event
 * carries exactly those values only if none holds a quote or a backslash (a quote could move
 * text from one member into the next: an `at` of `t","blobSha256":"…` with no blob would match
 * an event that has a blob). Then the event has no backslash and exactly the template's quotes —
 * which is what is checked, on the event alone. False: check the columns here (`checkEventRow`).
 */
export function plainEventHolds(event: string, shape: number): boolean {
  return shape >= 0 && !event.includes('\\') && quotesIn(event) === TEMPLATE_QUOTES[shape];
}

/**
 * `checkEvent` on an entry read as an array (bulk reads). An event that is exactly the text its
 * columns describe says what they say (and is canonical) without being parsed; any other — an
 * access under an approval, an event with a detail, or a mismatch — is parsed and compared.
 */
export function checkEventRow(row: EntryRow, strict = false): Finding | null {
  const [seq, at, actorId, action, subjectType, subjectId, rowHash, blobSha256, text] = row;
  if (text === columnsEventText(row)) {
    return null;
  }
  try {
    const event = JSON.parse(text) as Record<string, unknown>;
    const subject = event.subject as { type?: unknown; id?: unknown } | undefined;
    const matches =
      (!strict || canonicalJson(event) === text) &&
      event.seq === seq &&
      event.at === at &&
      event.actor === actorId &&
      event.action === action &&
      subject?.type === subjectType &&
      subject.id === subjectId &&
      event.rowHash === rowHash &&
      (event.blobSha256 ?? null) === blobSha256;
    return matches ? null : finding('event_mismatch', seq, { seq, action });
  } catch {
    return finding('event_mismatch', seq, { seq, action });
  }
}
