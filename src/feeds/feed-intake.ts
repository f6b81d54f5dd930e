import { tenancy } from '../auth/tenancy';
import express, { type Request, type Response } from 'express';
import { finished, PassThrough, type Readable } from 'node:stream';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { badInput, DomainError, ErrorCode, httpStatusOf, forbidden } from '../common/errors';
import { INGEST_FEEDS } from '../auth/roles';
import { optionalIdentifier } from '../common/text';
import { hasAnyRole } from '../request/viewer';
import type { RequestContext } from '../request/context';
import { isDatabaseUnavailable } from '../db/errors';
import { parseGlobalId } from '../common/global-id';
import { Supplier } from '../suppliers/supplier.entity';
import type { Invoice } from '../billing/invoice.entity';
import type { Incident } from '../incidents/incident.entity';
import { FeedRejection } from './feed-rejection.entity';
import { FeedRecordKind, FeedRunRecord } from '../feed-records/feed-run-record.entity';
import { FeedRunStatus, FeedSource, type FeedRun } from '../feed-records/feed-run.entity';
import type { FeedPipeline } from './feed-pipeline';
import { FeedLimitError } from './limits';
import { FeedFormat, FeedKind } from '../feed-records/records';
import { ErrorReason } from '../common/error-reasons';

const KINDS: Record<string, FeedKind> = {
  performance: FeedKind.PERFORMANCE,
  incident: FeedKind.INCIDENT,
  incidents: FeedKind.INCIDENT,
  invoice: FeedKind.INVOICE,
  invoices: FeedKind.INVOICE,
  inventory: FeedKind.INVENTORY,
};

const REJECTIONS_SHOWN = 100;
const RECORDS_SHOWN = 100;

/**
 * POST /feeds/{performance|incidents|invoices|inventory} — for suppliers' systems. The body
 * is the document itself (text/csv or application/json), streamed, up to FEED_MAX_BYTES.
 * A SUPPLIER_FEED credential speaks for its own supplier; a consumer's manager names the
 * supplier with ?supplier=<CN-SP ID or id>. The answer is the run, with its first rejections
 * and the first invoices and incidents it stored (docs/feeds/README.md, "The answer").
 */
export function feedIntake(
  pipeline: FeedPipeline,
  contextFor: (req: Request, res: Response) => Promise<RequestContext>,
  log: Logger,
  maxBytes: number,
) {
  const router = express.Router();
  router.post('/feeds/:kind', async (req, res) => {
    try {
      const ctx = await contextFor(req, res);
      const viewer = ctx.requireViewer;
      if (!hasAnyRole(viewer, INGEST_FEEDS)) throw forbidden(`Sending feeds needs one of these roles: ${INGEST_FEEDS.join(', ')}`);
      const kind = KINDS[String(req.params.kind).toLowerCase()];
      if (!kind)
        throw badInput(
          'kind',
          `kind: "${req.params.kind}" is not one of performance, incidents, invoices, inventory`,
          ErrorReason.UNKNOWN_FEED_KIND,
        );
      const run = await pipeline.ingest(ctx, {
        supplierId: await supplierOf(ctx, req),
        kind,
        format: formatOf(req),
        source: FeedSource.HTTP,
        sourceName:
          optionalIdentifier(typeof req.query.filename === 'string' ? req.query.filename : req.header('x-file-name'), 'filename', 500) ??
          null,
        input: detached(req),
      });
      const rejections = await ctx
        .repository(FeedRejection)
        .find({ where: { feedRunId: run.id }, order: { id: 'ASC' }, take: REJECTIONS_SHOWN });
      const stored = await storedRecords(ctx, run);
      res
        .status(run.status === FeedRunStatus.FAILED || run.status === FeedRunStatus.REJECTED ? 422 : 200)
        .json(summary(run, rejections, stored));
    } catch (error) {
      // the client hung up, or was cut off for sending too slowly (answered by the server itself, see http/client-errors.ts)
      if (req.destroyed && !req.complete) {
        log.info({ err: error }, 'feed upload abandoned before it was complete');
        return;
      }
      const { status, body } = failure(error, log);
      if (!req.complete) discardRest(req, maxBytes);
      res.status(status).json(body);
    }
  });
  return router;
}

/**
 * A client refused part way through its upload is usually still sending, and one that gets
 * its connection closed under it sees a broken pipe, not the answer. The rest is read and
 * dropped — up to FEED_MAX_BYTES more, what an upload may be anyway — so that the client
 * finishes and reads why; past that, the connection is cut.
 */
function discardRest(req: Request, maxBytes: number): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) req.destroy();
  });
  req.resume();
}

/**
 * The request's bytes, through a stream of their own: when the document is refused part
 * way (past a limit), reading stops but the request is not destroyed, so that the refusal
 * can still be answered. A client that hangs up still ends the reading with its error.
 */
function detached(req: Request): Readable {
  const bytes = new PassThrough();
  req.pipe(bytes);
  // A client that hangs up destroys the copy with its error. Whoever reads the copy sees that
  // through its own listener; but the reading starts only after authentication and the run's
  // set-up, and a hang-up before then (or after the reading ended) would otherwise be an
  // 'error' nobody listens to, which takes the whole process down.
  bytes.on('error', () => undefined);
  finished(req, { writable: false }, (error) => {
    if (error) bytes.destroy(error);
  });
  return bytes;
}

