import { Readable } from 'node:stream';
import { optionalIdentifier } from '../common/text';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { INGEST_FEEDS, READ_FEEDS } from '../auth/roles';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { InventoryComparison } from '../services/inventory-comparison.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { InvoiceConnection } from '../billing/invoice.types';
import { IncidentConnection } from '../incidents/incident.types';
import { FeedRecordKind } from '../feed-records/feed-run-record.entity';
import { FeedRun, FeedSource } from '../feed-records/feed-run.entity';
import { FeedPipeline } from './feed-pipeline';
import { FeedRunService } from './feed-run.service';
import { FeedRunFilterInput, IngestFeedInput } from './feeds.input';
import { FeedHealth, FeedRejectionConnection, FeedRunConnection } from './feeds.types';

@Resolver(() => FeedRun)
export class FeedRunResolver {
  constructor(
    private readonly feedRunService: FeedRunService,
    private readonly pipeline: FeedPipeline,
  ) {}

  @Authorized(INGEST_FEEDS)
  @Mutation(() => FeedRun, { description: 'Ingests a supplier document; the run says what became of every row.' })
  ingestFeed(@Ctx() ctx: RequestContext, @Arg('input') input: IngestFeedInput) {
    return this.pipeline.ingest(ctx, {
      supplierId: idOf(input.supplierId, Supplier.typename, 'input.supplierId'),
      kind: input.kind,
      format: input.format,
      source: FeedSource.GRAPHQL,
      sourceName: optionalIdentifier(input.fileName, 'input.fileName', 500) ?? null,
      input: Readable.from([Buffer.from(input.document, 'utf8')]),
      documentField: 'input.document',
    });
  }

  @Authorized(READ_FEEDS)
  @Query(() => FeedRunConnection, { description: 'Feed runs, newest first.' })
  feedRuns(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => FeedRunFilterInput, { nullable: true }) filter?: FeedRunFilterInput,
  ) {
    return this.feedRunService.list(
      ctx,
      { kind: filter?.kind, status: filter?.status, supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId') },
      page,
    );
  }

  @Authorized(READ_FEEDS)
  @Query(() => FeedRun)
  feedRun(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.feedRunService.get(ctx, idOf(id, FeedRun.typename));
  }

  @Authorized(READ_FEEDS)
  @Query(() => [FeedHealth], { description: 'For each supplier and feed kind: the last run, the last good run, and whether it is late.' })
  feedHealth(
    @Ctx() ctx: RequestContext,
    @Arg('lateAfterHours', () => Int, { nullable: true, description: 'Defaults to FEED_LATE_AFTER_HOURS (24).' }) lateAfterHours?: number,
    @Arg('onlyLate', { defaultValue: false }) onlyLate?: boolean,
  ) {
    return this.feedRunService.healthReport(ctx, lateAfterHours, onlyLate);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() run: FeedRun, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(run.supplierId);
  }

  @FieldResolver(() => FeedRejectionConnection, { description: 'The rows refused, in document order, each with its reason.' })
  rejectedRows(@Root() run: FeedRun, @Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.feedRunService.rejections(ctx, run, page);
  }

  @FieldResolver(() => InvoiceConnection, {
    description:
      'For an INVOICE run: the invoices and credit notes it stored (new, or replacing one of the same number), in document order. An ' +
      'invoice sent again unchanged is not stored again, and not listed (find it by invoices(filter: { invoiceNumber })).',
  })
  invoices(@Root() run: FeedRun, @Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.feedRunService.stored(ctx, run, FeedRecordKind.INVOICE, page);
  }

  @FieldResolver(() => IncidentConnection, {
    description:
      'For an INCIDENT run: the incidents it created or changed (fields or new status entries), in document order. A ticket sent again ' +
      'unchanged is not listed.',
  })
  incidents(@Root() run: FeedRun, @Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.feedRunService.stored(ctx, run, FeedRecordKind.INCIDENT, page);
  }

  @FieldResolver(() => InventoryComparison, { nullable: true, description: 'For an INVENTORY run: the comparison it produced.' })
  async inventoryComparison(@Root() run: FeedRun, @Ctx() ctx: RequestContext) {
    const [comparison] = await ctx.loaders
      .manyBy(InventoryComparison, 'feedRunId')
      .load(run.duplicateOfRunId !== null && run.rowsAccepted === 0 ? run.duplicateOfRunId : run.id);
    return comparison ?? null;
  }
}

@Resolver(() => FeedHealth)
export class FeedHealthResolver {
  @FieldResolver(() => Supplier)
  supplier(@Root() health: FeedHealth, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(health.supplierId);
  }
}
