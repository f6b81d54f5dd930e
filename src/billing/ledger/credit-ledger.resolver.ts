import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { READ_INVENTORY, RECONCILE_INVOICES } from '../../auth/roles';
import { Contract } from '../../contracts/contract.entity';
import { PageArgs } from '../../graphql-types/connection';
import type { RequestContext } from '../../request/context';
import { idOf, optionalIdOf } from '../../common/global-id';
import { MoneyScalar } from '../../graphql-types/scalars';
import { Incident } from '../../incidents/incident.entity';
import { RecordSource } from '../../feed-records/record-source';
import { NetworkService } from '../../services/network-service.entity';
import { Supplier } from '../../suppliers/supplier.entity';
import { Dispute } from '../dispute.entity';
import { InvoiceLine } from '../invoice-line.entity';
import { Invoice } from '../invoice.entity';
import { ReconciliationFinding } from '../reconciliation.entity';
import { CreditEntryState, CreditLedgerEntry, CreditReceipt, SlaMonthSnapshot } from './credit-ledger.entity';
import { CreditLedgerFilter, ReviseSlaMonthInput, WaiveCreditsInput } from './credit-ledger.input';
import { claimedOf, CreditLedgerService, entryState } from './credit-ledger.service';
import {
  CreditLedgerEntryConnection,
  CreditLedgerMonthType,
  CreditLedgerType,
  SupplierCreditsOutstandingType,
} from './credit-ledger.types';

@Resolver(() => CreditLedgerType)
export class CreditLedgerResolver {
  constructor(private readonly ledger: CreditLedgerService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => CreditLedgerType, {
    description:
      "The credit ledger of the viewer's contracts: what suppliers owe, claimed, received, waived and still outstanding, per month and " +
      'entry by entry. Months past their grace period are closed first.',
  })
  creditLedger(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CreditLedgerFilter, { nullable: true }) filter?: CreditLedgerFilter | null,
  ) {
    return this.ledger.ledger(ctx, {
      contractId: optionalIdOf(filter?.contractId, Contract.typename, 'filter.contractId'),
      supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
      state: filter?.state ?? undefined,
    });
  }

  @FieldResolver(() => CreditLedgerEntryConnection, { description: 'The entries, oldest month first.' })
  entries(@Root() ledger: CreditLedgerType, @Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return this.ledger.entriesPage(ctx, ledger, page);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [SupplierCreditsOutstandingType], {
    description: "Credits outstanding across all the viewer's suppliers, largest first, each month by month.",
  })
  creditsOutstanding(@Ctx() ctx: RequestContext) {
    return this.ledger.outstandingBySupplier(ctx);
  }

  @Authorized(READ_INVENTORY)
  @Query(() => SlaMonthSnapshot, {
    description:
      "A contract's month as frozen when it closed (or a later revision). A month not yet closed is CONFLICT (reason MONTH_OPEN): its " +
      'figures are provisional (slaReport).',
  })
  slaMonthSnapshot(
    @Ctx() ctx: RequestContext,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('period', { description: '"YYYY-MM"' }) period: string,
    @Arg('revision', () => Int, { nullable: true, description: 'Default: the latest.' }) revision?: number | null,
  ) {
    return this.ledger.snapshot(ctx, idOf(contractId, Contract.typename, 'contractId'), period, revision ?? undefined);
  }

  @Authorized(RECONCILE_INVOICES)
  @Mutation(() => [CreditLedgerEntry], {
    description: 'Gives up what is outstanding of final credits, with a reason: recorded on each entry, with who and when, and audited.',
  })
  waiveCredits(@Ctx() ctx: RequestContext, @Arg('input') input: WaiveCreditsInput) {
    return this.ledger.waive(
      ctx,
      input.entryIds.map((id, i) => idOf(id, CreditLedgerEntry.typename, `input.entryIds.${i}`)),
      input.reason,
    );
  }

  @Authorized(RECONCILE_INVOICES)
  @Mutation(() => SlaMonthSnapshot, {
    description:
      'Recomputes a closed month from the feeds as they now stand. Unchanged, the latest revision comes back; changed, a new revision lists ' +
      'the differences, and credits already claimed keep their figure (the new one is their revisedOwed).',
  })
  reviseSlaMonth(@Ctx() ctx: RequestContext, @Arg('input') input: ReviseSlaMonthInput) {
    return this.ledger.revise(ctx, idOf(input.contractId, Contract.typename, 'input.contractId'), input.period);
  }
}

