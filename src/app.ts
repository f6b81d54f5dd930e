import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { FailedAuthentication } from './auth/failed-authentication';
import { DomainError, ErrorCode, httpStatusOf } from './common/errors';
import type { AppConfig } from './config/config';
import type { StatementCounter } from './db/statement-counter';
import { RequestContext } from './request/context';
import { DATABASE_UNAVAILABLE, formatError, isDatabaseUnavailable, isInternal } from './graphql/errors';
import { jitExecutor } from './graphql/executor';
import { queryLimits } from './graphql/limits';
import { hideSchemaHints } from './graphql/schema-hints';
import { buildGraphqlSchema } from './graphql/schema';
import { createAuthenticator, createServices, type Services } from './services';
import { FeedHousekeeping } from './feeds/housekeeping';
import { Instance } from './db/instance';
import { ping } from './db/health';
import { Metrics } from './common/metrics';
import { feedIntake } from './feeds/feed-intake';
import { metricsEndpoint, metricsServer } from './http/metrics-endpoint';
import { answerClientErrors, serverTimeouts } from './http/client-errors';
import { evidenceDownload } from './http/evidence-download';
import { graphiqlExplorer } from './http/graphiql';

export interface App {
  readonly httpServer: Server;
  readonly statements: StatementCounter;
  readonly services: Services;
  /**
   * what a crash left behind cleared (runs of dead processes FAILED, their spooled documents
   * removed), then the scheduled work: run-owner checks, stalled-run sweeps, raw-sample pruning
   * and (if enabled) feed pulls and webhook deliveries
   */
  startBackgroundWork(): Promise<void>;
  /** starts listening (and on METRICS_PORT, when set); resolves with the bound port */
  listen(): Promise<number>;
  /** the bound port of METRICS_PORT's server, once listening; null when /metrics has no port of its own */
  metricsPort(): number | null;
  /**
   * Stops accepting, lets in-flight requests finish for up to `shutdownGraceMs`, cuts off
   * whatever is still running then, and closes the database. Resolves with how many
   * requests were cut off.
   */
  stop(): Promise<{ cutOff: number }>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export async function createApp(config: AppConfig, dataSource: DataSource, statements: StatementCounter, log: Logger): Promise<App> {
  // the owner of the feed runs this server starts; main.ts claims it sooner, for the first-start seed
  const claimedHere = Instance.of(dataSource) === undefined;
  const instance = await Instance.claim(dataSource, log);
  const services = createServices(config);
  const schema = await buildGraphqlSchema(services);
  const authenticator = createAuthenticator(config, dataSource, services);
  const metrics = new Metrics(dataSource);
  services.feeds.onRunFinished((run) => metrics.feedRuns.inc({ kind: run.kind, status: run.status }));
  const app = express();
  app.disable('x-powered-by');
  // no answer here is for a client to revalidate (GraphQL answers are "no-store"; feeds, probes and
  // metrics are read fresh): express's ETag would hash every body for nothing, about 0.3 ms of a
  // 40 KB dashboard answer
  app.set('etag', false);
  // req.ip, the client address failed authentications are counted by: the peer, or what the trusted proxies say
  app.set('trust proxy', config.trustProxy);
  const failures = new FailedAuthentication(config, metrics, log);
  const metricsHandlers = metricsEndpoint(config, metrics, failures);
  const ownMetricsServer = config.metrics.port === null ? null : metricsServer(config, metricsHandlers);
  const httpServer = createServer(serverTimeouts(config.requestTimeoutMs), app);
  answerClientErrors(httpServer, config.requestTimeoutMs, log);
  const inFlight = trackRequests(httpServer);
  let stopping = false;

  const apollo = new ApolloServer<RequestContext>({
    // the schema, its queries executed by graphql-jit (see jitExecutor), or all of it by graphql-js
    ...(config.graphql.jit ? { gateway: jitExecutor(schema) } : { schema }),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: config.graphql.stackTraces,
    formatError: formatError({ development: config.isDevelopment, stackTraces: config.graphql.stackTraces }),
    parseOptions: { maxTokens: config.graphql.maxTokens },
    allowBatchedHttpRequests: false,
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler (on outside NODE_ENV=test) would race it and hang the shutdown
    stopOnTerminationSignals: false,
    plugins: [
      queryLimits(schema, {
        maxDepth: config.graphql.maxDepth,
        maxComplexity: config.graphql.maxComplexity,
        defaultPageSize: Math.min(50, config.graphql.maxPageSize),
      }),
      requestLogging(metrics),
      hideSchemaHints(config.graphql.introspection),
      // no field carries a cache hint, so every answer is "no-store" (set in requestLogging); Apollo's
      // cache-control plugin would otherwise wrap every field resolver of every query to work that out
      ApolloServerPluginCacheControlDisabled(),
      // the explorer is our own GraphiQL (graphiqlExplorer below); Apollo's page loads from a CDN
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  const housekeeping = new FeedHousekeeping(dataSource, config, log);

  /** Who is asking, for every entry point: a bad credential fails the request with 401. */
  const contextFor = async (req: express.Request, res: express.Response): Promise<RequestContext> => {
    const requestId = (res.locals.requestId as string | undefined) ?? requestIdOf(req, res);
    try {
      const viewer = await authenticator.authenticate({ authorization: req.header('authorization'), apiKey: req.header('x-api-key') });
      return new RequestContext(requestId, viewer, dataSource.manager, config, log.child({ requestId, subject: viewer?.subject }));
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) failures.record(req, error.details.reason, requestId);
      throw contextError(error, log.child({ requestId }));
    }
  };

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (config.metrics.onMainPort) app.get('/metrics', ...metricsHandlers);
  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    try {
      await withTimeout(ping(dataSource), 2_000);
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  // a limited client is refused before its body is read or its credentials looked at
  app.use(['/graphql', '/feeds', '/disputes'], failures.refuseLimitedClients);
  // the explorer goes with introspection: a production server without it serves no page and no files
  if (config.graphql.introspection) app.use(graphiqlExplorer('/graphql'));
  app.use(
    '/graphql',
    (req, res, next) => {
      requestIdOf(req, res);
      next();
    },
    express.json({ limit: config.requestBodyLimit }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req, res),
    }),
  );
  app.use(feedIntake(services.feeds, contextFor, log, config.feeds.maxBytes));
  app.use(evidenceDownload(contextFor, log));
  app.use(transportErrors(log));

  return {
    httpServer,
    statements,
    services,
    startBackgroundWork: async () => {
      await housekeeping.atStartUp();
      housekeeping.start();
      if (config.feeds.pullEnabled) services.feedPuller.start(dataSource, config, log);
      if (config.webhooks.dispatchEnabled && config.webhooks.secretKey !== null) services.webhookDispatcher.start(dataSource, config, log);
    },
    listen: async () => {
      if (ownMetricsServer) await listenOn(ownMetricsServer, config.metrics.port!, config.host);
      return listenOn(httpServer, config.port, config.host);
    },
    metricsPort: () => {
      const address = ownMetricsServer?.address();
      return typeof address === 'object' && address ? address.port : null;
    },
    stop: async () => {
      stopping = true;
      housekeeping.stop();
      services.feedPuller.stop();
      await services.webhookDispatcher.stop();
      if (ownMetricsServer?.listening) {
        const closed = new Promise((resolve) => ownMetricsServer.close(resolve));
        ownMetricsServer.closeAllConnections();
        await closed;
      }
      const cutOff = await drain(httpServer, inFlight, () => busyConnections(dataSource), config.shutdownGraceMs);
      if (cutOff > 0) log.error({ cutOff, graceMs: config.shutdownGraceMs }, 'shutdown grace period over: cut off requests still running');
      await apollo.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
      if (claimedHere) await instance.release();
      log.info({ cutOff }, 'database closed');
      return { cutOff };
    },
  };
}

/** Listens on host:port; resolves with the bound port. */
function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Counts requests whose response has not yet finished (or whose connection has not closed). */
function trackRequests(httpServer: Server): { readonly count: number } {
  const state = { count: 0 };
  httpServer.on('request', (_req, res) => {
    state.count += 1;
    res.once('close', () => {
      state.count -= 1;
    });
  });
  return state;
}

/**
 * Stops accepting connections and waits for in-flight requests, closing keep-alive
 * connections as they fall idle. At the deadline every remaining connection is destroyed;
 * the number of requests cut off is returned.
 */
async function drain(httpServer: Server, inFlight: { readonly count: number }, busy: () => number, graceMs: number): Promise<number> {
  if (!httpServer.listening) return 0;
  const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  httpServer.closeIdleConnections();
  const deadline = Date.now() + graceMs;
  // work outlives its request when the client hangs up (a feed run goes on): wait for the database too
  while ((inFlight.count > 0 || busy() > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    httpServer.closeIdleConnections();
  }
  const cutOff = inFlight.count;
  httpServer.closeAllConnections();
  await closed;
  return cutOff;
}

/** MySQL pool connections lent out (in a query or a transaction); 0 on SQLite. */
function busyConnections(dataSource: DataSource): number {
  const pool = (dataSource.driver as unknown as { pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number } } })
    .pool;
  return pool?._allConnections && pool._freeConnections ? pool._allConnections.length - pool._freeConnections.length : 0;
}

/** The client's request id when it is sane, else a new one; echoed in the response. */
function requestIdOf(req: express.Request, res: express.Response): string {
  const presented = req.header('x-request-id');
  const requestId = presented && REQUEST_ID.test(presented) ? presented : randomUUID();
  res.setHeader('x-request-id', requestId);
  res.locals.requestId = requestId;
  return requestId;
}

/** Errors raised while authenticating: the client gets a code and an HTTP status, never internals. */
function contextError(error: unknown, log: Logger): GraphQLError {
  if (error instanceof DomainError) {
    // the reason (TOKEN_EXPIRED, API_KEY_REVOKED …) tells a client whether a new token will do; the message already says as much
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.details.reason ? { reason: error.details.reason } : {}),
        http: { status: httpStatusOf(error.code) },
      },
    });
  }
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error }, 'database unavailable while authenticating');
    return new GraphQLError('The database is unavailable; retry shortly', {
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: DATABASE_UNAVAILABLE, http: { status: 503 } },
    });
  }
  log.error({ err: error }, 'authentication failed unexpectedly');
  return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } });
}

/** One log line per operation, and the full detail of any internal error (which the client never sees); answers are never cached. */
function requestLogging(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isInternal(error)) contextValue.log.error({ err: error.originalError ?? error }, 'internal error');
          }
        },
        async willSendResponse({ request, response, errors, operationName }) {
          response.http.headers.set('cache-control', 'no-store');
          const operation = metrics.operationLabel(operationName ?? request.operationName);
          metrics.operations.inc({ operation, outcome: errors?.length ? 'error' : 'ok' });
          metrics.operationSeconds.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          contextValue.log.info(
            {
              operation: operationName ?? request.operationName ?? undefined,
              status: response.http.status ?? 200,
              errors: errors?.length ?? 0,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** JSON bodies that fail before GraphQL (too large, malformed) get a clear GraphQL-shaped error. */
function transportErrors(log: Logger): express.ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? 500;
    const code = error.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message =
      error.type === 'entity.too.large'
        ? 'Request body is too large'
        : error.type === 'entity.parse.failed'
          ? 'Request body is not valid JSON'
          : status < 500
            ? (error.message ?? 'Bad request')
            : 'Internal server error';
    if (status >= 500) log.error({ err: error }, 'transport error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
