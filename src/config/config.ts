import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from '../common/logger';
import { parseMoney, type Pence } from '../common/money';
import { ODS_CODE } from '../common/text';
import { parseHostList, type AllowedHost } from './host-list';
import { secretWeakness, TEST_JWT_SECRET } from './secret-strength';

/**
 * V8's old space, in MB, as `npm start` gives it to node (--max-old-space-size). Without a cap
 * V8 sizes the heap from the machine's memory (4 GB here) and lets a national-scale feed's
 * garbage pile up to over 400 MB resident before it collects; at 256 the largest legitimate
 * feeds stay near 250 MB and the load test's mix runs without error (docs/feeds/README.md).
 */
export const DEFAULT_MAX_HEAP_MB = 256;

/** The defaults of FEED_MAX_ROWS, FEED_MAX_DEPTH, FEED_MAX_ITEM_BYTES and FEED_MAX_RECORD_BYTES. */
export const DEFAULT_FEED_LIMITS: FeedLimits = Object.freeze({
  maxRows: 2_000_000,
  maxDepth: 64,
  maxItemBytes: 1024 ** 2,
  maxRecordBytes: 1024 ** 2,
});

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  TRUST_PROXY: z.string().optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb|sqlite):/, 'must start with mysql://, mariadb:// or sqlite:')
    .optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  MAX_HEAP_MB: z.coerce.number().int().min(128).max(65_536).default(DEFAULT_MAX_HEAP_MB),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1, 'must be at least 1 second').max(86_400).default(300),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_ORG_CLAIM: z.string().min(1).default('org'),
  JWT_ROLES_CLAIM: z.string().min(1).default('roles'),
  JWT_SUPPLIER_CLAIM: z.string().min(1).default('supplier'),
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(12 * 3_600),
  JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  NATIONAL_ODS_CODE: z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .pipe(z.string().regex(ODS_CODE, 'must be an ODS code such as X26'))
    .default('X26'),
  AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  GRAPHQL_INTROSPECTION: booleanString.optional(),
  GRAPHQL_JIT: booleanString.optional(),
  GRAPHQL_STACK_TRACES: booleanString.optional(),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).default(50_000),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5_000),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  REQUEST_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb')
    .default('1mb'),
  SEED_DEMO_ON_START: booleanString.optional(),
  PERFORMANCE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(35),
  FEED_LATE_AFTER_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  FEED_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 ** 3),
  FEED_MAX_INVOICE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 ** 2),
  FEED_MAX_ROWS: z.coerce.number().int().min(1).default(DEFAULT_FEED_LIMITS.maxRows),
  FEED_MAX_DEPTH: z.coerce
    .number()
    .int()
    .min(3, 'must be at least 3 (an object holding a list of objects)')
    .max(1_000)
    .default(DEFAULT_FEED_LIMITS.maxDepth),
  FEED_MAX_ITEM_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_FEED_LIMITS.maxItemBytes),
  FEED_MAX_RECORD_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_FEED_LIMITS.maxRecordBytes),
  FEED_STALE_RUN_MINUTES: z.coerce.number().int().min(1).default(15),
  FEED_SPOOL_DIR: z.string().min(1).optional(),
  FEED_PULL_ENABLED: booleanString.optional(),
  FEED_PULL_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const parsed = parseHostList(value);
      if ('hosts' in parsed) return parsed.hosts;
      ctx.addIssue({
        code: 'custom',
        message: `"${parsed.invalid}" is not host or host:port (a comma-separated list, e.g. feeds.supplier.example:443)`,
      });
      return z.NEVER;
    }),
  FEED_PULL_ALLOW_ANY_HOST: booleanString.optional(),
  FEED_PULL_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  RECONCILIATION_VARIANCE_PERCENT: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage such as 10')
    .default('10'),
  INVOICE_SECOND_APPROVAL_ABOVE: z
    .string()
    .regex(/^\d{1,11}(\.\d{2})?$/, 'must be an amount in pounds such as 10000.00')
    .default('10000.00'),
  SLA_COVERAGE_THRESHOLD_PERCENT: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage such as 95 or 97.5')
    .default('95'),
  SLA_MONTH_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  CREDIT_LEDGER_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  LEDGER_PROVISIONAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  NOTIFICATION_NOTICE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  NOTIFICATION_CONTACT_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  NOTIFICATION_DISPUTE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  NOTIFICATION_DSPT_REMINDER_DAYS: z.coerce.number().int().min(0).max(730).default(60),
  WEBHOOK_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBHOOK_DISPATCH_ENABLED: booleanString.optional(),
  WEBHOOK_DISPATCH_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(0).max(1_000).default(10),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanString.optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface DatabaseConfig {
  readonly dialect: 'sqlite' | 'mysql';
  /** for mysql: whether the server is MariaDB, when known (a mariadb:// URL, or detected on opening) */
  readonly mariadb?: boolean;
  /** sqlite: file path (or ':memory:'); mysql: the connection URL */
  readonly location: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
}

