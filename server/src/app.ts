import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createWriter } from './db/writer';
import { registerErrorHandling } from './http/error-handler';
import { createLedger } from './ledger/ledger';
import { createAuthService, registerAuthHooks, registerAuthRoutes, type AuthService } from './modules/auth';
import { createLedgerService, registerLedgerRoutes, type LedgerService } from './modules/ledger';
import { createUnitsService, createUsersService, registerOrgRoutes } from './modules/org';
import { ledgerSubjects } from './ledger-subjects';
import { loadOrCreateSigningKey } from './ledger/signing';
import { registerSystemRoutes } from './modules/system';
import { createDevicesService, registerDeviceRoutes, type DevicesService } from './modules/devices';
import { createFormsService, registerFormRoutes, type FormsService } from './modules/forms';
import { loadCalendar, type WorkingCalendar } from './calendar';
import { createCalendarService, registerCalendarRoutes } from './modules/calendar';
import { createPartiesService, registerPartyRoutes, type PartiesService } from './modules/parties';
import { createDocumentsService, registerDocumentRoutes, type DocumentsService } from './modules/documents';
import {
  createCasesService,
  createDeadlineNotices,
  registerCaseRoutes,
  registerNotificationRoutes,
  type CasesService,
  type DeadlineNotices,
} from './modules/cases';
import {
  createIngest,
  createRecordingLinks,
  createRecordingMedia,
  createRecordingsService,
  recordingsIngestSink,
  registerRecordingJobs,
  registerRecordingRoutes,
  type Ingest,
  type RecordingJobs,
  type RecordingsService,
} from './modules/recordings';
import { createJobQueue, type JobLogger, type JobQueue } from './jobs';
import {
  createUploadsService,
  registerUploadRoutes,
  type IngestSink,
  type UploadsService,
} from './modules/uploads';
import type { ServiceDeps } from './services';
import { createLocalBlobStore, type BlobStore } from './storage/blob-store';

export interface App {
  http: FastifyInstance;
  database: DatabaseHandle;
  storage: BlobStore;
  deps: ServiceDeps;
  services: {
    auth: AuthService;
    units: ReturnType<typeof createUnitsService>;
    users: ReturnType<typeof createUsersService>;
    ledger: LedgerService;
    uploads: UploadsService;
    devices: DevicesService;
    forms: FormsService;
    parties: PartiesService;
    cases: CasesService;
    /** Deadline lights turning yellow/red become in-app notices (swept on a schedule). */
    notices: DeadlineNotices;
    recordings: RecordingsService;
    /** 文书: drafts, issuing (numbers, frozen PDF/DOCX), corrections, signed scans. */
    documents: DocumentsService;
    /** Turns a complete local file into a recording: the upload sink and the import CLI. */
    ingest: Ingest;
  };
  jobs: JobQueue<RecordingJobs>;
  /** The working-day calendar (chinese-days + the IT centre's override file); built once. */
  calendar: WorkingCalendar;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** A clock for tests; the wall clock otherwise. */
  now?: () => Date;
  /** Log to stdout as JSON (true for `serve`); tests keep quiet. */
  logger?: boolean;
  /** What completed uploads become; the recordings module's ingest by default. */
  ingestSink?: IngestSink;
  /** Run queued jobs (posters, proxies) in this process; false for one-shot CLI commands. */
  runJobs?: boolean;
}

