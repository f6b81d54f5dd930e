import DataLoader from 'dataloader';
import { IsOptional, Length } from 'class-validator';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { APPROVE_INVOICES, MANAGE_BILLING_POLICY, READ_INVENTORY, RECONCILE_INVOICES } from '../auth/roles';
import { assertInScope } from '../auth/tenancy';
import type { Pence } from '../common/money';
import type { RequestContext } from '../request/context';
import { Clearable } from '../graphql-types/clearable';
import { idOf, optionalIdOf } from '../common/global-id';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { BillingSummaryService } from './billing-summary.service';
import { InvoiceApproval, InvoiceStatusChange } from './invoice-approval.entity';
import { InvoiceApprovalService } from './invoice-approval.service';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { PaymentExportService } from './payment-export.service';

@InputType()
export class ApproveInvoiceInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @Length(1, 1000) note?: string | null;
  @Field({ defaultValue: false, description: 'Pay overcharge findings nobody disputed, having read them.' })
  acceptUndisputedFindings!: boolean;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar) paidOn!: string;
  @Field(() => MoneyScalar, { description: 'Gross; must be the approved amount.' }) amount!: Pence;
  @Field({ description: "The accounts-payable system's payment reference." }) @Length(1, 64) reference!: string;
}

@InputType()
export class BillingPolicyInput {
  @Field(() => MoneyScalar, { description: 'An approval of more than this (gross) needs a second approver.' }) secondApprovalAbove!: Pence;
  @Field(() => String, { nullable: true, description: 'Left out, the cost centre stays as it is.' })
  @Clearable()
  @IsOptional()
  @Length(1, 40)
  costCentre?: string | null;
}

@ObjectType('EffectiveBillingPolicy')
export class EffectiveBillingPolicyType {
  @Field(() => Organisation) organisation!: Organisation;
  @Field(() => MoneyScalar) secondApprovalAbove!: Pence;
  @Field(() => String, { nullable: true }) costCentre!: string | null;
  @Field({ description: 'False while the configured default applies.' }) custom!: boolean;
}

@ObjectType('PaymentExportRow')
export class PaymentExportRowType {
  @Field(() => Invoice) invoice!: Invoice;
  @Field() supplierName!: string;
  @Field() organisationOdsCode!: string;
  @Field() costCentre!: string;
  @Field(() => MoneyScalar) approvedAmount!: Pence;
  @Field(() => MoneyScalar) vat!: Pence;
  @Field(() => MoneyScalar) net!: Pence;
}

@ObjectType('PaymentExport')
export class PaymentExportType {
  @Field() period!: string;
  @Field(() => [PaymentExportRowType]) rows!: PaymentExportRowType[];
  @Field(() => MoneyScalar) totalApproved!: Pence;
  @Field(() => MoneyScalar) totalVat!: Pence;
  @Field({ description: 'CSV for the accounts-payable system: a header row, then one row per invoice, CRLF line ends.' }) csv!: string;
}

@ObjectType('SpendBySupplier')
class SpendBySupplierType {
  @Field(() => Supplier) supplier!: Supplier;
  @Field(() => Int) invoiceCount!: number;
  @Field(() => MoneyScalar) net!: Pence;
  @Field(() => MoneyScalar) gross!: Pence;
}

@ObjectType('SpendByServiceType')
class SpendByServiceTypeType {
  @Field({ description: 'The service type, or UNMATCHED for charges on references we do not hold.' }) serviceType!: string;
  @Field(() => MoneyScalar) net!: Pence;
}

@ObjectType('SpendByOrganisation', { description: 'Costs allocated to the organisation that owns the services.' })
class SpendByOrganisationType {
  @Field(() => Organisation) organisation!: Organisation;
  @Field(() => Int) invoiceCount!: number;
  @Field(() => MoneyScalar) gross!: Pence;
  @Field(() => MoneyScalar) approved!: Pence;
}

@ObjectType('BillingSummary', {
  description: "A month's billing: invoices whose billing period starts in the month. Gross unless named net.",
})
export class BillingSummaryType {
  @Field() period!: string;
  @Field(() => Int) invoiceCount!: number;
  @Field(() => MoneyScalar) net!: Pence;
  @Field(() => MoneyScalar) vat!: Pence;
  @Field(() => MoneyScalar) gross!: Pence;
  @Field(() => [SpendBySupplierType]) bySupplier!: SpendBySupplierType[];
  @Field(() => [SpendByServiceTypeType], { description: 'Net charges (credits excluded) by the type of service charged.' })
  byServiceType!: SpendByServiceTypeType[];
  @Field(() => [SpendByOrganisationType]) byOrganisation!: SpendByOrganisationType[];
  @Field(() => MoneyScalar, { description: 'Overcharges reconciliation found.' }) overchargesFound!: Pence;
  @Field(() => MoneyScalar, { description: 'Disputed amounts sent to suppliers (withdrawn and unsent drafts excluded).' })
  creditsClaimed!: Pence;
  @Field(() => MoneyScalar, { description: 'Credit lines on these invoices: service credits and dispute credits.' })
  creditsReceived!: Pence;
  @Field(() => MoneyScalar, { description: 'The part of creditsReceived matched to upheld disputes.' }) disputeCreditsMatched!: Pence;
  @Field(() => MoneyScalar, { description: 'Kept back from approved invoices for disputes.' }) withheldFromPayment!: Pence;
  @Field(() => MoneyScalar, { description: 'Credits received plus upheld disputed amounts kept back from payment.' })
  moneyRecovered!: Pence;
  @Field(() => MoneyScalar) approved!: Pence;
  @Field(() => MoneyScalar) paid!: Pence;
}