export type JwtVerification =
  | { readonly kind: 'jwks'; readonly jwksUrl: string; readonly issuer?: string; readonly audience?: string }
  | { readonly kind: 'secret'; readonly secret: string; readonly issuer?: string; readonly audience?: string };

/** What one supplier document may hold; each is checked as the document arrives, before any row is stored. */
export interface FeedLimits {
  /** rows in one document: CSV records, or JSON items (the elements of its lists) */
  readonly maxRows: number;
  /** JSON objects and arrays nested inside one another */
  readonly maxDepth: number;
  /** one JSON item as written (a ticket, a measurement, a bill with its lines), in bytes */
  readonly maxItemBytes: number;
  /** one CSV record as written, in bytes */
  readonly maxRecordBytes: number;
}

export interface AppConfig {
  readonly env: Environment['NODE_ENV'];
  readonly isDevelopment: boolean;
  readonly host: string;
  readonly port: number;
  /**
   * express's `trust proxy`: false (the client is the connection's peer), how many proxies
   * stand in front, or their addresses (IPs, CIDRs, loopback, linklocal, uniquelocal).
   * Failed-authentication limits key on the client address this yields.
   */
  readonly trustProxy: false | number | readonly string[];
  readonly metrics: {
    /** a port of its own for /metrics (0: any free port); /metrics is then not served on `port` */
    readonly port: number | null;
    /** a bearer token /metrics requires, wherever it is served */
    readonly token: string | null;
    /** whether /metrics is served on the main port: not when it has a port of its own, nor in production without a token */
    readonly onMainPort: boolean;
  };
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly jwt: JwtVerification & {
    readonly orgClaim: string;
    readonly rolesClaim: string;
    readonly supplierClaim: string;
    /** the longest a token may live (exp − iat), and how far a token without iat may expire ahead of now */
    readonly maxLifetimeSeconds: number;
    /** how far exp, nbf and iat may be off the server's clock */
    readonly clockSkewSeconds: number;
  };
  readonly auth: {
    /**
     * how long a verified bearer token, and an organisation's id and the organisations it acts
     * for, are remembered after a request reads them (0: not at all); a changed acts-for link
     * applies within it. API keys are looked up on every request.
     */
    readonly cacheMs: number;
    /**
     * the ODS code of the national body (NHS England): national roles (CATALOGUE_ADMIN,
     * SERVICE_COORDINATOR) are honoured only for viewers of this organisation
     */
    readonly nationalOdsCode: string;
  };
  /** a client (by address) whose credentials are refused this many times within the window is refused, 429, for a window */
  readonly authFailures: {
    readonly limit: number;
    readonly windowMs: number;
  };
  readonly graphql: {
    readonly introspection: boolean;
    /** queries run compiled by graphql-jit (src/graphql/executor.ts); false: everything on graphql-js */
    readonly jit: boolean;
    /** errors carry `extensions.stacktrace`: only when asked for, never in production */
    readonly stackTraces: boolean;
    readonly maxDepth: number;
    readonly maxComplexity: number;
    readonly maxTokens: number;
    readonly maxPageSize: number;
  };
  readonly requestBodyLimit: string;
  /** how long a client may take to send a whole request, headers and body (a feed document included) */
  readonly requestTimeoutMs: number;
  /** the V8 old space the process should run with (npm start passes it to node); main.ts warns when it does not */
  readonly maxHeapMb: number;
  /** on SIGTERM, how long in-flight requests may run before their connections are cut */
  readonly shutdownGraceMs: number;
  readonly seedDemoOnStart: boolean;
  readonly feeds: {
    /** days raw performance samples are kept (and may still be corrected) */
    readonly retentionDays: number;
    /** a supplier's feed with no good run for this long is late */
    readonly lateAfterHours: number;
    /** the largest document the HTTP intake accepts */
    readonly maxBytes: number;
    /** the largest invoice document: its lines are put with their invoices wherever they stand, so it is read whole */
    readonly maxInvoiceBytes: number;
    /** what one document may hold, checked as it arrives, before any row is stored */
    readonly limits: FeedLimits;
    /**
     * a RUNNING run with no progress this long is FAILED: the fallback for an owner that lives but
     * has hung, or that this server cannot judge (a run whose process died is FAILED at once)
     */
    readonly staleRunMinutes: number;
    /** where documents are spooled while they are read; those of processes that died are removed at start-up */
    readonly spoolDir: string;
    /** whether this server runs the scheduled pulls from suppliers' endpoints */
    readonly pullEnabled: boolean;
    /** the hosts and ports pulls may reach: checked when an endpoint is configured and again before each pull */
    readonly pullAllowedHosts: readonly AllowedHost[];
    /** FEED_PULL_ALLOW_ANY_HOST: the list is not applied (never in production) */
    readonly pullAllowAnyHost: boolean;
    readonly pullTimeoutMs: number;
  };
  readonly logLevel: LogLevel;
  readonly billing: {
    /** an invoice further than this from the previous one, with nothing else to explain it, is a VARIANCE */
    readonly variancePercent: string;
    /** the default second-approval threshold, gross, for an organisation with no billing policy of its own */
    readonly secondApprovalAbove: Pence;
  };
  readonly sla: {
    /** a term measured over less data than this (percent of the period) is INSUFFICIENT_DATA */
    readonly coverageThresholdPercent: string;
    /** days after a month ends before its figures are final: late feeds still count until then */
    readonly monthGraceDays: number;
    /** how many months back the credit ledger is kept from (a contract's earlier months are not opened) */
    readonly ledgerMonths: number;
    /** an open month's provisional credits are recomputed at most this often per process */
    readonly provisionalSeconds: number;
  };
  /** the default windows of the notifications query and of webhook deliveries */
  readonly notifications: {
    /** an ACTIVE contract whose notice date is this close (or past, while the term runs) */
    readonly noticeWithinDays: number;
    /** a contact not verified for this long */
    readonly contactStaleAfterDays: number;
    /** a draft dispute whose deadline is this close (or past) */
    readonly disputeWithinDays: number;
    /** a DSPT assessment expiring this soon */
    readonly dsptReminderDays: number;
  };
  readonly webhooks: {
    /**
     * the key that encrypts webhook signing secrets at rest (AES-256-GCM); null in production
     * when WEBHOOK_SECRET_KEY is unset, and webhooks are then unavailable
     */
    readonly secretKey: string | null;
    /** whether this server runs the dispatcher (turn off on all but one instance, or leave on: deliveries are claimed) */
    readonly dispatchEnabled: boolean;
    readonly dispatchIntervalMs: number;
    /** one attempt's limit, connection to last byte */
    readonly timeoutMs: number;
    /** attempts per delivery before it is FAILED */
    readonly maxAttempts: number;
    /** the wait before the second attempt; each later wait doubles */
    readonly retryBaseMs: number;
    /** a subscription whose deliveries fail this many times in a row is disabled; 0 never */
    readonly disableAfterFailures: number;
    /** whether webhooks may target loopback, private and link-local addresses (never in production unless set) */
    readonly allowPrivateTargets: boolean;
  };
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; every message names the variable at fault. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(blankToUndefined(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR);

  return Object.freeze({
    env: env.NODE_ENV,
    isDevelopment: env.NODE_ENV === 'development',
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: env.PORT,
    trustProxy: trustProxy(env.TRUST_PROXY),
    metrics: metricsConfig(env, production),
    dataDir,
    database: databaseConfig(env, dataDir),
    jwt: {
      ...jwtVerification(env, dataDir),
      orgClaim: env.JWT_ORG_CLAIM,
      rolesClaim: env.JWT_ROLES_CLAIM,
      supplierClaim: env.JWT_SUPPLIER_CLAIM,
      maxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS,
      clockSkewSeconds: env.JWT_CLOCK_SKEW_SECONDS,
    },
    auth: { cacheMs: env.AUTH_CACHE_SECONDS * 1000, nationalOdsCode: env.NATIONAL_ODS_CODE },
    authFailures: { limit: env.AUTH_FAILURE_LIMIT, windowMs: env.AUTH_FAILURE_WINDOW_SECONDS * 1000 },
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV === 'development',
      jit: env.GRAPHQL_JIT ?? true,
      stackTraces: stackTraces(env),
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxComplexity: env.GRAPHQL_MAX_COMPLEXITY,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxPageSize: env.MAX_PAGE_SIZE,
    },
    requestBodyLimit: env.REQUEST_BODY_LIMIT,
    requestTimeoutMs: env.REQUEST_TIMEOUT_SECONDS * 1000,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    maxHeapMb: env.MAX_HEAP_MB,
    seedDemoOnStart: env.SEED_DEMO_ON_START ?? (!production && env.DATABASE_URL === undefined),
    feeds: {
      retentionDays: env.PERFORMANCE_RETENTION_DAYS,
      lateAfterHours: env.FEED_LATE_AFTER_HOURS,
      maxBytes: env.FEED_MAX_BYTES,
      maxInvoiceBytes: env.FEED_MAX_INVOICE_BYTES,
      limits: {
        maxRows: env.FEED_MAX_ROWS,
        maxDepth: env.FEED_MAX_DEPTH,
        maxItemBytes: env.FEED_MAX_ITEM_BYTES,
        maxRecordBytes: env.FEED_MAX_RECORD_BYTES,
      },
      staleRunMinutes: env.FEED_STALE_RUN_MINUTES,
      spoolDir: resolve(env.FEED_SPOOL_DIR ?? tmpdir()),
      pullEnabled: env.FEED_PULL_ENABLED ?? env.NODE_ENV !== 'test',
      ...pullHosts(env),
      pullTimeoutMs: env.FEED_PULL_TIMEOUT_MS,
    },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    sla: {
      coverageThresholdPercent: env.SLA_COVERAGE_THRESHOLD_PERCENT,
      monthGraceDays: env.SLA_MONTH_GRACE_DAYS,
      ledgerMonths: env.CREDIT_LEDGER_MONTHS,
      provisionalSeconds: env.LEDGER_PROVISIONAL_SECONDS,
    },
    billing: { variancePercent: env.RECONCILIATION_VARIANCE_PERCENT, secondApprovalAbove: parseMoney(env.INVOICE_SECOND_APPROVAL_ABOVE) },
    notifications: {
      noticeWithinDays: env.NOTIFICATION_NOTICE_DAYS,
      contactStaleAfterDays: env.NOTIFICATION_CONTACT_STALE_DAYS,
      disputeWithinDays: env.NOTIFICATION_DISPUTE_DAYS,
      dsptReminderDays: env.NOTIFICATION_DSPT_REMINDER_DAYS,
    },
    webhooks: {
      secretKey: env.WEBHOOK_SECRET_KEY ?? (production ? null : developmentSecret(dataDir, 'dev-webhook-key')),
      dispatchEnabled: env.WEBHOOK_DISPATCH_ENABLED ?? env.NODE_ENV !== 'test',
      dispatchIntervalMs: env.WEBHOOK_DISPATCH_INTERVAL_SECONDS * 1000,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_SECONDS * 1000,
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
      allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? !production,
    },
  });
}

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value?.trim() === '' ? undefined : value]));
}

