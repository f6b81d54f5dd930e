import { tenancy } from '../auth/tenancy';
import { auditScopeOf, currentAuditScope, withAuditScope } from '../audit/audit-scope';
import { In } from 'typeorm';
import { notFound } from '../common/errors';
import { hasAnyRole } from '../request/viewer';
import { Role } from '../auth/roles';
import type { RequestContext } from '../request/context';
import { SupplierService } from '../suppliers/supplier.service';
import { FeedRejection } from './feed-rejection.entity';
import { FeedRun, FeedRunStatus, type FeedSource } from '../feed-records/feed-run.entity';
import { documentChecks } from './adapters';
import type { AcceptedItem, FeedWriter } from '../feed-records/feed-writer';
import { FeedLimitError } from './limits';
import { NaturalKeys } from './natural-keys';
import { FeedKind, type FeedFormat } from '../feed-records/records';
import { FeedFormatError, RAW_SHOWN, type FeedAdapter, type FeedRecords } from './feed-adapter';
import { loadServiceDirectory } from './service-directory';
import { spool, type SpooledDocument } from './spool';
import { retryOnDeadlock } from '../db/errors';
import { displayText } from '../common/display-text';
import { Instance } from '../db/instance';
import { failOrphanedRuns } from './run-owners';

/** a failure reason or a row's reason may quote the document: kept to one line of at most this */
const MAX_REASON = 1_000;

export type AdapterRegistry = { [K in FeedKind]: Record<FeedFormat, FeedAdapter<FeedRecords[K]>> };
export type WriterRegistry = { [K in FeedKind]: FeedWriter<FeedRecords[K]> };

export interface FeedRequest {
  supplierId: number;
  kind: FeedKind;
  format: FeedFormat;
  source: FeedSource;
  sourceName?: string | null;
  input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream;
  /** the input that carried the document, named when it goes past a limit (`input.document` through GraphQL) */
  documentField?: string;
  /** called after each batch: for progress bars */
  onProgress?: (progress: FeedProgress) => void;
}

export interface FeedProgress {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsUnchanged: number;
}

interface PendingRejection {
  /** position in the document, so rejections are stored in document order */
  seq: number;
  location: string;
  raw: string;
  reason: string;
  field?: string;
}

const REJECTION_FLUSH = 500;

/**
 * At most `limit` characters, as a string of its own: V8 keeps the whole of a string alive
 * for as long as any slice of it is, and a row's raw text (up to FEED_MAX_ITEM_BYTES) waits
 * in its batch, or among the 500 pending rejections, until it is written.
 */
const clipped = (text: string, limit: number) => (text.length > limit ? `${Buffer.from(text.slice(0, limit)).toString()}…` : text);

/**
 * adapter → pipeline → writer → tables. The document is spooled and hashed first; rows are
 * then read in order, refused rows kept with their reasons, and good ones handed to the
 * kind's writer in batches, each batch one transaction with its rejections and the run's
 * counters. A FeedRun records it all; a run that dies is marked FAILED and can be re-run.
 */
