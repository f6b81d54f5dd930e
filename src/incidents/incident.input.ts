import { ArrayMaxSize, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { IncidentStatus } from './incident-status';

@InputType()
export class IncidentFilterInput {
  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => ID, { nullable: true })
  serviceId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Incidents on the services of this contract; a contract of another organisation matches none.',
  })
  contractId?: string;

  @Field(() => [IncidentStatus], { nullable: true })
  @ArrayMaxSize(9)
  status?: IncidentStatus[];

  @Field(() => [Int], { nullable: true })
  @ArrayMaxSize(5)
  @Min(1, { each: true })
  @Max(5, { each: true })
  severity?: number[];
}

@InputType({ description: 'An incident as the consumer logs it: the HSCN minimum data set.' })
export class LogIncidentInput {
  @Field(() => ID) serviceId!: string;
  @Field(() => Int, { description: '1 (highest) to 5.' }) severity!: number;
  @Field({ description: 'One line: what is wrong.' }) @Length(1, 2000) summary!: string;
  @Field(() => Date, { description: 'When the incident began.' }) occurredAt!: Date;
  @Field({ description: 'What is affected and how.' }) @Length(1, 2000) impact!: string;
  @Field({ description: 'The effect on patients, staff and services.' }) @Length(1, 2000) customerImpact!: string;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @Length(0, 2000) workaround?: string | null;
  @Field({ description: 'What has already been tried.' }) @Length(1, 2000) stepsTaken!: string;
  @Field(() => ID, { description: 'The Contact the supplier sends updates to (needs an email or phone).' }) updatesContactId!: string;
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(50) relatedIncidentIds?: string[];
  @Field(() => String, { nullable: true, description: "The CN-SP's ticket reference, when already known." })
  @Clearable()
  @IsOptional()
  @Length(1, 64)
  supplierRef?: string | null;
}

@InputType()
export class LinkSupplierTicketInput {
  @Field(() => ID) incidentId!: string;
  @Field() @Length(1, 64) supplierRef!: string;
}

@InputType()
export class ServiceCoordinatorNotificationInput {
  @Field(() => ID) incidentId!: string;
  @Field({ description: 'Whether the CN-SP notified the Service Co-ordinator.' }) notified!: boolean;
  @Field(() => Date, { nullable: true, description: 'When; required when notified is true.' })
  @Clearable()
  @IsOptional()
  notifiedAt?: Date | null;
}