async function supplierOf(ctx: RequestContext, req: Request): Promise<number> {
  const named = typeof req.query.supplier === 'string' ? req.query.supplier.trim() : '';
  const viewer = ctx.requireViewer;
  if (!named) {
    if (viewer.supplierId !== null) return viewer.supplierId;
    throw badInput('supplier', 'supplier: name the supplier with ?supplier=<CN-SP ID or id>', ErrorReason.SUPPLIER_REQUIRED);
  }
  const globalId = parseGlobalId(named);
  if (globalId?.typename === Supplier.typename) return globalId.id;
  const supplier = await ctx.repository(Supplier).findOneBy({ cnspId: named.toUpperCase() });
  if (!supplier) throw new DomainError(ErrorCode.NOT_FOUND, `Supplier ${named} not found`);
  return supplier.id;
}

function formatOf(req: Request): FeedFormat {
  const asked = typeof req.query.format === 'string' ? req.query.format.toLowerCase() : '';
  if (asked === 'csv') return FeedFormat.CSV;
  if (asked === 'tmf' || asked === 'json') return FeedFormat.TMF;
  if (asked) throw badInput('format', `format: "${asked}" is not csv or tmf`, ErrorReason.UNKNOWN_FEED_FORMAT);
  const type = req.header('content-type') ?? '';
  if (/csv/i.test(type)) return FeedFormat.CSV;
  if (/json/i.test(type)) return FeedFormat.TMF;
  throw badInput('format', 'format: send Content-Type text/csv or application/json, or ?format=csv|tmf', ErrorReason.UNKNOWN_FEED_FORMAT);
}

/**
 * The first RECORDS_SHOWN invoices and incidents the run stored, in document order, and how
 * many more: the client's way from the document it sent to the records it became. Held to
 * the sender's organisations, as every read is.
 */
async function storedRecords(ctx: RequestContext, run: FeedRun) {
  const [invoices, incidents] = await Promise.all(
    [FeedRecordKind.INVOICE, FeedRecordKind.INCIDENT].map(async (kind) => {
      const where = { feedRunId: run.id, kind, ...tenancy.where(ctx) };
      const records = ctx.repository(FeedRunRecord);
      const shown = await records.find({
        where,
        relations: { invoice: kind === FeedRecordKind.INVOICE, incident: kind === FeedRecordKind.INCIDENT },
        order: { position: 'ASC', id: 'ASC' },
        take: RECORDS_SHOWN,
      });
      return { shown, more: shown.length < RECORDS_SHOWN ? 0 : (await records.countBy(where)) - shown.length };
    }),
  );
  return {
    // the rows name their record by entity (feed-records/feed-run-record.entity.ts): read here as the one asked for
    invoices: invoices!.shown.map(({ invoice, created }) => ({
      id: invoice!.globalId,
      invoiceNumber: (invoice as Invoice).invoiceNumber,
      kind: (invoice as Invoice).kind,
      created,
    })),
    moreInvoices: invoices!.more,
    incidents: incidents!.shown.map(({ incident, created }) => ({
      id: incident!.globalId,
      supplierRef: (incident as Incident).supplierRef,
      status: (incident as Incident).status,
      created,
    })),
    moreIncidents: incidents!.more,
  };
}

function summary(run: FeedRun, rejections: FeedRejection[], stored: Awaited<ReturnType<typeof storedRecords>>) {
  return {
    run: {
      id: run.globalId,
      kind: run.kind,
      format: run.format,
      status: run.status,
      checksum: run.checksum,
      rowsRead: run.rowsRead,
      rowsAccepted: run.rowsAccepted,
      rowsRejected: run.rowsRejected,
      rowsUnchanged: run.rowsUnchanged,
      failureReason: run.failureReason,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    },
    rejectedRows: rejections.map(({ location, field, reason, raw }) => ({ location, field, reason, raw })),
    moreRejectedRows: Math.max(0, run.rowsRejected - rejections.length),
    ...stored,
  };
}

function failure(error: unknown, log: Logger): { status: number; body: object } {
  const body = (code: string, message: string, extra: object = {}) => ({ errors: [{ message, extensions: { code, ...extra } }] });
  if (error instanceof FeedLimitError) {
    const { httpStatus, limit, setting } = error;
    return {
      status: httpStatus,
      body: body(httpStatus === 413 ? 'PAYLOAD_TOO_LARGE' : error.code, error.message, { reason: error.details.reason, limit, setting }),
    };
  }
  if (error instanceof DomainError) return { status: httpStatusOf(error.code), body: body(error.code, error.message, error.details) };
  if (error instanceof GraphQLError) {
    // raised while authenticating: it already carries its code and HTTP status
    const { http, ...extensions } = error.extensions as { http?: { status?: number }; code?: string };
    return { status: http?.status ?? 500, body: { errors: [{ message: error.message, extensions }] } };
  }
  if (isDatabaseUnavailable(error))
    return { status: 503, body: body(ErrorCode.SERVICE_UNAVAILABLE, 'The database is unavailable; retry shortly') };
  log.error({ err: error }, 'feed intake failed');
  return { status: 500, body: body('INTERNAL_SERVER_ERROR', 'Internal server error') };
}
