import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { READ_INVENTORY, RECONCILE_INVOICES } from '../../auth/roles';
import type { Pence } from '../../common/money';
import { Contract } from '../../contracts/contract.entity';
import { ConnectionType, PageArgs } from '../../graphql-types/connection';
import { paginateList } from '../../request/paging';
import type { RequestContext } from '../../request/context';
import { idOf, optionalIdOf } from '../../common/global-id';
import { MoneyScalar } from '../../graphql-types/scalars';
import { Incident } from '../../incidents/incident.entity';
import { RecordSource, rowSource } from '../../feed-records/record-source';
import { monthOf, PERIOD_PATTERN } from '../../common/calendar';
import { downtimeSources } from '../../sla/downtime-sources';
import { NetworkService } from '../../services/network-service.entity';
import { Supplier } from '../../suppliers/supplier.entity';
import { Dispute } from '../dispute.entity';
import { InvoiceLine } from '../invoice-line.entity';
import { Invoice } from '../invoice.entity';
import { ReconciliationFinding } from '../reconciliation.entity';
import { CreditEntryState, CreditLedgerEntry, CreditReceipt, SlaMonthSnapshot } from './credit-ledger.entity';
import { claimedOf, CreditLedgerService, entryState, type LedgerMonthTotals } from './credit-ledger.service';
import { snapshotContent } from './month-close';

export const CreditLedgerEntryConnection = ConnectionType(CreditLedgerEntry, 'CreditLedgerEntry');

@ObjectType('CreditLedgerMonth', { description: "One supplier's credits for one month, added up (net of VAT)." })
export class CreditLedgerMonthType {
  @Field({ description: '"YYYY-MM".' }) period!: string;
  supplierId!: number;
  @Field({ description: 'False while the month is open: its figures are provisional.' }) final!: boolean;
  @Field(() => MoneyScalar) owed!: Pence;
  @Field(() => MoneyScalar, { description: "On an invoice's findings or in a dispute." }) claimed!: Pence;
  @Field(() => MoneyScalar) received!: Pence;
  @Field(() => MoneyScalar) waived!: Pence;
  @Field(() => MoneyScalar) outstanding!: Pence;
  @Field(() => Int) entries!: number;
}

@ObjectType('CreditLedgerTotals')
export class CreditLedgerTotalsType {
  @Field(() => MoneyScalar) owed!: Pence;
  @Field(() => MoneyScalar) claimed!: Pence;
  @Field(() => MoneyScalar) received!: Pence;
  @Field(() => MoneyScalar) waived!: Pence;
  @Field(() => MoneyScalar, { description: 'Final credits not yet received or waived.' }) outstanding!: Pence;
  @Field(() => MoneyScalar, { description: 'Credits of months still open (not in the figures above).' }) provisional!: Pence;
}

@ObjectType('CreditLedger', { description: 'Credits owed by suppliers: per month, and entry by entry.' })
export class CreditLedgerType {
  @Field(() => [CreditLedgerMonthType], { description: 'Per supplier and month, oldest first.' }) months!: CreditLedgerMonthType[];
  @Field(() => CreditLedgerTotalsType) totals!: CreditLedgerTotalsType;
  all!: CreditLedgerEntry[];
}

@ObjectType('SupplierCreditsOutstanding', { description: 'What one supplier still owes in credits, month by month.' })
export class SupplierCreditsOutstandingType {
  supplierId!: number;
  @Field(() => MoneyScalar) outstanding!: Pence;
  @Field(() => MoneyScalar, { description: "Of which on an invoice's findings or in a dispute." }) claimed!: Pence;
  @Field(() => [CreditLedgerMonthType], { description: 'Months with something outstanding, oldest first.' })
  months!: CreditLedgerMonthType[];
}

@InputType()
export class CreditLedgerFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() contractId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() supplierId?: string;
  @Field({ nullable: true, description: 'First month, "YYYY-MM".' }) @IsOptional() from?: string;
  @Field({ nullable: true, description: 'Last month, "YYYY-MM".' }) @IsOptional() to?: string;
  @Field(() => [CreditEntryState], { nullable: true }) @IsOptional() @ArrayMaxSize(10) state?: CreditEntryState[];
}

@InputType()
export class WaiveCreditsInput {
  @Field(() => [ID]) @ArrayMaxSize(1000) entryIds!: string[];
  @Field({ description: 'Why the organisation gives these credits up: kept on each entry and in the audit trail.' })
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class ReviseSlaMonthInput {
  @Field(() => ID) contractId!: string;
  @Field({ description: '"YYYY-MM"' }) @Matches(PERIOD_PATTERN, { message: 'period: a month, "YYYY-MM"' }) period!: string;
}

const keyOf = (entry: CreditLedgerEntry) =>
  `${entry.period}|${String(entry.contractId).padStart(10, '0')}|${String(entry.id).padStart(10, '0')}`;

@Resolver(() => CreditLedgerType)
export class CreditLedgerResolver {
  constructor(private readonly ledger: CreditLedgerService) {}

