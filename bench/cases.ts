/**
 * Case list benchmark (issue 5): one page of `casesRepository.list` — the capped count, the page
 * of ids and the rows with their names — over BENCH_CASES (1,000,000) bulk-seeded cases, for a
 * realistic mix of filters, at page 1 and a deep page. Goal: p95 < 50 ms per page. Each figure is
 * also a ratio to a baseline measured in the same run, interleaved with it: the bare indexed
 * `SELECT id FROM cases ORDER BY updated_at DESC, id DESC LIMIT 20` on the raw driver.
 *
 *   npm run bench:cases                                   # SQLite file in the temp dir
 *   DATABASE_URL=postgres://… npm run bench:cases         # PostgreSQL schema qc_bench_cases_<n>
 *   BENCH_CASES=200000 BENCH_RUNS=50 BENCH_PAGE=100 npm run bench:cases
 *   BENCH_DROP=1 npm run bench:cases                      # delete the seeded data afterwards
 *
 * The seeded file/schema is reused by later runs. When the cases migration changes, its indexes
 * are brought in line with it (read from a scratch database migrated beside it), not re-seeded.
 * SQLite is not ANALYZEd (the app never does); PostgreSQL is, as autovacuum would.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseListQuery } from '@quancheng/contracts';
import pg from 'pg';
import type { DatabaseConfig } from '../server/src/config';
import { openDatabase, type DatabaseHandle } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { casesRepository, type LightWindow } from '../server/src/modules/cases/cases.repository';
import type { CaseScope } from '../server/src/modules/cases/cases.policy';

const N = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 40));
const DEEP = Number(process.env.BENCH_PAGE ?? 50);
const URL = process.env.DATABASE_URL;
const MIGRATION = path.resolve(
  import.meta.dirname,
  '../server/src/db/migrations/20261128000400_create_cases.ts',
);
const FINGERPRINT = createHash('sha256').update(readFileSync(MIGRATION)).digest('hex').slice(0, 12);
const INDEXED = ['cases', 'case_officers'];

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** A bare connection beside Kysely's, for the baseline and for bulk work. */
interface Raw {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function rawFor(handle: DatabaseHandle, config: DatabaseConfig): Promise<Raw> {
  if (handle.sqlite) {
    const sqlite = handle.sqlite;
    return Promise.resolve({
      query: (text, params = []) => {
        const stmt = sqlite.prepare(text);
        return Promise.resolve(
          stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []),
        );
      },
      close: () => Promise.resolve(),
    });
  }
  if (config.dialect !== 'postgresql') {
    throw new Error('unreachable');
  }
  const client = new pg.Client({
    connectionString: config.url,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  return client.connect().then(() => ({
    query: async (text, params = []) => (await client.query(text, params)).rows as Record<string, unknown>[],
    close: () => client.end(),
  }));
}

/** Index DDL for the benchmarked tables, as the database reports it (constraints' indexes aside). */
async function indexDdl(raw: Raw, postgres: boolean, schema?: string): Promise<Map<string, string>> {
  const rows = postgres
    ? await raw.query(
        `select c.relname as name, pg_get_indexdef(i.indexrelid) as sql from pg_index i
           join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
           join pg_namespace n on n.oid = t.relnamespace
          where n.nspname = $1 and t.relname = any($2)
            and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
        [schema, INDEXED],
      )
    : await raw.query(
        `select name, sql from sqlite_master where type = 'index' and sql is not null
           and tbl_name in (${INDEXED.map(() => '?').join(', ')})`,
        INDEXED,
      );
  return new Map(rows.map((r) => [String(r.name), String(r.sql).replaceAll(`${schema}.`, '')]));
}

/** Makes the seeded database's indexes those of the current migration. */
async function syncIndexes(raw: Raw, config: DatabaseConfig): Promise<void> {
  const postgres = config.dialect === 'postgresql';
  const scratch = postgres
    ? { ...config, schema: `qc_bench_scratch_${process.pid}` }
    : {
        dialect: 'sqlite' as const,
        file: path.join(mkdtempSync(path.join(os.tmpdir(), 'qc-scratch-')), 's.sqlite'),
      };
  if (scratch.dialect === 'postgresql') {
    await raw.query(`create schema ${scratch.schema}`);
  }
  const handle = openDatabase(scratch);
  try {
    await migrateToLatest(handle);
    const scratchRaw = await rawFor(handle, scratch);
    const want = await indexDdl(
      scratchRaw,
      postgres,
      scratch.dialect === 'postgresql' ? scratch.schema : undefined,
    );
    await scratchRaw.close();
    const have = await indexDdl(raw, postgres, postgres ? config.schema : undefined);
    for (const [name, ddl] of have) {
      if (want.get(name) !== ddl) {
        console.log(`  drop index ${name}`);
        await raw.query(`drop index ${name}`);
      }
    }
    for (const [name, ddl] of want) {
      if (have.get(name) !== ddl) {
        const start = process.hrtime.bigint();
        await raw.query(ddl);
        console.log(`  ${ddl} (${(ms(start) / 1000).toFixed(1)} s)`);
      }
    }
    if (postgres) {
      await raw.query('analyze cases');
      await raw.query('analyze case_officers');
    }
  } finally {
    await handle.close();
    if (scratch.dialect === 'postgresql') {
      await raw.query(`drop schema ${scratch.schema} cascade`);
    } else {
      rmSync(path.dirname(scratch.file), { recursive: true, force: true });
    }
  }
}

// ---------- seeding ----------

/** The day the seeded data is anchored on: deadlines spread around it, lights are computed from it. */
const TODAY = '2026-11-28';
const DAY = 86_400_000;
const T0 = Date.parse(`${TODAY}T00:00:00.000Z`);

/** mulberry32: the same data on every run and on both dialects. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(20261128);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
function weighted<T>(xs: readonly (readonly [T, number])[]): T {
  let r = rnd() * xs.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of xs) {
    if ((r -= w) < 0) {
      return x;
    }
  }
  return xs[0]![0];
}
const uuid = () => {
  const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stamp = (ms: number) => new Date(ms).toISOString();

const DISTRICTS = ['临江', '城东', '城西', '河口', '新港', '高新', '滨湖', '龙泉', '青山', '白沙'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕飞鹏辉斌宇浩凯健俊帆帅旭宁婷雪琳晨欣怡佳嘉'.split(
    '',
  );
const WORDS =
  '鑫达宏远恒泰华盛永兴金源瑞丰新华天成润发嘉禾博远盛世鼎立汇通安顺利民东方中兴长城信诚德润福瑞'.match(
    /../g,
  )!;
const TRADES = [
  '建筑工程',
  '劳务派遣',
  '餐饮管理',
  '物业服务',
  '电子科技',
  '服装制造',
  '物流运输',
  '保安服务',
  '家政服务',
  '商贸',
  '机械制造',
  '食品加工',
];
const FORMS = ['有限公司', '有限责任公司', '股份有限公司', '工程队', '经营部', '分公司'];
const CAUSES = [
  '拖欠工资',
  '克扣工资',
  '未依法缴纳社会保险费',
  '未签订劳动合同',
  '违法延长工作时间',
  '未支付加班费',
  '使用童工',
  '未按规定支付经济补偿',
  '违反女职工特殊劳动保护规定',
  '未依法办理社会保险登记',
  '骗取社会保险待遇',
  '未按规定建立职工名册',
  '违法收取押金',
  '拒不协助劳动保障监察',
];
const KINDS = [
  ['penalty', 70],
  ['inspection', 15],
  ['compulsion', 6],
  ['levy', 5],
  ['fee', 4],
] as const;
const SOURCES = [
  ['complaint', 50],
  ['report', 20],
  ['inspection', 25],
  ['referral', 5],
] as const;
/** Open matters by stage, with the steps inside each stage; intake has no case number yet. */
const OPEN_STAGES = [
  ['intake', ['register', 'accept'], 10],
  ['filing', ['propose_filing', 'approve_filing'], 8],
  ['investigation', ['collect_evidence', 'interview', 'inspect_site'], 30],
  ['review', ['legal_review', 'collective_discussion'], 10],
  ['notice', ['prior_notice', 'await_statement'], 10],
  ['hearing', ['hearing_notice', 'hearing_held'], 3],
  ['decision', ['draft_decision', 'approve_decision'], 9],
  ['service', ['serve_decision'], 8],
  ['execution', ['await_payment', 'enforce'], 12],
] as const;

interface Seeded {
  units: string[];
  /** Officers by unit, 20 a unit. */
  officers: string[][];
}

const CASE_COLUMNS = [
  'id',
  'kind',
  'procedure_id',
  'procedure_version',
  'stage',
  'step',
  'status',
  'source',
  'year',
  'reg_number',
  'number',
  'party_id',
  'party_name',
  'complainant',
  'cause',
  'facts',
  'received_on',
  'violation_ended_on',
  'data',
  'unit_id',
  'lead_officer_id',
  'next_due_on',
  'created_by',
  'created_at',
  'updated_at',
  'opened_at',
  'closed_at',
] as const;
type Row = unknown[];

function partyNames(): string[] {
  const names: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    names.push(
      rnd() < 0.8
        ? `${pick(DISTRICTS)}${pick(WORDS)}${pick(WORDS)}${pick(TRADES)}${pick(FORMS)}`
        : `${pick([...SURNAMES])}${pick(GIVEN)}${rnd() < 0.6 ? pick(GIVEN) : ''}`,
    );
  }
  return names;
}

/** One case: spread over five years in order of receipt, 70 % closed, older ones more so. */
function caseRow(
  i: number,
  n: number,
  s: Seeded,
  parties: string[],
  seqs: Map<string, number>,
): { row: Row; officers: Row[] } {
  const f = i / n;
  const received = T0 - 5 * 365 * DAY + Math.floor(f * 5 * 365 * DAY + rnd() * DAY);
  const year = new Date(received).getUTCFullYear();
  const kind = weighted(KINDS);
  const closed = rnd() < (f < 0.55 ? 0.92 : 0.92 * (1 - (f - 0.55) / 0.45));
  const [stage, steps] = closed
    ? (['closed', ['closed', 'not_filed', 'archived']] as const)
    : weighted(OPEN_STAGES.map(([st, sp, w]) => [[st, sp] as const, w] as const));
  const step = pick(steps);
  const numbered = stage !== 'intake' && step !== 'not_filed';
  const next = (scope: string) => {
    const key = `${scope}${year}`;
    const v = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, v);
    return v;
  };
  const regNumber = `临人社监登〔${year}〕第${next('reg')}号`;
  const number = numbered ? `临人社监立〔${year}〕第${next('case')}号` : null;
  const u = Math.floor(rnd() * s.units.length);
  const team = s.officers[u]!;
  const lead = pick(team);
  const officers = [lead, pick(team.filter((o) => o !== lead))];
  if (rnd() < 0.5) {
    const third = rnd() < 0.1 ? pick(pick(s.officers)) : pick(team);
    if (!officers.includes(third)) {
      officers.push(third);
    }
  }
  const closedAt = closed ? Math.min(T0 - DAY, received + (20 + Math.floor(rnd() * 160)) * DAY) : null;
  const updated = closedAt ?? received + Math.floor(rnd() * Math.max(DAY, T0 - received));
  const due = closed ? null : day(T0 + Math.round((rnd() + rnd() + rnd() - 1.2) * 40) * DAY);
  const id = uuid();
  const party = pick(parties);
  const cause = pick(CAUSES);
  const row: Row = [
    id,
    kind,
    `${kind}-standard`,
    1,
    stage,
    step,
    closed ? 'closed' : 'open',
    weighted(SOURCES),
    year,
    regNumber,
    number,
    null,
    party,
    null,
    cause,
    `${party}涉嫌${cause}，经核查属实。`,
    day(received),
    null,
    '{}',
    s.units[u],
    lead,
    due,
    lead,
    stamp(received),
    stamp(updated),
    numbered ? stamp(received + 3 * DAY) : null,
    closedAt === null ? null : stamp(closedAt),
  ];
  const certs = officers.map((o, k) => [id, o, k === 0 ? 'lead' : 'assist', `人社执${o.slice(0, 6)}`]);
  return { row, officers: certs };
}

async function insertOrg(raw: Raw, postgres: boolean): Promise<Seeded> {
  const at = stamp(T0 - 6 * 365 * DAY);
  const s: Seeded = { units: [], officers: [] };
  const p = (k: number) => (postgres ? `$${k}` : '?');
  for (let u = 0; u < 40; u++) {
    const id = uuid();
    s.units.push(id);
    await raw.query(
      `insert into units (id, name, code, parent_id, active, created_at, updated_at) values (${[1, 2, 3].map(p).join(', ')}, null, 1, ${p(4)}, ${p(5)})`,
      [id, `${DISTRICTS[u % 10]}劳动保障监察${'一二三四'[Math.floor(u / 10)]}中队`, `U${u}`, at, at],
    );
    const team: string[] = [];
    for (let k = 0; k < 20; k++) {
      const uid = uuid();
      team.push(uid);
      await raw.query(
        `insert into users (id, username, name, cert_no, unit_id, active, password_hash, must_change_password,
           failed_logins, password_changed_at, created_at, updated_at)
         values (${[1, 2, 3, 4, 5].map(p).join(', ')}, 1, 'x', 0, 0, ${p(6)}, ${p(7)}, ${p(8)})`,
        [
          uid,
          `bench${u * 20 + k}`,
          `${pick([...SURNAMES])}${pick(GIVEN)}${pick(GIVEN)}`,
          `人社执${uid.slice(0, 6)}`,
          id,
          at,
          at,
          at,
        ],
      );
    }
    s.officers.push(team);
  }
  return s;
}

/**
 * Seeds the org and `n` cases with 2–3 officers each. The benchmarked tables' own indexes are
 * dropped first and rebuilt after (a bulk load's usual order); constraints stay.
 */
async function seed(
  handle: DatabaseHandle,
  raw: Raw,
  n: number,
  postgres: boolean,
  schema?: string,
): Promise<void> {
  const indexes = await indexDdl(raw, postgres, schema);
  for (const name of indexes.keys()) {
    await raw.query(`drop index ${name}`);
  }
  if (postgres) {
    await raw.query('begin');
  } else {
    handle.sqlite!.exec('begin');
  }
  const s = await insertOrg(raw, postgres);
  const parties = partyNames();
  const seqs = new Map<string, number>();
  const BATCH = 5000;
  const insertCase = handle.sqlite?.prepare(
    `insert into cases (${CASE_COLUMNS.join(', ')}) values (${CASE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertOfficer = handle.sqlite?.prepare(
    'insert into case_officers (case_id, user_id, position, cert_no) values (?, ?, ?, ?)',
  );
  for (let done = 0; done < n; done += BATCH) {
    const rows: Row[] = [];
    const officers: Row[] = [];
    for (let i = done; i < Math.min(n, done + BATCH); i++) {
      const c = caseRow(i, n, s, parties, seqs);
      rows.push(c.row);
      officers.push(...c.officers);
    }
    if (insertCase && insertOfficer) {
      rows.forEach((r) => insertCase.run(...r));
      officers.forEach((r) => insertOfficer.run(...r));
    } else {
      const types = CASE_COLUMNS.map((c) => (c === 'procedure_version' || c === 'year' ? 'int[]' : 'text[]'));
      await raw.query(
        `insert into cases (${CASE_COLUMNS.join(', ')}) select * from unnest(${types.map((t, k) => `$${k + 1}::${t}`).join(', ')})`,
        CASE_COLUMNS.map((_, k) => rows.map((r) => r[k])),
      );
      await raw.query(
        'insert into case_officers (case_id, user_id, position, cert_no) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])',
        [0, 1, 2, 3].map((k) => officers.map((r) => r[k])),
      );
    }
    process.stderr.write(`\r  seeding ${Math.min(n, done + BATCH)}/${n}`);
  }
  process.stderr.write('\n');
  if (postgres) {
    await raw.query('commit');
    await raw.query(`set maintenance_work_mem = '1GB'`);
  } else {
    handle.sqlite!.exec('commit');
  }
  for (const ddl of indexes.values()) {
    const start = process.hrtime.bigint();
    await raw.query(ddl);
    console.log(`  ${ddl.slice(0, 110)} (${(ms(start) / 1000).toFixed(1)} s)`);
  }
  await raw.query('create table bench_meta (key text primary key, value text not null)');
  await raw.query(`insert into bench_meta values ('fingerprint', '${FINGERPRINT}'), ('cases', '${n}')`);
  if (postgres) {
    await raw.query('vacuum analyze cases');
    await raw.query('vacuum analyze case_officers');
    await raw.query('analyze units');
    await raw.query('analyze users');
  }
}

// ---------- measuring ----------

interface Scenario {
  label: string;
  query: Partial<CaseListQuery>;
  scope?: CaseScope;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

/** Opens the seeded database, seeding it first when it is missing or of another size. */
async function open(): Promise<{
  handle: DatabaseHandle;
  raw: Raw;
  config: DatabaseConfig;
  drop(): Promise<void>;
}> {
  const config: DatabaseConfig = URL
    ? { dialect: 'postgresql', url: URL, schema: `qc_bench_cases_${N}` }
    : {
        dialect: 'sqlite',
        file: path.join(process.env.BENCH_DIR ?? os.tmpdir(), `qc-bench-cases-${N}.sqlite`),
      };
  const postgres = config.dialect === 'postgresql';
  const admin = postgres ? new pg.Client({ connectionString: URL }) : null;
  await admin?.connect();
  let exists = false;
  if (config.dialect === 'postgresql') {
    const found = await admin!.query(
      `select 1 from information_schema.tables where table_schema = $1 and table_name = 'bench_meta'`,
      [config.schema],
    );
    exists = found.rowCount === 1;
    if (!exists) {
      await admin!.query(`drop schema if exists ${config.schema} cascade`);
      await admin!.query(`create schema ${config.schema}`);
    }
  } else {
    exists = existsSync(config.file);
  }
  const handle = openDatabase(config);
  const raw = await rawFor(handle, config);
  const schema = config.dialect === 'postgresql' ? config.schema : undefined;
  const meta = exists ? await raw.query(`select key, value from bench_meta`).catch(() => []) : [];
  const fingerprint = meta.find((r) => r.key === 'fingerprint')?.value;
  if (!fingerprint || meta.find((r) => r.key === 'cases')?.value !== String(N)) {
    if (exists && !postgres) {
      throw new Error(`${path.basename(config.file)} is not a complete seed: delete it and run again`);
    }
    console.log(`seeding ${N.toLocaleString()} cases (${postgres ? `schema ${schema}` : config.file})`);
    const start = process.hrtime.bigint();
    await migrateToLatest(handle);
    await seed(handle, raw, N, postgres, schema);
    console.log(`  seeded in ${(ms(start) / 1000).toFixed(1)} s\n`);
  } else {
    console.log(`reusing ${postgres ? `schema ${schema}` : config.file}`);
    await migrateToLatest(handle);
    if (fingerprint !== FINGERPRINT) {
      console.log('  the cases migration changed: bringing the indexes in line with it');
      await syncIndexes(raw, config);
      await raw.query(`update bench_meta set value = '${FINGERPRINT}' where key = 'fingerprint'`);
    }
    console.log();
  }
  return {
    handle,
    raw,
    config,
    async drop() {
      await raw.close();
      await handle.close();
      if (config.dialect === 'postgresql') {
        if (process.env.BENCH_DROP) {
          await admin!.query(`drop schema ${config.schema} cascade`);
        }
        await admin!.end();
      } else if (process.env.BENCH_DROP) {
        for (const suffix of ['', '-wal', '-shm']) {
          rmSync(config.file + suffix, { force: true });
        }
      }
    },
  };
}

async function scenarios(raw: Raw): Promise<Scenario[]> {
  const one = async (text: string) => (await raw.query(text))[0] ?? {};
  const unit = String((await one(`select id from units where code = 'U7'`)).id);
  const officer = String((await one(`select id from users where username = 'bench147'`)).id);
  const other = String((await one(`select id from users where username = 'bench333'`)).id);
  const numbered = await one(
    `select number from cases where number is not null order by updated_at desc, id desc limit 1 offset ${Math.floor(N / 8)}`,
  );
  return [
    { label: 'no filter, updatedAt desc', query: {} },
    {
      label: "officer's view (scope: unit OR my cases)",
      query: {},
      scope: { kind: 'unit', unitId: unit, userId: officer },
    },
    { label: 'kind=penalty + status=open', query: { kind: 'penalty', status: 'open' } },
    { label: 'kind=levy + status=open', query: { kind: 'levy', status: 'open' } },
    { label: 'stage=investigation', query: { stage: 'investigation' } },
    { label: 'stage=hearing', query: { stage: 'hearing' } },
    { label: 'officerId', query: { officerId: other } },
    { label: 'light=red', query: { light: 'red' } },
    { label: 'light=yellow', query: { light: 'yellow' } },
    { label: 'q=party fragment (3 chars: 宏远建)', query: { q: '宏远建' } },
    { label: 'q=party fragment (2 chars: 鑫达)', query: { q: '鑫达' } },
    { label: 'q=exact case number', query: { q: String(numbered.number) } },
    { label: 'sort nextDueOn asc', query: { sort: 'nextDueOn', order: 'asc' } },
    {
      label: "officer's view + light=red, nextDueOn asc",
      query: { light: 'red', sort: 'nextDueOn', order: 'asc' },
      scope: { kind: 'unit', unitId: unit, userId: officer },
    },
  ];
}

async function main(): Promise<void> {
  const db = await open();
  const { handle, raw } = db;
  console.log(`database: ${handle.dialect}, ${N.toLocaleString()} cases, ${RUNS} runs per figure\n`);
  const window: LightWindow = { today: TODAY, greenFrom: day(T0 + 5 * DAY) };
  const baselineSql = 'SELECT id FROM cases ORDER BY updated_at DESC, id DESC LIMIT 20';
  const baseline: number[] = [];
  const rows: string[] = [];
  try {
    for (const s of await scenarios(raw)) {
      for (const page of [1, DEEP]) {
        const query: CaseListQuery = { page, pageSize: 20, sort: 'updatedAt', order: 'desc', ...s.query };
        const run = () => casesRepository.list(handle.db, query, s.scope ?? { kind: 'all' }, window);
        const first = await run(); // warm-up (and the total, for the table)
        await raw.query(baselineSql);
        const times: number[] = [];
        for (let r = 0; r < RUNS; r++) {
          let start = process.hrtime.bigint();
          await raw.query(baselineSql);
          baseline.push(ms(start));
          start = process.hrtime.bigint();
          await run();
          times.push(ms(start));
        }
        const base = quantile(baseline.slice(-RUNS), 0.5);
        const p50 = quantile(times, 0.5);
        const p95 = quantile(times, 0.95);
        const total = `${first.total.toLocaleString()}${first.totalExact ? '' : '+'}`;
        const line = `| ${s.label} | ${page} | ${total} | ${p50.toFixed(1)} | ${p95.toFixed(1)}${p95 < 50 ? '' : ' ✗'} | ${(p50 / base).toFixed(1)}× |`;
        rows.push(line);
        console.log(line);
      }
    }
    const b50 = quantile(baseline, 0.5);
    console.log(
      `\nbaseline (${baselineSql}): p50 ${b50.toFixed(3)} ms, p95 ${quantile(baseline, 0.95).toFixed(3)} ms`,
    );
    console.log("ratios: each page's p50 / the baseline's p50 over the same runs; ✗ marks p95 ≥ 50 ms");
  } finally {
    await db.drop();
  }
}

await main();
