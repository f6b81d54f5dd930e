import { Field, Int, ObjectType } from 'type-graphql';
import type { Pence } from '../../common/money';
import { ConnectionType } from '../../graphql-types/connection';
import { MoneyScalar } from '../../graphql-types/scalars';
import { CreditLedgerEntry } from './credit-ledger.entity';

/** What the credit-ledger API answers with (credit-ledger.resolver.ts): the ledger, its months and totals, credits outstanding. */

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