  @Authorized(READ_INVENTORY)
  @Query(() => CreditLedgerType, {
    description:
      "The credit ledger of the viewer's contracts: what suppliers owe, claimed, received, waived and still outstanding, per month and " +
      'entry by entry. Months past their grace period are closed first.',
  })
  async creditLedger(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CreditLedgerFilter, { nullable: true }) filter?: CreditLedgerFilter | null,
  ) {
    const all = await this.ledger.entries(ctx, {
      contractId: optionalIdOf(filter?.contractId, Contract.typename, 'filter.contractId'),
      supplierId: optionalIdOf(filter?.supplierId, Supplier.typename, 'filter.supplierId'),
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
      state: filter?.state ?? undefined,
    });
    const months = this.ledger.totals(all);
    const final = months.filter((m) => m.final);
    const sum = (pick: (m: LedgerMonthTotals) => Pence, of = final) => of.reduce((total, m) => total + pick(m), 0n);
    return Object.assign(new CreditLedgerType(), {
      all,
      months: months.map((m) => Object.assign(new CreditLedgerMonthType(), m)),
      totals: {
        owed: sum((m) => m.owed),
        claimed: sum((m) => m.claimed),
        received: sum((m) => m.received),
        waived: sum((m) => m.waived),
        outstanding: sum((m) => m.outstanding),
        provisional: sum(
          (m) => m.owed,
          months.filter((m) => !m.final),
        ),
      },
    });
  }

  @FieldResolver(() => CreditLedgerEntryConnection, { description: 'The entries, oldest month first.' })
  entries(@Root() ledger: CreditLedgerType, @Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return paginateList(ledger.all, keyOf, page, { maxPageSize: ctx.config.graphql.maxPageSize });
  }

  @Authorized(READ_INVENTORY)
  @Query(() => [SupplierCreditsOutstandingType], {
    description: "Credits outstanding across all the viewer's suppliers, largest first, each month by month.",
  })
  async creditsOutstanding(@Ctx() ctx: RequestContext) {
    const entries = (await this.ledger.entries(ctx, {})).filter((entry) => entry.final && entry.outstanding > 0n);
    const bySupplier = new Map<number, SupplierCreditsOutstandingType>();
    const supplierOf = (supplierId: number) => {
      const found =
        bySupplier.get(supplierId) ??
        Object.assign(new SupplierCreditsOutstandingType(), { supplierId, outstanding: 0n, claimed: 0n, months: [] });
      bySupplier.set(supplierId, found);
      return found;
    };
    for (const entry of entries) {
      const supplier = supplierOf(entry.supplierId);
      supplier.outstanding += entry.outstanding;
      // what of the outstanding is already asked for: the whole of a claimed entry's, none of an unclaimed one's
      if (claimedOf(entry) > 0n) supplier.claimed += entry.outstanding;
    }
    for (const month of this.ledger.totals(entries))
      supplierOf(month.supplierId).months.push(Object.assign(new CreditLedgerMonthType(), month));
    return [...bySupplier.values()].sort((a, b) =>
      a.outstanding === b.outstanding ? a.supplierId - b.supplierId : a.outstanding > b.outstanding ? -1 : 1,
    );
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
  async sources(@Root() entry: CreditLedgerEntry, @Ctx() ctx: RequestContext): Promise<RecordSource[]> {
    if (entry.incidentId !== null) {
      const incident = await ctx.loaders.byId(Incident).load(entry.incidentId);
      return incident?.lastFeedRunId ? [rowSource(incident.lastFeedRunId, incident.lastFeedLocation)] : [];
    }
    if (entry.serviceId === null) return [];
    const month = monthOf(entry.period);
    return downtimeSources(ctx).load({ serviceId: entry.serviceId, start: new Date(month.start), end: new Date(month.end) });
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
  @FieldResolver(() => String, { description: 'The month as frozen: canonical JSON (keys sorted, no spaces), whose SHA-256 is sha256.' })
  content(@Root() snapshot: SlaMonthSnapshot, @Ctx() ctx: RequestContext) {
    return snapshotContent(ctx, snapshot.id);
  }

  @FieldResolver(() => Contract)
  contract(@Root() snapshot: SlaMonthSnapshot, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Contract).load(snapshot.contractId);
  }
}
