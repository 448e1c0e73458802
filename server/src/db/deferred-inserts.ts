import type pg from 'pg';

/**
 * PostgreSQL: write-behind for marked single-row inserts inside a transaction. A marked insert
 * run inside a transaction is not sent at once: its row waits on the connection and goes out
 * with the others in one multi-row statement just before the next statement that names its
 * table, or before COMMIT. Same transaction, same commit, same durability — one round trip for
 * many rows instead of one each. The ledger's entries use it (under group commit every write
 * appends one, and that round trip was a third of a ledgered write: bench/ledger.ts), and so do
 * the tree nodes a batch inserts just before its commit.
 *
 * The transaction sees its own rows as before, as long as what reads them names the table in
 * its text (a function or a foreign key that reads the table behind a statement's back would
 * not; test/deferred-inserts.test.ts checks that no foreign key points at a deferred table).
 * Savepoints keep their meaning: ROLLBACK TO drops the rows queued after the savepoint and
 * queues again the earlier ones that a flush after it had sent, since the database undid them.
 */
interface DeferredInsert {
  table: string;
  columns: readonly string[];
}

/** Marked insert texts, and what each inserts. */
const deferred = new Map<string, DeferredInsert>();

/** Rows per multi-row statement: well under PostgreSQL's 65,535 parameters for any width here. */
const ROWS_PER_STATEMENT = 500;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function insertText(insert: DeferredInsert, rows: number): string {
  const width = insert.columns.length;
  const tuples = Array.from(
    { length: rows },
    (_, r) => `(${insert.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`,
  );
  return `insert into ${quoted(insert.table)} (${insert.columns.map(quoted).join(', ')}) values ${tuples.join(', ')}`;
}

/**
 * The text of a single-row insert into `table` whose parameters are `columns` in order, marked
 * to be deferred inside transactions on connections opened by `openDatabase`. Outside a
 * transaction, and on SQLite, it is an ordinary insert.
 */
export function deferredInsertOnPostgres(table: string, columns: readonly string[]): string {
  const insert = { table, columns };
  const text = insertText(insert, 1);
  deferred.set(text, insert);
  return text;
}

/** Where a savepoint was made: how many rows were queued and how many of them sent. */
interface Mark {
  name: string;
  queued: number;
  flushed: number;
}

type RawQuery = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

/** One connection's transaction as the write-behind sees it. */
class TransactionLog {
  active = false;
  rows: { insert: DeferredInsert; values: unknown[] }[] = [];
  /** rows[0, flushed) are in the database (within the transaction). */
  flushed = 0;
  marks: Mark[] = [];

  reset(active: boolean): void {
    this.active = active;
    this.rows = [];
    this.flushed = 0;
    this.marks = [];
  }

  /** Whether `text` names the table of a row not yet sent. */
  needsFlush(text: string): boolean {
    let checked: string | undefined;
    for (let i = this.flushed; i < this.rows.length; i++) {
      const { table } = (this.rows[i] as { insert: DeferredInsert }).insert;
      if (table !== checked) {
        if (text.includes(table)) {
          return true;
        }
        checked = table;
      }
    }
    return false;
  }

  /**
   * Sends the queued rows, consecutive rows of one insert together, without waiting for the
   * answers (`ahead`): the statement that needed them, or COMMIT, answers for them.
   */
  flush(ahead: (text: string, values: unknown[]) => void): void {
    while (this.flushed < this.rows.length) {
      const { insert } = this.rows[this.flushed] as { insert: DeferredInsert };
      let end = this.flushed;
      while (
        end < this.rows.length &&
        end - this.flushed < ROWS_PER_STATEMENT &&
        this.rows[end]?.insert === insert
      ) {
        end++;
      }
      const part = this.rows.slice(this.flushed, end);
      ahead(
        insertText(insert, part.length),
        part.flatMap((r) => r.values),
      );
      this.flushed = end;
    }
  }

  /** The latest savepoint of this name (a name can be reused; the latest one counts). */
  private lastMark(name: string): number {
    for (let i = this.marks.length - 1; i >= 0; i--) {
      if (this.marks[i]?.name === name) {
        return i;
      }
    }
    return -1;
  }