/**
 * Pulls reach only the listed hosts and ports, in every mode: an organisation's ADMIN
 * chooses the URL, and the server's own network is no place for it to look. Opting out is
 * for a developer's machine; production refuses to start with it.
 */
/** Where `npm run sim:cnsp` listens by default (tools/simulated-cnsp.ts), allowed in development when no list is given. */
export const SIMULATED_CNSP_HOST: AllowedHost = { host: '127.0.0.1', port: 4010 };

function pullHosts(env: Environment): { pullAllowedHosts: AllowedHost[]; pullAllowAnyHost: boolean } {
  const allowAny = env.FEED_PULL_ALLOW_ANY_HOST ?? false;
  if (allowAny && env.NODE_ENV === 'production') {
    throw new ConfigError(
      "Invalid configuration:\n  FEED_PULL_ALLOW_ANY_HOST: not allowed in production; list the suppliers' hosts in FEED_PULL_ALLOWED_HOSTS",
    );
  }
  // on a developer's machine, unless told otherwise, `npm run sim:cnsp` can be pulled from without a restart
  const hosts = env.FEED_PULL_ALLOWED_HOSTS ?? (env.NODE_ENV === 'development' ? [SIMULATED_CNSP_HOST] : []);
  return { pullAllowedHosts: [...hosts], pullAllowAnyHost: allowAny };
}

