import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app';
import { canonicalJson } from '../src/ledger/canonical';
import { ledgerRepository, type EntryRow } from '../src/ledger/ledger.repository';
import { checkEventRow, columnsEventText, plainEventHolds } from '../src/ledger/verify-checks';
import { describeEachDialect, freshDatabase, testConfig, type TestDatabase } from './harness';

/** Text with what JSON escapes, what could shift members, non-ASCII; no NUL (PostgreSQL refuses it). */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('"', '\\', '\u0001', '\u001f', '\n', ',', ':', '{', '}', '😀', '劳', 'a'),
    maxLength: 12,
  }),
  fc.constantFrom('case.registered', 'unit', '2026-11-28T00:00:00.000Z'),
);
const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const columns = fc.record({
  at: fc.oneof(
    fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
    text,
  ),
  actorId: fc.option(text),
  action: text,
  subjectType: text,
  subjectId: text,
  rowHash: fc.option(hex),
  blobSha256: fc.option(hex),
});
type Columns = typeof columns extends fc.Arbitrary<infer T> ? T : never;

const eventOf = (seq: number, c: Columns): string =>
  canonicalJson({
    seq,
    at: c.at,
    actor: c.actorId,
    action: c.action,
    subject: { type: c.subjectType, id: c.subjectId },
    rowHash: c.rowHash,
    ...(c.blobSha256 === null ? {} : { blobSha256: c.blobSha256 }),
  });

/**
 * How a stored entry may disagree with its event: not at all; columns of another entry; one
 * column changed; the blob member's text moved into `at` with the blob column emptied, or a
 * column holding its value as the event escapes it (`a\nb` for a line break) — an unescaped
 * template matches those two.
 */
const kind = fc.constantFrom('same', 'other', 'one', 'shifted', 'escaped');
const STRING_COLUMNS = ['at', 'actorId', 'action', 'subjectType', 'subjectId'] as const;

describeEachDialect('the database’s half of the event check', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let seq = 0;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
    app = await buildApp(testConfig(database), { runJobs: false });
    seq = await ledgerRepository.size(app.deps.db);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('A36.1 an event the database and plainEventHolds vouch for says what its columns say, and every plain one is vouched for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(columns, columns, kind, fc.nat(6)), { minLength: 1, maxLength: 40 }),
        async (cases) => {
          const first = seq + 1;
          const rows = cases.map(([c, other, how, which]) => {
            seq++;
            const event = eventOf(seq, c);
            let stored: Columns = c;
            if (how === 'other') {
              stored = other;
            } else if (how === 'one') {
              const key = (Object.keys(c) as (keyof Columns)[])[which] as keyof Columns;
              stored = { ...c, [key]: other[key] };
            } else if (how === 'escaped') {
              const key = STRING_COLUMNS[which % STRING_COLUMNS.length] as (typeof STRING_COLUMNS)[number];
              const value = c[key];
              stored = { ...c, [key]: value === null ? null : JSON.stringify(value).slice(1, -1) };
            } else if (how === 'shifted' && c.blobSha256 !== null) {
              stored = { ...c, at: `${c.at}","blobSha256":"${c.blobSha256}`, blobSha256: null };
            }
            return {
              seq,
              at: stored.at,
              actor_id: stored.actorId,
              action: stored.action,
              subject_type: stored.subjectType,
              subject_id: stored.subjectId,
              row_hash: stored.rowHash,
              blob_sha256: stored.blobSha256,
              event,
            };
          });
          await app.deps.db.insertInto('ledger_entries').values(rows).execute();
          const read = await ledgerRepository.eventsBetween(app.deps.db, first, seq + 1);
          const full = await ledgerRepository.entryRowsAt(
            app.deps.db,
            read.map(([s]) => s),
          );
          expect(read.map(([s]) => s)).toEqual(rows.map((r) => r.seq));
          read.forEach(([, event, shape], i) => {
            const row = full[i] as EntryRow;
            const vouched = plainEventHolds(event, shape);
            if (vouched) {
              // Sound: never vouches for an event that differs from its columns.
              expect(checkEventRow(row)).toBeNull();
            }
            const safe = [row[1], row[2], row[3], row[4], row[5]].every(
              // eslint-disable-next-line no-control-regex -- what JSON escapes
              (v) => v === null || !/["\\\u0000-\u001f]/.test(v),
            );
            if (safe && columnsEventText(row) === event) {
              // Complete: the plain events of ordinary values need no second read.
              expect(vouched).toBe(true);
            }
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