export class FeedPipeline {
  private readonly listeners: ((run: FeedRun) => void)[] = [];

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly writers: WriterRegistry,
    private readonly suppliers: SupplierService,
  ) {}

  /** Called with every run once it has finished (for metrics). */
  onRunFinished(listener: (run: FeedRun) => void): void {
    this.listeners.push(listener);
  }

  ingest(ctx: RequestContext, request: FeedRequest): Promise<FeedRun> {
    // a document sent over HTTP, pulled or loaded from the CLI is audited under its route in
    const entryPoint = `feed:${request.source}${request.sourceName ? ` ${request.sourceName.slice(0, 80)}` : ''}`;
    return currentAuditScope()
      ? this.ingestAudited(ctx, request)
      : withAuditScope(auditScopeOf(ctx.viewer, entryPoint, ctx.requestId), () => this.ingestAudited(ctx, request));
  }

  private async ingestAudited(ctx: RequestContext, request: FeedRequest): Promise<FeedRun> {
    const viewer = ctx.requireViewer;
    // a supplier's own credentials speak for that supplier only
    if (
      hasAnyRole(viewer, [Role.SUPPLIER_FEED]) &&
      !hasAnyRole(viewer, [Role.CONTRACT_MANAGER, Role.ADMIN]) &&
      viewer.supplierId !== request.supplierId
    ) {
      throw notFound('Supplier');
    }
    await this.suppliers.get(ctx, request.supplierId);
    const { feeds } = ctx.config;
    // an invoice document is read whole (its lines go with their invoices wherever they stand), so it has a smaller limit
    const size =
      request.kind === FeedKind.INVOICE && feeds.maxInvoiceBytes < feeds.maxBytes
        ? { maxBytes: feeds.maxInvoiceBytes, setting: 'FEED_MAX_INVOICE_BYTES' }
        : { maxBytes: feeds.maxBytes, setting: 'FEED_MAX_BYTES' };
    const document = await spool(request.input, feeds.spoolDir, size, documentChecks[request.format](feeds.limits)).catch(
      (error: unknown) => {
        throw error instanceof FeedLimitError && request.documentField ? error.forField(request.documentField) : error;
      },
    );
    try {
      return await this.process(ctx, request, document);
    } finally {
      await document.discard();
    }
  }

  private async process(ctx: RequestContext, request: FeedRequest, document: SpooledDocument): Promise<FeedRun> {
    const runs = ctx.repository(FeedRun);
    // an earlier run of this feed whose process died is FAILED before this one is counted beside it
    await failOrphanedRuns(ctx.manager, { organisationIds: ctx.organisationIds, supplierId: request.supplierId, kind: request.kind });
    const previous = await runs.findOne({
      select: { id: true },
      where: {
        supplierId: request.supplierId,
        kind: request.kind,
        checksum: document.checksum,
        ...tenancy.where(ctx),
        status: In([FeedRunStatus.SUCCEEDED, FeedRunStatus.PARTIAL]),
      },
      order: { id: 'DESC' },
    });
    const now = new Date();
    const run = await runs.save(
      runs.create({
        organisationId: ctx.requireViewer.organisationId,
        supplierId: request.supplierId,
        kind: request.kind,
        format: request.format,
        source: request.source,
        sourceName: request.sourceName?.slice(0, 500) ?? null,
        checksum: document.checksum,
        status: FeedRunStatus.RUNNING,
        startedAt: now,
        finishedAt: null,
        rowsRead: 0,
        rowsAccepted: 0,
        rowsRejected: 0,
        rowsUnchanged: 0,
        failureReason: null,
        triggeredBy: ctx.requireViewer.subject,
        duplicateOfRunId: previous?.id ?? null,
        ownerInstance: Instance.of(ctx.manager.connection)?.owner ?? null,
      }),
    );

    if (document.unreadable) {
      const { message, location } = document.unreadable;
      return this.finishRun(ctx, run, FeedRunStatus.FAILED, location ? `${message} (at ${location})` : message);
    }

    const writer = this.writers[request.kind] as FeedWriter<unknown>;
    const adapter = this.adapters[request.kind][request.format] as FeedAdapter<unknown>;
    const services = await loadServiceDirectory(ctx, request.supplierId);
    const keys = new NaturalKeys(document.rows);
    let bytesRead = 0;
    const progress = () =>
      request.onProgress?.({
        bytesRead,
        bytesTotal: document.bytes,
        rowsRead: run.rowsRead,
        rowsAccepted: run.rowsAccepted,
        rowsRejected: run.rowsRejected,
        rowsUnchanged: run.rowsUnchanged,
      });

    let batch: AcceptedItem<unknown>[] = [];
    let rejections: PendingRejection[] = [];
    const flush = async () => {
      const items = batch;
      const refused = rejections;
      batch = [];
      rejections = [];
      const delta = { accepted: 0, unchanged: 0, rejected: 0 };
      const nested = ctx.manager.queryRunner?.isTransactionActive === true;
      const write = () =>
        ctx.transaction(async (tx) => {
          // each attempt starts afresh: a transaction that lost a deadlock was rolled back whole
          Object.assign(delta, { accepted: 0, unchanged: 0, rejected: 0 });
          const refusedNow = [...refused];
          const outcomes = items.length ? await writer.write({ ctx: tx, run, services }, items) : [];
          outcomes.forEach((outcome, index) => {
            if (outcome.kind === 'accepted') delta.accepted += 1;
            else if (outcome.kind === 'unchanged') delta.unchanged += 1;
            else
              refusedNow.push({
                seq: items[index].seq,
                location: items[index].location,
                raw: items[index].raw,
                reason: outcome.reason,
                field: outcome.field,
              });
          });
          delta.rejected = refusedNow.length;
          await this.saveRejections(
            tx,
            run,
            refusedNow.sort((a, b) => a.seq - b.seq),
          );
          const heartbeat = await tx.repository(FeedRun).update(
            { id: run.id, status: FeedRunStatus.RUNNING },
            {
              rowsRead: run.rowsRead,
              rowsAccepted: run.rowsAccepted + delta.accepted,
              rowsUnchanged: run.rowsUnchanged + delta.unchanged,
              rowsRejected: run.rowsRejected + delta.rejected,
              // the heartbeat that tells a live run from a stalled one
              updatedAt: new Date(),
            },
          );
          // another process judged this run dead (stalled, or this one lost its instance lock): once FAILED
          // a run takes no more rows, so this batch is rolled back and the run stops here
          if (heartbeat.affected === 0) throw new RunGivenUp(run.id);
        });
      await (nested ? write() : retryOnDeadlock(write));
      run.rowsAccepted += delta.accepted;
      run.rowsUnchanged += delta.unchanged;
      run.rowsRejected += delta.rejected;
      progress();
    };

    let writing: Promise<void> = Promise.resolve();
    try {
      for await (const item of adapter(
        document.open((bytes) => (bytesRead = bytes)),
        ctx.config.feeds.limits,
      )) {
        run.rowsRead += 1;
        const seq = run.rowsRead;
        const raw = clipped(item.raw, RAW_SHOWN);
        const key = item.ok ? writer.naturalKey(item.record, { services, run }) : null;
        const earlier = key ? keys.firstAt(key.key, item.location) : undefined;
        if (item.ok && earlier === undefined) batch.push({ seq, location: item.location, raw, record: item.record });
        else if (item.ok)
          rejections.push({
            seq,
            location: item.location,
            raw,
            reason: `duplicates ${earlier}: ${key!.describe()} is already in this document`,
            field: key!.field,
          });
        else rejections.push({ seq, location: item.location, raw, reason: clipped(item.reason, MAX_REASON), field: item.field });
        if (batch.length >= writer.batchSize || rejections.length >= REJECTION_FLUSH) {
          // read the next batch while this one is written; writes stay one at a time, in order
          await writing;
          writing = flush();
          // marked handled now; the failure still surfaces at the next await
          writing.catch(() => undefined);
        }
      }
      await writing;
      await flush();
      if (writer.finish) await ctx.transaction((tx) => writer.finish!({ ctx: tx, run, services }));
      run.status =
        run.rowsRejected === 0
          ? FeedRunStatus.SUCCEEDED
          : run.rowsRejected === run.rowsRead
            ? FeedRunStatus.REJECTED
            : FeedRunStatus.PARTIAL;
    } catch (error) {
      await writing.catch(() => undefined);
      writer.abandon?.(run);
      if (error instanceof RunGivenUp) {
        ctx.log.warn({ feedRunId: run.id }, 'feed run stopped: it was marked FAILED while it ran');
        return ctx.repository(FeedRun).findOneByOrFail({ id: run.id });
      }
      if (error instanceof FeedLimitError) {
        // an item past a limit that only its reader could see (the check on arrival caught the rest): refused as those are
        await this.finishRun(ctx, run, FeedRunStatus.FAILED, error.message);
        throw request.documentField ? error.forField(request.documentField) : error;
      }
      if (!(error instanceof FeedFormatError)) {
        ctx.log.error({ err: error, feedRunId: run.id }, 'feed run failed');
        await this.finishRun(
          ctx,
          run,
          FeedRunStatus.FAILED,
          'The run stopped on an internal error; nothing after the last completed batch was stored. Send the document again.',
        ).catch(() => undefined);
        throw error;
      }
      // what was read before the document broke is kept; what was pending is written with the failure
      await flush().catch(() => undefined);
      return this.finishRun(ctx, run, FeedRunStatus.FAILED, error.location ? `${error.message} (at ${error.location})` : error.message);
    }
    return this.finishRun(ctx, run, run.status, null);
  }

  private async finishRun(ctx: RequestContext, run: FeedRun, status: FeedRunStatus, reason: string | null): Promise<FeedRun> {
    // a reason may quote the document (a header line of any length, control characters and all)
    const failureReason = reason === null ? null : displayText(reason, MAX_REASON);
    Object.assign(run, { status, failureReason, finishedAt: new Date() });
    const finished = await ctx.repository(FeedRun).update(
      { id: run.id, status: FeedRunStatus.RUNNING },
      {
        rowsRead: run.rowsRead,
        rowsAccepted: run.rowsAccepted,
        rowsUnchanged: run.rowsUnchanged,
        rowsRejected: run.rowsRejected,
        status,
        failureReason,
        finishedAt: run.finishedAt,
        updatedAt: run.finishedAt!,
      },
    );
    // failed meanwhile by another process: its verdict stands
    if (finished.affected === 0) return ctx.repository(FeedRun).findOneByOrFail({ id: run.id });
    for (const listener of this.listeners) listener(run);
    return run;
  }

  private async saveRejections(ctx: RequestContext, run: FeedRun, rejections: PendingRejection[]): Promise<void> {
    if (rejections.length === 0) return;
    const repository = ctx.repository(FeedRejection);
    await repository.save(
      rejections.map((rejection) =>
        repository.create({
          feedRunId: run.id,
          organisationId: run.organisationId,
          location: displayText(rejection.location, 100),
          field: rejection.field === undefined ? null : displayText(rejection.field, 100),
          reason: displayText(rejection.reason, MAX_REASON),
          raw: rejection.raw,
        }),
      ),
      { chunk: 200 },
    );
  }
}

/** The run was marked FAILED by another process while this one still worked on it. */
class RunGivenUp extends Error {
  constructor(runId: number) {
    super(`feed run ${runId} was marked FAILED while it ran`);
  }
}
