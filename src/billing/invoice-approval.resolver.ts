import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { APPROVE_INVOICES, MANAGE_BILLING_POLICY, READ_INVENTORY, RECONCILE_INVOICES } from '../auth/roles';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { MoneyScalar } from '../graphql-types/scalars';
import { Organisation } from '../organisations/organisation.entity';
import { BillingSummaryService } from './billing-summary.service';
import { InvoiceApproval, InvoiceStatusChange } from './invoice-approval.entity';
import { ApproveInvoiceInput, BillingPolicyInput, RecordPaymentInput } from './invoice-approval.input';
import { InvoiceApprovalService } from './invoice-approval.service';
import { BillingSummaryType, EffectiveBillingPolicyType, PaymentExportType } from './invoice-approval.types';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { PaymentExportService } from './payment-export.service';

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
  exportPayments(
    @Ctx() ctx: RequestContext,
    @Arg('period') period: string,
    @Arg('organisationId', () => ID, { nullable: true, description: "One organisation; all in scope (a CSU's trusts too) when omitted." })
    organisationId?: string,
  ) {
    return this.exports.exportWithInvoices(ctx, period, optionalIdOf(organisationId, Organisation.typename, 'organisationId'));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => BillingSummaryType)
  billingSummary(
    @Ctx() ctx: RequestContext,
    @Arg('period') period: string,
    @Arg('organisationId', () => ID, { nullable: true, description: "One organisation; all in scope (a CSU's trusts too) when omitted." })
    organisationId?: string,
  ) {
    return this.summaries.summaryWithParties(ctx, period, optionalIdOf(organisationId, Organisation.typename, 'organisationId'));
  }

  @Authorized(READ_INVENTORY)
  @Query(() => EffectiveBillingPolicyType)
  billingPolicy(@Ctx() ctx: RequestContext, @Arg('organisationId', () => ID) organisationId: string) {
    return this.approvalService.effectivePolicy(ctx, idOf(organisationId, Organisation.typename, 'organisationId'));
  }

  @Authorized(MANAGE_BILLING_POLICY)
  @Mutation(() => EffectiveBillingPolicyType, {
    description: "Sets the organisation's second-approval threshold, and its cost centre when one is given.",
  })
  setBillingPolicy(
    @Ctx() ctx: RequestContext,
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('input', () => BillingPolicyInput) input: BillingPolicyInput,
  ) {
    return this.approvalService.setEffectivePolicy(ctx, idOf(organisationId, Organisation.typename, 'organisationId'), input);
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
    return this.approvalService.withheldFrom(ctx, invoice.id);
  }

  @FieldResolver(() => InvoiceStatus, { nullable: true, description: 'For an invoice ON_HOLD, the status it was put on hold from.' })
  heldFrom(@Root() invoice: Invoice) {
    return invoice.heldFrom;
  }
}