@Resolver(() => SupplierCreditsOutstandingType)
export class SupplierCreditsOutstandingResolver {
  @FieldResolver(() => Supplier)
  supplier(@Root() row: SupplierCreditsOutstandingType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(row.supplierId);
  }
}

@Resolver(() => CreditLedgerMonthType)
export class CreditLedgerMonthResolver {
  @FieldResolver(() => Supplier)
  supplier(@Root() month: CreditLedgerMonthType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(month.supplierId);
  }
}

@Resolver(() => CreditLedgerEntry)
export class CreditLedgerEntryResolver {
  constructor(private readonly ledger: CreditLedgerService) {}

  @FieldResolver(() => CreditEntryState)
  state(@Root() entry: CreditLedgerEntry) {
    return entryState(entry);
  }

  @FieldResolver(() => MoneyScalar, { description: 'Owed less received and waived.' })
  outstanding(@Root() entry: CreditLedgerEntry) {
    return entry.outstanding;
  }

  @FieldResolver(() => MoneyScalar, {
    description: "What of it is on an invoice's findings or in a dispute (owed less waived, once claimed).",
  })
  claimed(@Root() entry: CreditLedgerEntry) {
    return claimedOf(entry);
  }

  @FieldResolver(() => Contract)
  contract(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contract).load(entry.contractId);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Supplier).load(entry.supplierId);
  }

  @FieldResolver(() => NetworkService, { nullable: true })
  service(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return entry.serviceId === null ? null : ctx.loaders.byId(NetworkService).load(entry.serviceId);
  }

  @FieldResolver(() => Incident, {
    nullable: true,
    description: 'INCIDENT_RESOLUTION: the incident whose breach earned the credit (its source names the feed run and row).',
  })
  incident(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return entry.incidentId === null ? null : ctx.loaders.byId(Incident).load(entry.incidentId);
  }

  @FieldResolver(() => [RecordSource], {
    description:
      'The feed rows behind the credit: for a resolution breach, the row that last changed the incident; for availability, the performance ' +
      "runs that delivered the service's samples in the month (first and last rows, and the time they cover).",
  })
  sources(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext): Promise<RecordSource[]> {
    return this.ledger.sourcesOf(ctx, entry);
  }

  @FieldResolver(() => SlaMonthSnapshot, {
    nullable: true,
    description: 'The frozen month the figure is final in (null while provisional).',
  })
  snapshot(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return entry.snapshotId === null ? null : ctx.loaders.byId(SlaMonthSnapshot).load(entry.snapshotId);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'The invoice whose reconciliation reported it missing.' })
  claimedOnInvoice(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return entry.claimedInvoiceId === null ? null : ctx.loaders.byId(Invoice).load(entry.claimedInvoiceId);
  }

  @FieldResolver(() => ReconciliationFinding, { nullable: true })
  claimedByFinding(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return entry.claimedFindingId === null ? null : ctx.loaders.byId(ReconciliationFinding).load(entry.claimedFindingId);
  }

  @FieldResolver(() => Dispute, { nullable: true, description: 'The dispute that claimed it from the supplier.' })
  claimedByDispute(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return entry.claimedDisputeId === null ? null : ctx.loaders.byId(Dispute).load(entry.claimedDisputeId);
  }

  @FieldResolver(() => [CreditReceipt], { description: 'The credit lines matched to it.' })
  receipts(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(CreditReceipt, 'entryId').load(entry.id);
  }
}

@Resolver(() => CreditReceipt)
export class CreditReceiptResolver {
  @FieldResolver(() => InvoiceLine, { description: 'The credit line, on its invoice.' })
  line(@Root() receipt: CreditReceipt, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(InvoiceLine).load(receipt.invoiceLineId);
  }

  @FieldResolver(() => Invoice)
  invoice(@Root() receipt: CreditReceipt, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Invoice).load(receipt.invoiceId);
  }
}

@Resolver(() => SlaMonthSnapshot)
export class SlaMonthSnapshotResolver {
  constructor(private readonly ledger: CreditLedgerService) {}

  @FieldResolver(() => String, { description: 'The month as frozen: canonical JSON (keys sorted, no spaces), whose SHA-256 is sha256.' })
  content(@Root() snapshot: SlaMonthSnapshot, @Ctx() ctx: RequestContext) {
    return this.ledger.snapshotContent(ctx, snapshot.id);
  }

  @FieldResolver(() => Contract)
  contract(@Root() snapshot: SlaMonthSnapshot, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contract).load(snapshot.contractId);
  }
}
