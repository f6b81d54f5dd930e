import { ArrayMaxSize, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { Pence } from '../common/money';
import { Clearable } from '../graphql-types/clearable';
import { OrderDirection } from '../graphql-types/ordering';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { Resilience, ServiceStatus, ServiceType } from './network-service.entity';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ._/:-]*$/;
const REFERENCE_MESSAGE = 'reference must start with a letter or digit and use only letters, digits, spaces and . _ / : -';

export enum ServiceSortField {
  REFERENCE = 'REFERENCE',
  MONTHLY_CHARGE = 'MONTHLY_CHARGE',
  BANDWIDTH = 'BANDWIDTH',
}
registerEnumType(ServiceSortField, { name: 'ServiceSortField' });

@InputType()
export class ServiceOrder {
  @Field(() => ServiceSortField)
  field!: ServiceSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@InputType()
export class ServiceFilter {
  @Field(() => ID, { nullable: true })
  contractId?: string;

  @Field(() => ID, { nullable: true })
  siteId?: string;

  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => [ServiceStatus], { nullable: true })
  @ArrayMaxSize(10)
  status?: ServiceStatus[];

  @Field(() => [ServiceType], { nullable: true })
  @ArrayMaxSize(10)
  type?: ServiceType[];

  @Field(() => Resilience, { nullable: true })
  resilience?: Resilience;

  @Field({ nullable: true, description: "Case-insensitive match on the supplier's reference." })
  @MaxLength(100)
  search?: string;
}

@InputType()
export class CreateServiceInput {
  @Field(() => ID)
  contractId!: string;

  @Field(() => ID, { description: "A site of the contract's organisation." })
  siteId!: string;

  @Field({ description: "The supplier's reference (circuit id); unique per supplier." })
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  reference!: string;

  @Field(() => ServiceType)
  type!: ServiceType;

  @Field(() => Int)
  @Min(1)
  @Max(100_000)
  bandwidthMbps!: number;

  @Field(() => Resilience)
  resilience!: Resilience;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(64)
  qosProfile?: string | null;

  @Field(() => ServiceStatus, { defaultValue: ServiceStatus.ORDERED, description: 'ORDERED, or ACTIVE with an installDate.' })
  status!: ServiceStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'For an ACTIVE service; an ORDERED one has none yet.' })
  @Clearable()
  installDate?: string | null;

  @Field(() => MoneyScalar)
  monthlyCharge!: Pence;

  @Field(() => MoneyScalar, { nullable: true, description: 'Defaults to 0.00.' })
  oneOffCharge?: Pence;
}

@InputType()
export class UpdateServiceInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Move the service record to another site of the same organisation.' })
  siteId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  reference?: string;

  @Field(() => ServiceType, { nullable: true })
  type?: ServiceType;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(100_000)
  bandwidthMbps?: number;

  @Field(() => Resilience, { nullable: true })
  resilience?: Resilience;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(64)
  qosProfile?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Correct the install date of an installed service.' })
  installDate?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Correct the cease date of a ceasing or ceased service.' })
  ceaseDate?: string;

  @Field(() => MoneyScalar, { nullable: true })
  monthlyCharge?: Pence;

  @Field(() => MoneyScalar, { nullable: true })
  oneOffCharge?: Pence;
}

@InputType()
export class SetServiceStatusInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ServiceStatus)
  status!: ServiceStatus;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'ACTIVE from ORDERED: the install date. CEASE_REQUESTED: the requested cease date. CEASED: the cease date.',
  })
  effectiveDate?: string;
}