/**
 * A stack trace names the server's files and libraries and shows how it handled the request:
 * for a developer who asks, never for production's clients, so production refuses to start with it.
 */
function stackTraces(env: Environment): boolean {
  const asked = env.GRAPHQL_STACK_TRACES ?? false;
  if (asked && env.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  GRAPHQL_STACK_TRACES: not allowed in production; stack traces are for development');
  }
  return asked;
}

function databaseConfig(env: Environment, dataDir: string): DatabaseConfig {
  const common = { poolSize: env.DB_POOL_SIZE, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS };
  const url = env.DATABASE_URL;
  if (url === undefined) return { dialect: 'sqlite', location: join(dataDir, 'hscn.sqlite'), ...common };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '')
      throw new ConfigError('Invalid configuration:\n  DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/hscn.sqlite');
    return { dialect: 'sqlite', location: path === ':memory:' ? path : resolve(path), ...common };
  }
  try {
    const parsed = new URL(url);
    if (parsed.pathname.length <= 1) throw new Error('no database name');
  } catch {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: expected mysql://user:password@host:port/database');
  }
  return { dialect: 'mysql', location: url, ...(url.startsWith('mariadb:') ? { mariadb: true } : {}), ...common };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `true` (trust every hop) is refused: the client could then write its own address into
 * X-Forwarded-For and step around the failed-authentication limit.
 */