/**
 * Builds the whole application on an open, migrated database: services, then the HTTP layer in
 * fastify/demo's order — external plugins, app hooks, routes. Used by `serve` and by tests.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const key = loadOrCreateSigningKey(config.ledger.keyFile);
  const calendar = loadCalendar({ overrideFile: config.calendar.file });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const storage = createLocalBlobStore(config.dataDir);
  await storage.init();

  const now = options.now ?? (() => new Date());
  const deps: ServiceDeps = {
    db: database.db,
    dialect: database.dialect,
    ledger: createLedger(database, now),
    write: createWriter(database.db),
    now,
  };
  // The job queue logs through Fastify's logger once it exists.
  let jobLog: JobLogger | null = null;
  const jobLogger: JobLogger = {
    info: (o, m) => jobLog?.info(o, m),
    warn: (o, m) => jobLog?.warn(o, m),
    error: (o, m) => jobLog?.error(o, m),
  };
  const jobs = createJobQueue<RecordingJobs>({
    database,
    now,
    logger: jobLogger,
    pollIntervalSeconds: config.jobs.pollIntervalSeconds,
  });
  registerRecordingJobs(jobs, deps, config.dataDir);
  const recordingsContext = {
    deps,
    storage,
    jobs,
    dataDir: config.dataDir,
    continuityToleranceSeconds: config.recordings.continuityToleranceSeconds,
  };
  const clock = { calendar, yellowDays: config.calendar.yellowWorkingDays };
  const recordings = createRecordingsService(recordingsContext);
  const ingest = createIngest(recordingsContext);
  const services = {
    auth: createAuthService(deps, config),
    units: createUnitsService(deps),
    users: createUsersService(deps),
    ledger: createLedgerService(deps, { key, storage, subjects: ledgerSubjects, database: config.database }),
    uploads: await createUploadsService({
      dataDir: config.dataDir,
      maxBytes: config.uploads.maxBytes,
      sink: options.ingestSink ?? recordingsIngestSink(ingest),
    }),
    devices: createDevicesService(deps),
    forms: createFormsService(deps),
    parties: createPartiesService(deps),
    cases: createCasesService({ deps, clock, files: { storage, dataDir: config.dataDir } }),
    notices: createDeadlineNotices({ db: database.db, clock, now }),
    recordings,
    ingest,
    documents: createDocumentsService({ deps, storage, dataDir: config.dataDir }),
  };

  const http = Fastify({
    logger: options.logger
      ? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] }
      : false,
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  jobLog = http.log;
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  http.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await http.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        // The document editor previews its PDF in a frame, from a blob of the same origin.
        frameSrc: ["'self'", 'blob:'],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.cookieSecure,
  });
  await http.register(fastifyCookie);
  await http.register(fastifySwagger, {
    openapi: {
      info: { title: 'Quancheng API', description: '全程 · 行政执法全过程记录', version: config.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qc_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await http.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  });

  const webDist = existsSync(path.join(config.webDist, 'index.html')) ? config.webDist : null;
  registerErrorHandling(http, { spaIndex: webDist !== null });
  registerAuthHooks(http, services.auth);

  registerSystemRoutes(http, { database, storage, version: config.version });
  registerAuthRoutes(http, services.auth, config);
  registerOrgRoutes(http, services.units, services.users);
  registerLedgerRoutes(http, services.ledger);
  registerUploadRoutes(http, services.uploads);
  registerDeviceRoutes(http, services.devices);
  registerFormRoutes(http, services.forms);
  registerCalendarRoutes(http, createCalendarService({ calendar, now }));
  registerPartyRoutes(http, services.parties);
  registerCaseRoutes(http, services.cases);
  registerNotificationRoutes(http, services.notices);
  registerDocumentRoutes(http, services.documents);
  registerRecordingRoutes(
    http,
    recordings,
    createRecordingMedia(recordingsContext, recordings),
    createRecordingLinks(recordingsContext, recordings),
  );

  if (webDist) {
    await http.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: true, index: ['index.html'] });
  }

  await http.ready();
  if (options.runJobs ?? true) {
    await jobs.start();
  }
  // Deadline lights change with the date, not with writes: sweep at start and every few minutes.
  const sweep = (): void => {
    services.notices
      .sweep()
      .catch((error: unknown) => http.log.error({ err: error }, 'deadline sweep failed'));
  };
  const sweeper = (options.runJobs ?? true) ? setInterval(sweep, 5 * 60_000) : null;
  sweeper?.unref();
  if (options.runJobs ?? true) {
    sweep();
  }
  return {
    http,
    database,
    storage,
    deps,
    services,
    jobs,
    calendar,
    async close() {
      if (sweeper) {
        clearInterval(sweeper);
      }
      await http.close();
      if (options.runJobs ?? true) {
        await jobs.stop();
      }
      await database.close();
    },
  };
}
