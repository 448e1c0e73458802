import { existsSync } from 'node:fs';
import { buildApp } from './app';
import { ensureFirstAdmin } from './bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest, MigrationError } from './db/migrate';
import { DEMO_PASSWORD, seedDemo, seedDemoCases } from './demo-seed';
import { runVerify } from './cli/verify';
import { runImport } from './cli/import';
import { scheduleHeadSigning } from './ledger/heads';
import { DEFAULT_FONTS } from './documents';

const USAGE = `Quancheng (全程) — 行政执法全过程记录

用法 / usage:  node --import tsx server/src/main.ts <command> [flags]

commands:
  serve [--demo]   start the web app and API (default); --demo seeds a demo bureau first
  migrate          apply database migrations and exit
  seed-demo        seed the demo bureau and exit
  verify [--sample N] [--workers N] [--lang en|zh-CN] [--json]
                   check the whole ledger: tree, signed heads, every business row
                   against its latest entry, blobs (all, or N at random); exits 1
                   on any finding. Large ledgers are checked in one worker thread
                   per core (--workers 0: all on one thread)
  sign-head        sign a tree head now (the server also does it on a schedule)
  import <folder> --uploader USERNAME [--unit NAME|ID] [--watch] [--interval S]
                   import a docked camera's folder tree as recordings (same checks
                   as uploads); already-stored files are skipped, an interrupted run
                   resumes; --watch polls a collection station's drop folder
  help             show this text

flags (or environment variables): --port PORT, --host HOST, --data-dir DATA_DIR,
  --database-url DATABASE_URL, --log-level LOG_LEVEL`;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function serve(config: Config, demo: boolean): Promise<void> {
  const app = await buildApp(config, { logger: true });
  const admin = await ensureFirstAdmin(app.deps, config.adminPassword);
  if (demo) {
    const added = await seedDemo(app.deps);
    const cases = await seedDemoCases(app);
    say(
      `[quancheng] 演示数据 / demo bureau: ${added} people, ${cases} cases added; every demo account's password: ${DEMO_PASSWORD}`,
    );
  }
  const stopSigning = scheduleHeadSigning(
    app.services.ledger.signHead,
    config.ledger.headIntervalSeconds,
    (error) => app.http.log.error({ err: error }, 'signing a tree head failed'),
  );
  const address = await app.http.listen({ port: config.port, host: config.host });
  const shown = address.replace('127.0.0.1', 'localhost');
  say(
    `[quancheng] 数据库 / database: ${config.database.dialect}${config.database.dialect === 'sqlite' ? ` (${config.database.file})` : ''}`,
  );
  say(`[quancheng] 请在浏览器中登录 / sign in at: ${shown}/login`);
  const fonts = [DEFAULT_FONTS.regular.file, DEFAULT_FONTS.bold.file].filter((f) => !existsSync(f));
  if (fonts.length > 0) {
    say(
      `[quancheng] 警告 / warning: 缺少中文字体，文书无法生成 PDF / CJK fonts missing (${fonts.join(', ')}): apt-get install fonts-noto-cjk`,
    );
  }
  if (admin) {
    const source = config.adminPassword ? 'from QC_ADMIN_PASSWORD' : 'shown only this once';
    say(`[quancheng] 初始管理员 / first administrator: ${admin.username}`);
    say(
      `[quancheng] 一次性密码 / one-time password: ${config.adminPassword ? '(QC_ADMIN_PASSWORD)' : admin.password}`,
    );
    say(`[quancheng] (${source}; it must be changed at first sign-in)`);
  }
  const stop = (signal: string) => {
    app.http.log.info({ signal }, 'shutting down');
    stopSigning();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv[0]?.startsWith('--') ? ['serve', ...argv] : argv;
  if (command === 'help' || rest.includes('--help')) {
    say(USAGE);
    return;
  }
  const config = loadConfig(process.env, rest);
  switch (command) {
    case 'serve':
      return serve(config, rest.includes('--demo'));
    case 'migrate': {
      const database = openDatabase(config.database);
      try {
        const results = await migrateToLatest(database);
        say(results.length ? results.map((r) => `${r.status}: ${r.migrationName}`).join('\n') : 'up to date');
      } finally {
        await database.close();
      }
      return;
    }
    case 'verify':
      process.exitCode = await runVerify(config, rest);
      return;
    case 'import':
      process.exitCode = await runImport(config, rest);
      return;
    case 'sign-head': {
      const app = await buildApp(config, { runJobs: false });
      try {
        const head = await app.services.ledger.signHead();
        say(head ? `tree head ${head.tree_size} ${head.root_hash} ${head.timestamp}` : 'the ledger is empty');
      } finally {
        await app.close();
      }
      return;
    }
    case 'seed-demo': {
      const app = await buildApp(config, { runJobs: false });
      try {
        await ensureFirstAdmin(app.deps, config.adminPassword);
        const people = await seedDemo(app.deps);
        const cases = await seedDemoCases(app);
        say(`demo bureau: ${people} people, ${cases} cases added; password ${DEMO_PASSWORD}`);
      } finally {
        await app.close();
      }
      return;
    }
    default:
      say(`unknown command: ${command}\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MigrationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
