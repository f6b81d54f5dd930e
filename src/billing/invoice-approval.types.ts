import { Field, Int, ObjectType } from 'type-graphql';
import type { Pence } from '../common/money';
import { MoneyScalar } from '../graphql-types/scalars';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { Invoice } from './invoice.entity';

/** What the invoice-approval API answers with (invoice-approval.resolver.ts): billing policies, the payment export, the billing summary. */

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
export class SpendBySupplierType {
  @Field(() => Supplier) supplier!: Supplier;
  @Field(() => Int) invoiceCount!: number;
  @Field(() => MoneyScalar) net!: Pence;
  @Field(() => MoneyScalar) gross!: Pence;
}

@ObjectType('SpendByServiceType')
export class SpendByServiceTypeType {
  @Field({ description: 'The service type, or UNMATCHED for charges on references we do not hold.' }) serviceType!: string;
  @Field(() => MoneyScalar) net!: Pence;
}

@ObjectType('SpendByOrganisation', { description: 'Costs allocated to the organisation that owns the services.' })
export class SpendByOrganisationType {
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