  rollbackTo(name: string): void {
    const at = this.lastMark(name);
    const mark = this.marks[at];
    if (!mark) {
      return;
    }
    this.rows.length = mark.queued;
    this.flushed = mark.flushed;
    // The savepoint itself remains; later ones are gone.
    this.marks.length = at + 1;
  }

  release(name: string): void {
    const at = this.lastMark(name);
    if (at >= 0) {
      this.marks.length = at;
    }
  }
}

/** BEGIN alone, as Kysely sends it: a script that begins with it and runs more is any other text. */
const BEGIN = /^\s*(begin|start\s+transaction)\b[^;]*;?\s*$/i;
const COMMIT = /^\s*(commit|end)\b/i;
const ROLLBACK_TO = /^\s*rollback\s+to\s+(?:savepoint\s+)?(.+?)\s*;?\s*$/i;
const ROLLBACK = /^\s*(rollback|abort)\b/i;
const SAVEPOINT = /^\s*savepoint\s+(.+?)\s*;?\s*$/i;
const RELEASE = /^\s*release\s+(?:savepoint\s+)?(.+?)\s*;?\s*$/i;

/** The answer given for a statement that was not waited for (a queued row, a savepoint, BEGIN). */
const answered = (command: string, rowCount: number | null = null) =>
  ({ command, rowCount, rows: [] }) as unknown as pg.QueryResult;

const inserted = answered('INSERT', 1);
const savepointMade = answered('SAVEPOINT');
const begun = answered('BEGIN');

/**
 * The write-behind for one connection, in front of `send` (how it runs a text). Kysely sends
 * every statement, BEGIN, SAVEPOINT and COMMIT included, as a text with its parameters, one at a
 * time.
 *
 * Some statements are sent without waiting for their answer, since nothing the caller does
 * depends on it: BEGIN, a SAVEPOINT inside a transaction, and the multi-row inserts of a flush.
 * The next statement goes out right behind them — on a connection in pipeline mode without
 * waiting for their answers either (database.ts) — and answers for them: it resolves only once
 * they have, and fails with the first one's error if one failed (the transaction is then
 * aborted, so the statement fails too; a COMMIT then ends it without committing). Under group
 * commit every write opens a savepoint, and waiting for each was a round trip per write.
 */
export function deferInsertsOn(send: RawQuery): RawQuery {
  const log = new TransactionLog();
  /** What was sent ahead and is not yet answered for by a later statement. */
  let unanswered: Promise<unknown> | null = null;
  const run: RawQuery = async (text, values) => {
    const before = unanswered;
    unanswered = null;
    const result = send(text, values);
    if (before) {
      // Its own failure may come first; the earlier one is the one to report.
      result.catch(() => undefined);
      await before;
    }
    return result;
  };
  const ahead = (text: string, values?: unknown[]) => {
    const sent = run(text, values);
    // Its failure is the next statement's to report.
    sent.catch(() => undefined);
    unanswered = sent;
  };
  return async (text, values) => {
    if (BEGIN.test(text)) {
      log.reset(true);
      ahead(text, values);
      return begun;
    }
    if (!log.active) {
      return run(text, values);
    }
    const insert = deferred.get(text);
    if (insert && values) {
      log.rows.push({ insert, values });
      return inserted;
    }
    if (COMMIT.test(text)) {
      try {
        log.flush(ahead);
        return await run(text, values);
      } finally {
        log.reset(false);
      }
    }
    const rollbackTo = ROLLBACK_TO.exec(text);
    if (rollbackTo) {
      const result = await run(text, values);
      log.rollbackTo(rollbackTo[1] as string);
      return result;
    }
    if (ROLLBACK.test(text)) {
      log.reset(false);
      // It undoes whatever went ahead, failed or not: it answers only for itself.
      unanswered = null;
      return send(text, values);
    }
    const savepoint = SAVEPOINT.exec(text);
    if (savepoint) {
      ahead(text, values);
      log.marks.push({ name: savepoint[1] as string, queued: log.rows.length, flushed: log.flushed });
      return savepointMade;
    }
    const release = RELEASE.exec(text);
    if (release) {
      const result = await run(text, values);
      log.release(release[1] as string);
      return result;
    }
    if (log.needsFlush(text)) {
      log.flush(ahead);
    }
    return run(text, values);
  };
}
