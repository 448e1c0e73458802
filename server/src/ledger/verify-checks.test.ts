import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import type { EntryRow } from './ledger.repository';
import { checkEventRow, columnsEventText } from './verify-checks';

/** Strings with what needs escaping or care, and lone surrogates (which canonical JSON refuses). */
const text = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u2028', '\ud800', '\udc00', '😀', '𠀋', 'a', '}'),
  }),
);
const hex = fc.stringMatching(/^[0-9a-f]{64}$/);

const columns = fc.record({
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actorId: fc.option(text),
  action: text,
  subjectType: text,
  subjectId: text,
  rowHash: fc.option(hex),
  blobSha256: fc.option(hex),
  approvalId: fc.option(fc.uuid(), { freq: 4 }),
  detail: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer())), { freq: 4 }),
});
type Columns = typeof columns extends fc.Arbitrary<infer T> ? T : never;

/** The event exactly as `ledger.append` writes it, and the entry's columns beside it. */
function entry(c: Columns): EntryRow | null {
  const body = {
    seq: c.seq,
    at: c.at,
    actor: c.actorId,
    action: c.action,
    subject: { type: c.subjectType, id: c.subjectId },
    rowHash: c.rowHash,
    ...(c.blobSha256 === null ? {} : { blobSha256: c.blobSha256 }),
    ...(c.approvalId === null ? {} : { approvalId: c.approvalId }),
    ...(c.detail === null ? {} : { detail: c.detail }),
  };
  let event: string;
  try {
    event = canonicalJson(body);
  } catch {
    return null; // a lone surrogate: the writer refuses it, so no such entry exists
  }
  return [c.seq, c.at, c.actorId, c.action, c.subjectType, c.subjectId, c.rowHash, c.blobSha256, event];
}

describe('an entry’s event against its columns', () => {
  it('A36.1 the text built from the columns is the canonical event whenever it holds nothing else', () => {
    fc.assert(
      fc.property(columns, (c) => {
        const row = entry({ ...c, approvalId: null, detail: null });
        if (row) {
          expect(columnsEventText(row)).toBe(row[8]);
        } else {
          expect(
            columnsEventText([
              c.seq,
              c.at,
              c.actorId,
              c.action,
              c.subjectType,
              c.subjectId,
              c.rowHash,
              c.blobSha256,
              '',
            ]),
          ).toBeUndefined();
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('A36.1 every written event matches its columns, and any one changed column is a mismatch', () => {
    fc.assert(
      fc.property(columns, fc.integer({ min: 0, max: 7 }), text, (c, column, other) => {
        const row = entry(c);
        if (!row) {
          return;
        }
        expect(checkEventRow(row)).toBeNull();
        expect(checkEventRow(row, true)).toBeNull();
        const changed = [...row] as EntryRow;
        const was = changed[column];
        const now = column === 0 ? (was as number) + 1 : other === was ? `${other}x` : other;
        changed[column] = now;
        expect(checkEventRow(changed)?.kind).toBe('event_mismatch');
      }),
      { numRuns: 3000 },
    );
  });

  it('A36.1 a nested value that mimics a member does not pass for it', () => {
    const row = entry({
      seq: 7,
      at: '2026-11-29T00:00:00.000Z',
      actorId: null,
      action: 'case.viewed',
      subjectType: 'case',
      subjectId: 'c1',
      rowHash: null,
      blobSha256: null,
      approvalId: null,
      detail: { rowHash: 'f'.repeat(64) },
    }) as EntryRow;
    expect(checkEventRow(row)).toBeNull();
    expect(checkEventRow([...row.slice(0, 6), 'f'.repeat(64), ...row.slice(7)] as EntryRow)?.kind).toBe(
      'event_mismatch',
    );
  });
});