function trustProxy(value: string | undefined): AppConfig['trustProxy'] {
  const text = value?.trim().toLowerCase();
  if (text === undefined || ['false', 'no', '0'].includes(text)) return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new ConfigError('Invalid configuration:\n  TRUST_PROXY: at most 10 proxy hops');
    return hops;
  }
  if (['true', 'yes'].includes(text)) {
    throw new ConfigError(
      'Invalid configuration:\n  TRUST_PROXY: "true" would let any client choose its own address; give the number of proxies in front (e.g. ' +
        '1) or their addresses (e.g. loopback,10.0.0.0/8)',
    );
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !PROXY_NAMES.has(entry) && !isAddressOrCidr(entry));
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError(
      `Invalid configuration:\n  TRUST_PROXY: "${bad ?? text}" is not a hop count, an IP address, a CIDR, loopback, linklocal or uniquelocal`,
    );
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address!);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * /metrics tells anyone who reads it the operations clients run, feed volumes and the pool's
 * state. In production it is served on the public port only behind METRICS_TOKEN; with
 * neither METRICS_PORT nor METRICS_TOKEN it is not served at all (main.ts says so at start-up).
 */
function metricsConfig(env: Environment, production: boolean): AppConfig['metrics'] {
  const port = env.METRICS_PORT ?? null;
  if (port !== null && port !== 0 && port === env.PORT) {
    throw new ConfigError('Invalid configuration:\n  METRICS_PORT: must differ from PORT (it serves /metrics apart from the API)');
  }
  const token = env.METRICS_TOKEN ?? null;
  return { port, token, onMainPort: port === null && (token !== null || !production) };
}

