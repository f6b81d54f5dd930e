import { IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { Pence } from '../common/money';
import { Clearable } from '../graphql-types/clearable';
import { LocalDateScalar, MoneyScalar } from '../graphql-types/scalars';
import { Resilience, ServiceType } from '../services/network-service.entity';
import { OrderStatus, OrderType } from './order.entity';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ._/:-]*$/;
const REFERENCE_MESSAGE = 'a reference starts with a letter or digit and uses only letters, digits, spaces and . _ / : -';

@InputType({ description: 'What an order asks for. Which fields apply depends on its type (see docs/ORDERS.md).' })
export class CreateOrderInput {
  @Field(() => OrderType) type!: OrderType;

  @Field(() => ID, {
    nullable: true,
    description:
      "NEW_SERVICE/ADD of a service not yet in the inventory: the contract it is ordered under. Otherwise the service's contract.",
  })
  @Clearable()
  contractId?: string | null;

  @Field(() => ID, { nullable: true, description: 'NEW_SERVICE/ADD: the site; MOVE: the site the service moves to.' })
  @Clearable()
  siteId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'MOVE, CHANGE, CEASE: the service. NEW_SERVICE/ADD: an ORDERED service already in the inventory, if any.',
  })
  @Clearable()
  serviceId?: string | null;

  @Field(() => LocalDateScalar) requestedDate!: string;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  supplierOrderReference?: string | null;

  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(2000) description?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'One-off charge quoted, excluding VAT; defaults to 0.00.' })
  oneOffCharge?: Pence;

  @Field(() => String, { nullable: true, description: "NEW_SERVICE/ADD: the supplier's reference for the new service, if known yet." })
  @Clearable()
  @IsOptional()
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  serviceReference?: string | null;

  @Field(() => ServiceType, { nullable: true }) @Clearable() serviceType?: ServiceType | null;
  @Field(() => Resilience, { nullable: true }) @Clearable() resilience?: Resilience | null;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(64) qosProfile?: string | null;

  @Field(() => Int, { nullable: true, description: 'NEW_SERVICE/ADD: the bandwidth; CHANGE: the new bandwidth.' })
  @Clearable()
  @IsOptional()
  @Min(1)
  @Max(100_000)
  bandwidthMbps?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'NEW_SERVICE/ADD: the monthly charge; CHANGE: the new monthly charge.' })
  @Clearable()
  monthlyCharge?: Pence | null;
}

@InputType()
export class MoveOrderInput {
  @Field(() => ID) id!: string;
  @Field(() => OrderStatus, {
    description: 'SUBMITTED, ACKNOWLEDGED, IN_PROGRESS, HELD, REJECTED or CANCELLED; COMPLETED is completeOrder.',
  })
  status!: OrderStatus;
  @Field() @Length(1, 1000) reason!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it happened; defaults to today, never in the future.' })
  on?: string;
  @Field(() => String, { nullable: true, description: "The supplier's order reference, typically given on acknowledgement." })
  @IsOptional()
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  supplierOrderReference?: string | null;
}

@InputType()
export class CompleteOrderInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar, { description: 'The day the supplier completed it: the effective date of the change to the inventory.' })
  completedOn!: string;
  @Field(() => String, { nullable: true, description: "NEW_SERVICE/ADD: the new service's reference, if the order does not hold it yet." })
  @Clearable()
  @IsOptional()
  @Length(1, 64)
  @Matches(REFERENCE, { message: REFERENCE_MESSAGE })
  serviceReference?: string | null;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @Length(1, 1000) reason?: string | null;
}

@InputType()
export class SetOrderCommittedDateInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar) committedDate!: string;
  @Field(() => String, { nullable: true, description: 'Why it moved, when it is not the first commitment.' })
  @Clearable()
  @IsOptional()
  @Length(1, 1000)
  reason?: string | null;
}

@InputType()
export class OrderFilter {
  @Field(() => ID, { nullable: true }) supplierId?: string;
  @Field(() => ID, { nullable: true }) contractId?: string;
  @Field(() => ID, { nullable: true }) siteId?: string;
  @Field(() => ID, { nullable: true }) serviceId?: string;
  @Field(() => [OrderStatus], { nullable: true }) status?: OrderStatus[];
  @Field(() => [OrderType], { nullable: true }) type?: OrderType[];
}

@InputType()
export class LinkReplacementInput {
  @Field(() => ID, { description: 'The TN-SP (legacy, continuing) service.' }) legacyServiceId!: string;
  @Field(() => ID, { description: 'The HSCN service that replaces it.' }) replacementServiceId!: string;
}