@Resolver(() => Invoice)
export class InvoiceApprovalResolver {
  constructor(
    private readonly approvalService: InvoiceApprovalService,
    private readonly exports: PaymentExportService,
    private readonly summaries: BillingSummaryService,
  ) {}

  @Authorized(APPROVE_INVOICES)
  @Mutation(() => Invoice, {
    description: 'Approves a RECONCILED invoice for payment of its undisputed amount; above the threshold, the first of two approvals.',
  })
  approveInvoice(@Ctx() ctx: RequestContext, @Arg('input', () => ApproveInvoiceInput) input: ApproveInvoiceInput) {
    return this.approvalService.approve(ctx, idOf(input.id, Invoice.typename, 'input.id'), input);
  }

  @Authorized(RECONCILE_INVOICES)
  @Mutation(() => Invoice, { description: 'Stops an invoice from being approved or paid; any approval is voided.' })
  holdInvoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return this.approvalService.hold(ctx, idOf(id, Invoice.typename), reason);
  }

  @Authorized(RECONCILE_INVOICES)
  @Mutation(() => Invoice, { description: 'Takes an invoice off hold, back to RECONCILED (or RECEIVED): it needs approving again.' })
  releaseInvoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return this.approvalService.release(ctx, idOf(id, Invoice.typename), reason);
  }

  @Authorized(APPROVE_INVOICES)
  @Mutation(() => Invoice, { description: "Records the accounts-payable system's confirmation that an approved invoice was paid." })
  recordPayment(@Ctx() ctx: RequestContext, @Arg('input', () => RecordPaymentInput) input: RecordPaymentInput) {
    return this.approvalService.recordPayment(ctx, idOf(input.id, Invoice.typename, 'input.id'), input);
  }

  @Authorized(APPROVE_INVOICES)
  @Query(() => PaymentExportType, { description: 'Invoices approved in the month (London time), for the accounts-payable system.' })
  async exportPayments(
    @Ctx() ctx: RequestContext,
    @Arg('period') period: string,
    @Arg('organisationId', () => ID, { nullable: true, description: "One organisation; all in scope (a CSU's trusts too) when omitted." })
    organisationId?: string,
  ) {
    const result = await this.exports.export(ctx, period, optionalIdOf(organisationId, Organisation.typename, 'organisationId'));
    const invoices = await ctx.loaders.byId(Invoice).loadMany(result.rows.map((row) => row.invoiceId));
    return { ...result, rows: result.rows.map((row, i) => ({ ...row, invoice: invoices[i] })) };
  }

  @Authorized(READ_INVENTORY)
  @Query(() => BillingSummaryType)
  async billingSummary(
    @Ctx() ctx: RequestContext,
    @Arg('period') period: string,
    @Arg('organisationId', () => ID, { nullable: true, description: "One organisation; all in scope (a CSU's trusts too) when omitted." })
    organisationId?: string,
  ) {
    const summary = await this.summaries.summary(ctx, period, optionalIdOf(organisationId, Organisation.typename, 'organisationId'));
    const [suppliers, organisations] = await Promise.all([
      ctx.loaders.byId(Supplier).loadMany(summary.bySupplier.map((s) => s.supplierId)),
      ctx.loaders.byId(Organisation).loadMany(summary.byOrganisation.map((o) => o.organisationId)),
    ]);
    return {
      ...summary,
      bySupplier: summary.bySupplier.map((s, i) => ({ ...s, supplier: suppliers[i] })),
      byOrganisation: summary.byOrganisation.map((o, i) => ({ ...o, organisation: organisations[i] })),
    };
  }

  @Authorized(READ_INVENTORY)
  @Query(() => EffectiveBillingPolicyType)
  async billingPolicy(@Ctx() ctx: RequestContext, @Arg('organisationId', () => ID) organisationId: string) {
    const id = idOf(organisationId, Organisation.typename, 'organisationId');
    assertInScope(ctx, id);
    return { ...(await this.approvalService.policyFor(ctx, id)), organisation: await ctx.loaders.byId(Organisation).load(id) };
  }

  @Authorized(MANAGE_BILLING_POLICY)
  @Mutation(() => EffectiveBillingPolicyType, {
    description: "Sets the organisation's second-approval threshold, and its cost centre when one is given.",
  })
  async setBillingPolicy(
    @Ctx() ctx: RequestContext,
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('input', () => BillingPolicyInput) input: BillingPolicyInput,
  ) {
    const id = idOf(organisationId, Organisation.typename, 'organisationId');
    const policy = await this.approvalService.setPolicy(ctx, id, input);
    return { ...policy, organisation: await ctx.loaders.byId(Organisation).load(id) };
  }

  @FieldResolver(() => [InvoiceStatusChange], { description: 'Every status move and reconciliation run, oldest first.' })
  statusHistory(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(InvoiceStatusChange, 'invoiceId', {}, { id: 'ASC' }).load(invoice.id);
  }

  @FieldResolver(() => [InvoiceApproval], { description: 'Approvals given, voided ones included, oldest first.' })
  approvals(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(InvoiceApproval, 'invoiceId', {}, { id: 'ASC' }).load(invoice.id);
  }

  @FieldResolver(() => MoneyScalar, {
    description: 'Gross amount kept back for disputes not yet settled (open, or upheld and not yet credited).',
  })
  withheldAmount(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .custom(
        'invoice-withheld',
        () =>
          new DataLoader<number, Pence>(async (ids) => {
            const withheld = await this.approvalService.withheld(ctx, [...ids]);
            return ids.map((id) => withheld.get(id) ?? 0n);
          }),
      )
      .load(invoice.id);
  }

  @FieldResolver(() => InvoiceStatus, { nullable: true, description: 'For an invoice ON_HOLD, the status it was put on hold from.' })
  heldFrom(@Root() invoice: Invoice) {
    return invoice.heldFrom;
  }
}
