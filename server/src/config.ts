import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * One typed configuration, read from the environment and command-line flags, with defaults that
 * run the embedded mode (SQLite + local storage in ./data). Wrong values stop the start with a
 * message naming the variable.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Password for the first IT administrator; when unset, a random one is printed once. */
  QC_ADMIN_PASSWORD: z.string().min(1).optional(),
  /** Set to true behind HTTPS so cookies carry the Secure flag. */
  COOKIE_SECURE: boolFromEnv.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Sign-in attempts allowed per client address per minute, whatever the user name. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(30),
  /** The Ed25519 key that signs tree heads; created in DATA_DIR on first start when absent. */
  LEDGER_KEY_FILE: z.string().min(1).optional(),
  /** Sign a new tree head this often when there are new entries; 0 turns the schedule off. */
  LEDGER_HEAD_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86400).default(60),
  /** The largest file one upload may carry, in bytes; refused when the upload is created. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .default(8 * 1024 ** 3),
  /** A22.5: a pause up to this long between one camera's files at one place is not a gap. */
  CONTINUITY_TOLERANCE_SECONDS: z.coerce.number().min(0).max(86400).default(10),
  /** How often an idle job queue looks for due jobs (posters, proxies). */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.05).max(600).default(2),
  /** The IT centre's holiday override file (docs/CALENDAR.md); a missing file means no overrides. */
  CALENDAR_FILE: z.string().min(1).optional(),
  /** A deadline turns yellow when this many working days or fewer are left. */
  DEADLINE_YELLOW_DAYS: z.coerce.number().int().min(0).max(30).default(2),
});

export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgresql'; url: string; schema?: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  logLevel: (typeof LOG_LEVELS)[number];
  adminPassword: string | undefined;
  cookieSecure: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  ledger: { keyFile: string; headIntervalSeconds: number };
  uploads: { maxBytes: number };
  recordings: { continuityToleranceSeconds: number };
  jobs: { pollIntervalSeconds: number };
  calendar: { file: string; yellowWorkingDays: number };
  webDist: string;
  version: string;
}

export class ConfigError extends Error {}

/** Flags win over the environment: `--port 4000 --data-dir /srv/qc`. */
export function flagsToEnv(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) {
      continue;
    }
    const key = match[1].replaceAll('-', '_').toUpperCase();
    if (!(key in envSchema.shape)) {
      continue;
    }
    const value = match[2] ?? argv[i + 1];
    if (match[2] === undefined) {
      i++;
    }
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  argv: readonly string[] = [],
): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse({ ...cleaned, ...flagsToEnv(argv) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: databaseFromUrl(e.DATABASE_URL, dataDir),
    logLevel: e.LOG_LEVEL,
    adminPassword: e.QC_ADMIN_PASSWORD,
    cookieSecure: e.COOKIE_SECURE,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ratePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
    ledger: {
      keyFile: path.resolve(e.LEDGER_KEY_FILE ?? path.join(dataDir, 'ledger-signing-key.pem')),
      headIntervalSeconds: e.LEDGER_HEAD_INTERVAL_SECONDS,
    },
    uploads: { maxBytes: e.UPLOAD_MAX_BYTES },
    recordings: { continuityToleranceSeconds: e.CONTINUITY_TOLERANCE_SECONDS },
    jobs: { pollIntervalSeconds: e.JOBS_POLL_SECONDS },
    calendar: {
      file: path.resolve(e.CALENDAR_FILE ?? path.join(dataDir, 'calendar.json')),
      yellowWorkingDays: e.DEADLINE_YELLOW_DAYS,
    },
    webDist: path.resolve(import.meta.dirname, '../../web/dist'),
    version: readVersion(),
  };
}

function databaseFromUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) {
    return { dialect: 'sqlite', file: path.join(dataDir, 'quancheng.sqlite') };
  }
  if (url.startsWith('sqlite:')) {
    return { dialect: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  }
  return { dialect: 'postgresql', url };
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}
