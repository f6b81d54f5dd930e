import { ArrayMaxSize, IsOptional, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { Pence } from '../common/money';
import { Clearable } from '../graphql-types/clearable';
import { OrderDirection } from '../graphql-types/ordering';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { ContractDocumentKind } from './contract-document.entity';
import { ContractStatus, DEFAULT_DISPUTE_WINDOW_DAYS, ProcurementRoute, ServiceHours, ServiceWrap } from './contract.entity';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/;
const REFERENCE_MESSAGE = 'reference must start with a letter or digit and use only letters, digits, spaces and . _ / -';

export enum ContractSortField {
  REFERENCE = 'REFERENCE',
  START_DATE = 'START_DATE',
  END_DATE = 'END_DATE',
  NOTICE_DATE = 'NOTICE_DATE',
}
registerEnumType(ContractSortField, { name: 'ContractSortField' });

@InputType()
export class ContractOrder {
  @Field(() => ContractSortField)
  field!: ContractSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@InputType()
export class ContractFilter {
  @Field(() => [ContractStatus], { nullable: true })
  @ArrayMaxSize(10)
  status?: ContractStatus[];

  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => ID, { nullable: true, description: 'One of the organisations the viewer can see.' })
  organisationId?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only contracts whose current term ends on or before this date.' })
  endingOnOrBefore?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on reference or title.' })
  @MaxLength(100)
  search?: string;
}

@InputType()
export class ContractDocumentInput {
  @Field()
  @Length(1, 200)
  title!: string;

  @Field(() => ContractDocumentKind, { defaultValue: ContractDocumentKind.OTHER })
  kind!: ContractDocumentKind;

  @Field({ description: "https link to the document in the organisation's document store." })
  @MaxLength(2000)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false }, { message: 'url must be an https:// link' })
  url!: string;
}

@InputType()
export class CreateContractInput {
  @Field(() => ID, { nullable: true, description: "The contracting organisation; defaults to the viewer's own." })
  organisationId?: string;

  @Field(() => ID)
  supplierId!: string;

  @Field()
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  reference!: string;

  @Field()
  @Length(1, 200)
  title!: string;

  @Field(() => ProcurementRoute)
  procurementRoute!: ProcurementRoute;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(200)
  procurementVehicle?: string | null;

  @Field(() => ContractStatus, { defaultValue: ContractStatus.DRAFT, description: 'DRAFT or ACTIVE.' })
  status!: ContractStatus;

  @Field(() => LocalDateScalar)
  startDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to the day before startDate + initialTermMonths.' })
  endDate?: string;

  @Field(() => Int)
  @Min(1)
  @Max(240)
  initialTermMonths!: number;

  @Field(() => Int, { nullable: true })
  @Clearable()
  @IsOptional()
  @Min(1)
  @Max(120)
  renewalTermMonths?: number | null;

  @Field(() => Int)
  @Min(0)
  @Max(730)
  noticePeriodDays!: number;

  @Field(() => ServiceWrap)
  serviceWrap!: ServiceWrap;

  @Field(() => ServiceHours)
  serviceHours!: ServiceHours;

  @Field(() => String, { nullable: true, description: 'Business-hours calendar; defaults to the England and Wales calendar.' })
  @Clearable()
  @IsOptional()
  @MaxLength(100)
  serviceHoursCalendar?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  @Clearable()
  totalContractValue?: Pence | null;

  @Field(() => Int, {
    nullable: true,
    description: `Days after an invoice's date within which it may be disputed (default ${DEFAULT_DISPUTE_WINDOW_DAYS}).`,
  })
  @IsOptional()
  @Min(1)
  @Max(730)
  disputeWindowDays?: number;

  @Field(() => [ContractDocumentInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  documents?: ContractDocumentInput[];
}

@InputType()
export class UpdateContractInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  reference?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @Field(() => ProcurementRoute, { nullable: true })
  procurementRoute?: ProcurementRoute;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(200)
  procurementVehicle?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  startDate?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When omitted and the start or term changes, it is derived again.' })
  endDate?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(240)
  initialTermMonths?: number;

  @Field(() => Int, { nullable: true })
  @Clearable()
  @IsOptional()
  @Min(1)
  @Max(120)
  renewalTermMonths?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(730)
  noticePeriodDays?: number;

  @Field(() => ServiceWrap, { nullable: true })
  serviceWrap?: ServiceWrap;

  @Field(() => ServiceHours, { nullable: true })
  serviceHours?: ServiceHours;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(100)
  serviceHoursCalendar?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  @Clearable()
  totalContractValue?: Pence | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(730)
  disputeWindowDays?: number;
}

@InputType()
export class SetContractStatusInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ContractStatus)
  status!: ContractStatus;

  @Field({ description: 'Why the status changed, e.g. "notice served by letter 3 March".' })
  @Length(1, 1000)
  reason!: string;
}
