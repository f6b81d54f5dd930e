import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import { IsNull, LessThanOrEqual, type DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { systemViewer } from '../organisations/system-viewer';
import { assertInScope, findVisible, withinScope } from '../auth/tenancy';
import { saveUnique } from '../db/errors';
import { ifGiven } from '../common/changes';
import { badInput, conflict, DomainError } from '../common/errors';
import { displayText } from '../common/display-text';
import { fetchFailureOf, isTimeout, redirectNote, statusLineOf } from '../common/remote-answer';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import { RequestContext } from '../request/context';
import { SupplierService } from '../suppliers/supplier.service';
import { FeedEndpoint, PullOutcome } from './feed-endpoint.entity';
import { FeedSource } from './feed-run.entity';
import type { FeedPipeline } from './feed-pipeline';
import type { FeedFormat, FeedKind } from './records';
import { checkCredential, openCredential, sealCredential, type SealedCredential } from './pull-credential';
import { checkPullUrl, originOf, PullFailure } from './pull-target';
import { ErrorReason } from '../common/error-reasons';

export interface FeedEndpointInput {
  supplierId: number;
  organisationId?: number;
  kind: FeedKind;
  format: FeedFormat;
  url: string;
  /** the Authorization header value to send: undefined keeps the stored one, null removes it */
  credential?: string | null;
  intervalMinutes: number;
  enabled: boolean;
}

const TICK_MS = 60_000;
/** lastError is the server's own sentence; this bounds it whatever it quotes */
const MAX_LAST_ERROR = 500;

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
    return paginate(withinScope(ctx, ctx.repository(FeedEndpoint).createQueryBuilder('endpoint')), page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
    });
  }

  /** Creates or replaces the organisation's endpoint for a supplier's feed of one kind. */
  async configure(ctx: RequestContext, input: FeedEndpointInput, now = new Date()): Promise<FeedEndpoint> {
    const organisationId = input.organisationId ?? ctx.requireViewer.organisationId;
    assertInScope(ctx, organisationId);
    await this.suppliers.get(ctx, input.supplierId);
    const url = checkPullUrl(input.url, ctx.config, 'input.url');
    const credential = ifGiven(input.credential, (given) => checkCredential(given, 'input.credential'));
    if (!Number.isInteger(input.intervalMinutes) || input.intervalMinutes < 5 || input.intervalMinutes > 7 * 24 * 60) {
      throw badInput('input.intervalMinutes', 'input.intervalMinutes: from 5 minutes to a week', ErrorReason.OUT_OF_RANGE);
    }
    const repository = ctx.repository(FeedEndpoint);
    const existing = await repository.findOneBy({ organisationId, supplierId: input.supplierId, kind: input.kind });
    const previousUrl = existing?.url;
    // a credential kept write-only must not be sent to a host it was not given for
    if (existing?.credentialCiphertext && credential === undefined && originOf(existing.url) !== originOf(url)) {
      throw badInput(
        'input.credential',
        'input.credential: the URL now names another host; give the credential again, or null to pull without one',
        ErrorReason.CREDENTIAL_REQUIRED,
      );
    }
    const credentialChange =
      credential === undefined
        ? {}
        : credential === null
          ? { credentialCiphertext: null, credentialKeyId: null, credentialSetAt: null }
          : { ...sealCredential(credential, ctx.config), credentialSetAt: now };
    const blank = {
      lastPulledAt: null,
      lastOutcome: null,
      lastError: null,
      lastRunId: null,
      etag: null,
      credentialCiphertext: null,
      credentialKeyId: null,
      credentialSetAt: null,
    };
    const endpoint = repository.merge(existing ?? repository.create(blank), {
      organisationId,
      supplierId: input.supplierId,
      kind: input.kind,
      format: input.format,
      url,
      ...credentialChange,
      intervalMinutes: input.intervalMinutes,
      enabled: input.enabled,
    });
    // merge changed `existing` in place: compare with the URL it had
    if (previousUrl !== undefined && previousUrl !== url) endpoint.etag = null;
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
        {
          id: endpoint.id,
          lastPulledAt:
            endpoint.lastPulledAt === null ? IsNull() : LessThanOrEqual(new Date(now.getTime() - endpoint.intervalMinutes * 60_000)),
        },
        { lastPulledAt: now, updatedAt: now },
      );
      if (!claim.affected) continue;
      const viewer = await systemViewer(dataSource.manager, endpoint.organisationId, `pull:${endpoint.globalId}`);
      const ctx = new RequestContext(
        `pull-${endpoint.id}-${now.getTime()}`,
        viewer,
        dataSource.manager,
        config,
        log.child({ feedEndpointId: endpoint.id }),
      );
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
    const timeoutMs = ctx.config.feeds.pullTimeoutMs;
    try {
      const url = checkPullUrl(endpoint.url, ctx.config, 'url');
      const headers: Record<string, string> = { accept: 'text/csv, application/json' };
      if (endpoint.credentialCiphertext !== null) headers.authorization = openCredential(endpoint as SealedCredential, ctx.config);
      if (endpoint.etag) headers['if-none-match'] = endpoint.etag;
      const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
        throw new PullFailure(`the supplier's host: ${fetchFailureOf(error, timeoutMs)}`);
      });
      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return await record({ lastOutcome: PullOutcome.NOT_MODIFIED, lastError: null });
      }
      if (!response.ok || !response.body) {
        // the answer's body and status text are the host's to write: only the status is kept
        await response.body?.cancel().catch(() => undefined);
        throw new PullFailure(`the supplier answered ${statusLineOf(response.status)}${redirectNote(response.status)}`);
      }
      const run = await this.pipeline.ingest(ctx, {
        supplierId: endpoint.supplierId,
        kind: endpoint.kind,
        format: endpoint.format,
        source: FeedSource.PULL,
        sourceName: endpoint.url,
        input: received(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), timeoutMs),
      });
      return await record({
        lastOutcome: PullOutcome.INGESTED,
        lastError: null,
        lastRunId: run.id,
        etag: response.headers.get('etag')?.slice(0, 200) ?? null,
      });
    } catch (error) {
      const shown = error instanceof PullFailure || error instanceof DomainError;
      const lastError = displayText(
        shown ? error.message : 'the pull stopped on an internal error (logged on the server); it is tried again at the next interval',
        MAX_LAST_ERROR,
      );
      if (shown) ctx.log.warn({ feedEndpointId: endpoint.id, reason: lastError }, 'feed pull failed');
      else ctx.log.error({ feedEndpointId: endpoint.id, err: error }, 'feed pull failed on an internal error');
      return record({ lastOutcome: PullOutcome.ERROR, lastError });
    }
  }
}

/** The answer's body as it arrives; a connection that breaks or stalls part-way says so in our words, not the socket's. */
async function* received(body: Readable, timeoutMs: number): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk as Buffer;
  } catch (error) {
    throw new PullFailure(
      isTimeout(error)
        ? `the supplier's answer did not arrive in full within ${timeoutMs} ms`
        : `the supplier's answer was cut short: ${fetchFailureOf(error, timeoutMs)}`,
    );
  }
}