function jwtVerification(env: Environment, dataDir: string): JwtVerification {
  if (env.NODE_ENV === 'production') {
    const problems = [...productionJwtProblems(env, dataDir), ...productionKeyProblems(env, dataDir)];
    if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const claims = { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
  if (env.JWT_JWKS_URL) return { kind: 'jwks', jwksUrl: env.JWT_JWKS_URL, ...claims };
  if (env.JWT_SECRET) return { kind: 'secret', secret: env.JWT_SECRET, ...claims };
  return { kind: 'secret', secret: developmentSecret(dataDir, 'dev-jwt-secret'), ...claims };
}

/**
 * Production accepts only tokens its own identity provider issued for this API: without an
 * issuer and an audience to check, a token any other application obtained from the same
 * provider (or signed with the same key) would pass. Keys fetched over plain http can be
 * swapped in transit, and a secret that is guessable, published or left on disk by
 * development lets anyone sign tokens.
 */
function productionJwtProblems(env: Environment, dataDir: string): string[] {
  const problems: string[] = [];
  if (!env.JWT_JWKS_URL && !env.JWT_SECRET) problems.push('JWT_JWKS_URL: required in production (or JWT_SECRET for HS256 tokens)');
  if (!env.JWT_ISSUER)
    problems.push(
      'JWT_ISSUER: required in production: the "iss" your identity provider puts in tokens, so that tokens from any other issuer are refused',
    );
  if (!env.JWT_AUDIENCE)
    problems.push(
      'JWT_AUDIENCE: required in production: the "aud" of tokens issued for this API, so that tokens meant for other applications are refused',
    );
  if (env.JWT_JWKS_URL && new URL(env.JWT_JWKS_URL).protocol !== 'https:') {
    problems.push('JWT_JWKS_URL: must be an https:// URL in production (keys fetched over plain http can be replaced in transit)');
  } else if (!env.JWT_JWKS_URL && env.JWT_SECRET) {
    const weakness = secretWeakness(env.JWT_SECRET, knownSecrets(dataDir));
    if (weakness) problems.push(`JWT_SECRET: ${weakness}`);
  }
  return problems;
}

/**
 * WEBHOOK_SECRET_KEY seals webhook signing secrets and suppliers' pull credentials: a guessable
 * or published key would open every one of them to whoever reads the database or a backup.
 */
function productionKeyProblems(env: Environment, dataDir: string): string[] {
  if (env.WEBHOOK_SECRET_KEY === undefined) return [];
  const known = [
    { value: EXAMPLE_WEBHOOK_KEY, name: 'the placeholder in .env.example' },
    ...onDisk(dataDir, 'dev-webhook-key', 'the development key'),
  ];
  const weakness = secretWeakness(env.WEBHOOK_SECRET_KEY, known);
  return weakness ? [`WEBHOOK_SECRET_KEY: ${weakness}`] : [];
}

/** The placeholder .env.example gives, refused in production by name (a copied example is no key). */
const EXAMPLE_WEBHOOK_KEY = 'change-me-to-48-random-bytes-base64-encoded-xxxxxxxxxxxx';

function knownSecrets(dataDir: string): { value: string; name: string }[] {
  return [
    { value: TEST_JWT_SECRET, name: "the test suite's published secret" },
    ...onDisk(dataDir, 'dev-jwt-secret', 'the development secret'),
  ];
}

type DevelopmentSecret = 'dev-jwt-secret' | 'dev-webhook-key';

/** What development left in DATA_DIR under `name`, or nothing. */
function readDevelopmentSecret(dataDir: string, name: DevelopmentSecret): string {
  const file = join(dataDir, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
}

/** A development secret found in DATA_DIR, as a known secret production refuses. */
function onDisk(dataDir: string, name: DevelopmentSecret, what: string): { value: string; name: string }[] {
  const value = readDevelopmentSecret(dataDir, name);
  return value ? [{ value, name: `${what} generated in ${join(dataDir, name)}` }] : [];
}

/**
 * Outside production a newcomer needs tokens (and webhook signing) without configuring
 * anything, so a random secret is made once per data directory and shared by the server
 * and `npm run token`.
 */
function developmentSecret(dataDir: string, name: DevelopmentSecret): string {
  const existing = readDevelopmentSecret(dataDir, name);
  if (existing.length >= 32) return existing;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(join(dataDir, name), `${secret}\n`, { mode: 0o600 });
  return secret;
}
