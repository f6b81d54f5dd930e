import { Contract } from '../contracts/contract.entity';
import { CreditLedgerEntry } from './ledger/credit-ledger.entity';
import { FindingType } from './reconciliation-rules';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { READ_INVENTORY, RECONCILE_INVOICES } from '../auth/roles';
import { InvoiceReconciliation, ReconciliationFinding } from './reconciliation.entity';
import { ReconciliationService } from './reconciliation.service';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { optionalIdentifier } from '../common/text';
import { selects } from '../graphql-types/selection';
import { FeedRun } from '../feed-records/feed-run.entity';
import { Organisation } from '../organisations/organisation.entity';
import { NetworkService } from '../services/network-service.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { InvoiceFilterInput } from './invoice.input';
import { InvoiceConnection } from './invoice.types';
import { InvoiceService } from './invoice.service';

@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(
    private readonly invoiceService: InvoiceService,
    private readonly reconciliationService: ReconciliationService,
  ) {}

  @Authorized(READ_INVENTORY)
  @Query(() => InvoiceConnection, { description: "Suppliers' invoices to the viewer's organisations, newest first." })
  invoices(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter?: InvoiceFilterInput,
  ) {
    return this.invoiceService.list(
      ctx,
      {
        status: filter?.status,
        kind: filter?.kind,
        period: filter?.period,
        supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
        invoiceNumber: optionalIdentifier(filter?.invoiceNumber, 'filter.invoiceNumber', 64) ?? undefined,
      },
      page,
      // the page's reconciliations, when asked for, are read with the page
      { withReconciliation: selects(info, ['edges', 'node', 'reconciliation']) },
    );
  }

  @Authorized(READ_INVENTORY)
  @Query(() => Invoice)
  invoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.invoiceService.get(ctx, idOf(id, Invoice.typename));
  }

  @Authorized(RECONCILE_INVOICES)
  @Mutation(() => InvoiceReconciliation, {
    description: 'Checks the invoice line by line against our records; re-running it updates the same findings.',
  })
  reconcileInvoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.reconciliationService.reconcile(ctx, idOf(id, Invoice.typename));
  }

  @FieldResolver(() => InvoiceReconciliation, { nullable: true, description: 'The last reconciliation, once run.' })
  async reconciliation(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    const [reconciliation] = await ctx.loaders.manyBy(InvoiceReconciliation, 'invoiceId').load(invoice.id);
    return reconciliation ?? null;
  }

  @FieldResolver(() => [InvoiceLine])
  lines(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(InvoiceLine, 'invoiceId', {}, { lineNumber: 'ASC' }).load(invoice.id);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(invoice.supplierId);
  }

  @FieldResolver(() => FeedRun, {
    nullable: true,
    description:
      'The feed run that stored this content: its document holds the invoice at sourceLocation. Null when the run was sent by an ' +
      "organisation outside the viewer's.",
  })
  feedRun(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(FeedRun).load(invoice.feedRunId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Organisation).load(invoice.organisationId);
  }
}

@Resolver(() => InvoiceReconciliation)
export class InvoiceReconciliationResolver {
  @FieldResolver(() => [ReconciliationFinding], { description: 'Findings in line order, then the invoice-wide ones.' })
  findings(@Root() reconciliation: InvoiceReconciliation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ReconciliationFinding, 'reconciliationId').load(reconciliation.id);
  }
}

@Resolver(() => ReconciliationFinding)
export class ReconciliationFindingResolver {
  @FieldResolver(() => NetworkService, { nullable: true })
  service(@Root() finding: ReconciliationFinding, @Ctx() ctx: RequestContext) {
    return finding.serviceId === null ? null : ctx.loaders.byId(NetworkService).load(finding.serviceId);
  }

  @FieldResolver(() => InvoiceLine, { nullable: true })
  line(@Root() finding: ReconciliationFinding, @Ctx() ctx: RequestContext) {
    return finding.lineId === null ? null : ctx.loaders.byId(InvoiceLine).load(finding.lineId);
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'MISSING_SERVICE_CREDIT: the contract whose credits are missing.' })
  contract(@Root() finding: ReconciliationFinding, @Ctx() ctx: RequestContext) {
    return finding.contractId === null ? null : ctx.loaders.byId(Contract).load(finding.contractId);
  }

  @FieldResolver(() => [CreditLedgerEntry], {
    description: 'MISSING_SERVICE_CREDIT: the ledger entries the finding claims, one per service and term.',
  })
  credits(@Root() finding: ReconciliationFinding, @Ctx() ctx: RequestContext) {
    return finding.type === FindingType.MISSING_SERVICE_CREDIT
      ? ctx.loaders.manyBy(CreditLedgerEntry, 'claimedFindingId').load(finding.id)
      : [];
  }
}

@Resolver(() => InvoiceLine)
export class InvoiceLineResolver {
  @FieldResolver(() => NetworkService, {
    nullable: true,
    description: 'Our service, when we hold the reference; null for a phantom charge.',
  })
  service(@Root() line: InvoiceLine, @Ctx() ctx: RequestContext) {
    return line.serviceId === null ? null : ctx.loaders.byId(NetworkService).load(line.serviceId);
  }

  @FieldResolver(() => Invoice)
  invoice(@Root() line: InvoiceLine, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Invoice).load(line.invoiceId);
  }
}
