/**
 * Benchmarks of the foundation. Each prints a ratio against a baseline measured in the same run
 * on the same database, because absolute times on a shared machine mean little.
 *
 *   npm run bench                       # SQLite in a temp dir
 *   DATABASE_URL=postgres://… npm run bench
 *
 * 1. Ledger append cost does not grow with the ledger: appending to a ledger of 100,000 entries
 *    vs. one of 1,000 (expect ≈1: the next seq comes from the primary-key index, not a scan).
 * 2. A write with its ledger entry vs. the bare insert of the same row (the ledger's overhead).
 * 3. One page of the people list (20 of 20,000, sorted by name, with total) vs. a primary-key
 *    lookup.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { usersRepository } from '../server/src/modules/org';

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, n); i++) {
    await fn(i); // warm-up
  }
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    await fn(i);
  }
  const perOp = Number(process.hrtime.bigint() - start) / 1e6 / n;
  console.log(`  ${label.padEnd(52)} ${perOp.toFixed(3)} ms/op`);
  return perOp;
}

function ratio(label: string, value: number, baseline: number): void {
  console.log(`→ ${label}: ${(value / baseline).toFixed(2)}× baseline\n`);
}

async function fillLedger(app: App, upTo: number): Promise<void> {
  const have = await app.deps.db
    .selectFrom('ledger_entries')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // Bulk-load in large transactions: the cost of filling is not what is measured.
  for (let done = Number(have.n); done < upTo;) {
    const batch = Math.min(5000, upTo - done);
    await app.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < batch; i++) {
        await app.deps.ledger.append(trx, {
          actorId: null,
          action: 'bench.fill',
          subject: { type: 'bench', id: String(done + i) },
        });
      }
    });
    done += batch;
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qc-bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await buildApp(config);
  console.log(`database: ${app.database.dialect}\n`);
  const append = (i: number) =>
    app.deps.db.transaction().execute((trx) =>
      app.deps.ledger.append(trx, {
        actorId: null,
        action: 'bench.append',
        subject: { type: 'bench', id: `a${i}` },
        row: { i },
      }),
    );
  try {
    console.log('1. ledger append, small vs large ledger');
    await fillLedger(app, 1_000);
    const small = await time('append at 1,000 entries', 300, append);
    await fillLedger(app, 100_000);
    const large = await time('append at 100,000 entries', 300, append);
    ratio('append at 100k / append at 1k', large, small);

    console.log('2. a write with its ledger entry vs the bare write');
    const unitId =
      (await app.deps.db.selectFrom('units').select('id').executeTakeFirst())?.id ?? randomUUID();
    if (!(await app.deps.db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst())) {
      const at = new Date().toISOString();
      await app.deps.db
        .insertInto('units')
        .values({
          id: unitId,
          name: '基准单位',
          code: null,
          parent_id: null,
          active: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    const unitRow = (id: string) => {
      const at = new Date().toISOString();
      return {
        id,
        name: `单位${id}`,
        code: null,
        parent_id: unitId,
        active: 1 as const,
        created_at: at,
        updated_at: at,
      };
    };
    const bare = await time('insert unit row (own transaction)', 500, () =>
      app.deps.db
        .transaction()
        .execute((trx) => trx.insertInto('units').values(unitRow(randomUUID())).execute()),
    );
    const withLedger = await time('insert unit row + ledger.append (one transaction)', 500, () =>
      app.deps.db.transaction().execute(async (trx) => {
        const row = unitRow(randomUUID());
        await trx.insertInto('units').values(row).execute();
        await app.deps.ledger.append(trx, {
          actorId: null,
          action: 'unit.created',
          subject: { type: 'unit', id: row.id },
          row,
        });
      }),
    );
    ratio('write + ledger / bare write', withLedger, bare);

    console.log('3. people list page vs primary-key lookup (20,000 people)');
    await app.deps.db.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      for (let i = 0; i < 20_000; i++) {
        await trx
          .insertInto('users')
          .values({
            id: randomUUID(),
            username: `bench${i}`,
            name: `人员${String(i).padStart(5, '0')}`,
            cert_no: null,
            cert_valid_from: null,
            cert_valid_to: null,
            phone: null,
            unit_id: unitId,
            active: 1,
            password_hash: 'x',
            must_change_password: 0,
            failed_logins: 0,
            locked_until: null,
            password_changed_at: at,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    });
    const someId = (await app.deps.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const lookup = await time('find person by id', 500, () => usersRepository.findById(app.deps.db, someId));
    const page = await time('list page 37 of 1,000 (sort by name, with total)', 200, () =>
      usersRepository.list(
        app.deps.db,
        { page: 37, pageSize: 20, sort: 'name', order: 'asc' },
        { kind: 'all' },
      ),
    );
    ratio('list page / lookup', page, lookup);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
