import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PERIOD_PATTERN } from '../common/calendar';
import { InvoiceKind, InvoiceStatus } from './invoice.entity';

@InputType()
export class InvoiceFilterInput {
  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => [InvoiceStatus], { nullable: true })
  @ArrayMaxSize(5)
  status?: InvoiceStatus[];

  @Field(() => [InvoiceKind], { nullable: true, description: 'Only documents of these kinds: [CREDIT_NOTE] for credit notes alone.' })
  @ArrayMaxSize(2)
  kind?: InvoiceKind[];

  @Field(() => String, {
    nullable: true,
    description:
      "The invoice (or credit note) with this number, case ignored as numbers are held (one per supplier); with supplierId, that supplier's.",
  })
  invoiceNumber?: string | null;

  @Field({ nullable: true, description: 'Invoices whose billing period overlaps this month, "YYYY-MM".' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period must be a month, "YYYY-MM"' })
  period?: string;
}
