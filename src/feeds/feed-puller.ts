import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import { IsNull, LessThanOrEqual, type DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { systemViewer } from '../auth/system-viewer';
import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { saveUnique } from '../db/errors';
import { badInput, conflict } from '../common/errors';
import { paginate, type Connection, type PageArgs } from '../graphql/connection';
import { RequestContext } from '../graphql/context';
import { SupplierService } from '../suppliers/supplier.service';
import { FeedEndpoint, PullOutcome } from './feed-endpoint.entity';
import { FeedSource } from './feed-run.entity';
import type { FeedPipeline } from './feed-pipeline';
import type { FeedFormat, FeedKind } from './records';

export interface FeedEndpointInput {
  supplierId: number;
  organisationId?: number;
  kind: FeedKind;
  format: FeedFormat;
  url: string;
  credentialEnv?: string | null;
  intervalMinutes: number;
  enabled: boolean;
}

const TICK_MS = 60_000;

/**
 * Fetches suppliers' feeds on a schedule, from endpoints each organisation configures, and
 * hands the documents to the pipeline like any other entry point. Several servers may run
 * it: an endpoint is claimed with a conditional update before it is pulled.
 */
export class FeedPuller {
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly pipeline: FeedPipeline,
    private readonly suppliers: SupplierService,
  ) {}

  list(ctx: RequestContext, page: PageArgs): Promise<Connection<FeedEndpoint>> {
    return paginate(withinScope(ctx, ctx.repository(FeedEndpoint).createQueryBuilder('endpoint')), page, { maxPageSize: ctx.config.graphql.maxPageSize });
  }

  /** Creates or replaces the organisation's endpoint for a supplier's feed of one kind. */
  async configure(ctx: RequestContext, input: FeedEndpointInput): Promise<FeedEndpoint> {
    const organisationId = input.organisationId ?? ctx.requireViewer.organisationId;
    assertInScope(ctx, organisationId);
    await this.suppliers.get(ctx, input.supplierId);
    checkUrl(input.url, ctx.config, 'input.url');
    if (input.credentialEnv && !/^[A-Z_][A-Z0-9_]{0,99}$/.test(input.credentialEnv)) {
      throw badInput('input.credentialEnv', 'input.credentialEnv: the name of an environment variable, e.g. PDN_FEED_TOKEN', 'INVALID_ENV_NAME');
    }
    if (!Number.isInteger(input.intervalMinutes) || input.intervalMinutes < 5 || input.intervalMinutes > 7 * 24 * 60) {
      throw badInput('input.intervalMinutes', 'input.intervalMinutes: from 5 minutes to a week', 'OUT_OF_RANGE');
    }
    const repository = ctx.repository(FeedEndpoint);
    const existing = await repository.findOneBy({ organisationId, supplierId: input.supplierId, kind: input.kind });
    const endpoint = repository.merge(existing ?? repository.create({ lastPulledAt: null, lastOutcome: null, lastError: null, lastRunId: null, etag: null }), {
      organisationId,
      supplierId: input.supplierId,
      kind: input.kind,
      format: input.format,
      url: input.url.trim(),
      credentialEnv: input.credentialEnv ?? null,
      intervalMinutes: input.intervalMinutes,
      enabled: input.enabled,
    });
    if (existing && existing.url !== endpoint.url) endpoint.etag = null;
    return saveUnique(repository, endpoint, () => conflict('The endpoint was configured at the same moment by someone else; try again'));
  }

  async remove(ctx: RequestContext, id: number): Promise<number> {
    const endpoint = await findVisible(ctx, FeedEndpoint, id, FeedEndpoint.typename);
    await ctx.repository(FeedEndpoint).delete(endpoint.id);
    return endpoint.id;
  }

  /** Pulls one endpoint now, whatever its schedule. */
  async pullNow(ctx: RequestContext, id: number): Promise<FeedEndpoint> {
    const endpoint = await findVisible(ctx, FeedEndpoint, id, FeedEndpoint.typename);
    return this.pull(ctx, endpoint);
  }

  /** Pulls every enabled endpoint whose interval has passed; answers how many it pulled. */
  async pullDue(dataSource: DataSource, config: AppConfig, log: Logger, now = new Date()): Promise<number> {
    const repository = dataSource.getRepository(FeedEndpoint);
    const candidates = await repository.find({ where: { enabled: true }, order: { id: 'ASC' } });
    let pulled = 0;
    for (const endpoint of candidates) {
      const dueAt = endpoint.lastPulledAt ? endpoint.lastPulledAt.getTime() + endpoint.intervalMinutes * 60_000 : 0;
      if (dueAt > now.getTime()) continue;
      // claim it: only the server whose update lands pulls it
      const claim = await repository.update(
        { id: endpoint.id, lastPulledAt: endpoint.lastPulledAt === null ? IsNull() : LessThanOrEqual(new Date(now.getTime() - endpoint.intervalMinutes * 60_000)) },
        { lastPulledAt: now, updatedAt: now },
      );
      if (!claim.affected) continue;
      const viewer = await systemViewer(dataSource.manager, endpoint.organisationId, `pull:${endpoint.globalId}`);
      const ctx = new RequestContext(`pull-${endpoint.id}-${now.getTime()}`, viewer, dataSource.manager, config, log.child({ feedEndpointId: endpoint.id }));
      await this.pull(ctx, endpoint, now).catch((error) => log.error({ err: error, feedEndpointId: endpoint.id }, 'scheduled pull failed'));
      pulled += 1;
    }
    return pulled;
  }

  start(dataSource: DataSource, config: AppConfig, log: Logger): void {
    this.timer = setInterval(() => {
      if (this.ticking || !dataSource.isInitialized) return;
      this.ticking = true;
      this.pullDue(dataSource, config, log)
        .catch((error) => log.error({ err: error }, 'feed pull tick failed'))
        .finally(() => (this.ticking = false));
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async pull(ctx: RequestContext, endpoint: FeedEndpoint, pulledAt = new Date()): Promise<FeedEndpoint> {
    const repository = ctx.repository(FeedEndpoint);
    const record = (changes: Partial<FeedEndpoint>) => repository.save(repository.merge(endpoint, { lastPulledAt: pulledAt, ...changes }));
    try {
      checkUrl(endpoint.url, ctx.config, 'url');
      const headers: Record<string, string> = { accept: 'text/csv, application/json' };
      const credential = endpoint.credentialEnv ? process.env[endpoint.credentialEnv] : undefined;
      if (endpoint.credentialEnv && !credential) throw new Error(`environment variable ${endpoint.credentialEnv} is not set on the server`);
      if (credential) headers.authorization = credential;
      if (endpoint.etag) headers['if-none-match'] = endpoint.etag;
      const response = await fetch(endpoint.url, { headers, redirect: 'error', signal: AbortSignal.timeout(ctx.config.feeds.pullTimeoutMs) });
      if (response.status === 304) return await record({ lastOutcome: PullOutcome.NOT_MODIFIED, lastError: null });
      if (!response.ok || !response.body) throw new Error(`the supplier answered HTTP ${response.status} ${response.statusText}`.trim());
      const run = await this.pipeline.ingest(ctx, {
        supplierId: endpoint.supplierId,
        kind: endpoint.kind,
        format: endpoint.format,
        source: FeedSource.PULL,
        sourceName: endpoint.url,
        input: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      });
      return await record({ lastOutcome: PullOutcome.INGESTED, lastError: null, lastRunId: run.id, etag: response.headers.get('etag')?.slice(0, 200) ?? null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.warn({ feedEndpointId: endpoint.id, err: error }, 'feed pull failed');
      return record({ lastOutcome: PullOutcome.ERROR, lastError: message.slice(0, 1000) });
    }
  }
}

/** http(s) only, and in production only to the hosts FEED_PULL_ALLOWED_HOSTS names. */
function checkUrl(url: string, config: AppConfig, field: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput(field, `${field}: not a URL`, 'INVALID_URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badInput(field, `${field}: must be an http(s) URL`, 'INVALID_URL');
  if (parsed.username || parsed.password) throw badInput(field, `${field}: must not carry credentials; use credentialEnv`, 'INVALID_URL');
  const allowed = config.feeds.pullAllowedHosts;
  const production = config.env === 'production';
  if ((allowed.length > 0 || production) && !allowed.includes(parsed.hostname.toLowerCase())) {
    throw badInput(field, `${field}: ${parsed.hostname} is not in FEED_PULL_ALLOWED_HOSTS`, 'HOST_NOT_ALLOWED');
  }
  if (production && parsed.protocol !== 'https:') throw badInput(field, `${field}: must be https in production`, 'INVALID_URL');
}
