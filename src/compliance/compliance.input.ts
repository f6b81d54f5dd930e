import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { LocalDateScalar } from '../graphql-types/scalars';
import { AccessRequestStatus } from './application-access.entity';
import { DsptStatus } from './dspt-assessment.entity';
import { IpRegistration } from './ip-allocation.entity';

@InputType()
export class RecordDsptAssessmentInput {
  @Field(() => ID) organisationId!: string;
  @Field(() => DsptStatus) status!: DsptStatus;
  @Field(() => LocalDateScalar, { description: 'When the assessment was published; not in the future.' }) publishedOn!: string;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Only when NHS England set a later date than the usual 30 June (an extended deadline); at most a year later.',
  })
  @IsOptional()
  expiresOn?: string;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(1000) notes?: string | null;
}

@InputType()
export class RecordConnectionAgreementInput {
  @Field(() => ID) organisationId!: string;
  @Field({ description: 'Dotted numbers, e.g. "3.1"; must be newer than the version in force.' }) @Length(1, 20) version!: string;
  @Field(() => LocalDateScalar) signedOn!: string;
  @Field({ description: 'Whether the Representing Customers variation applies.' }) representingCustomers!: boolean;
  @Field() @Length(1, 200) signedByName!: string;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(200) signedByJobTitle?: string | null;
}

@InputType()
export class AllocateIpRangeInput {
  @Field(() => ID) siteId!: string;
  @Field({
    description: 'CIDR notation, IPv4 or IPv6, e.g. "10.20.0.0/16"; stored in canonical form. Host bits set below the prefix are refused.',
  })
  @Length(1, 60)
  cidr!: string;
  @Field(() => IpRegistration) registration!: IpRegistration;
  @Field(() => ID, { nullable: true, description: 'The CN-SP that allocated it; required for RIPE ranges.' }) @Clearable() supplierId?:
    string | null;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(200) description?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today.' }) @IsOptional() allocatedOn?: string;
  @Field(() => String, {
    nullable: true,
    description:
      'Why this range may overlap ranges already allocated (e.g. a site subnet inside an aggregate). Without it an overlap is refused.',
  })
  @Clearable()
  @IsOptional()
  @MaxLength(1000)
  overlapException?: string | null;
}

@InputType()
export class UpdateIpAllocationInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'Another site of the same organisation.' }) siteId?: string;
  @Field(() => ID, { nullable: true, description: 'The CN-SP that allocated it; a RIPE range needs one.' }) @Clearable() supplierId?:
    string | null;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(200) description?: string | null;
}

@InputType()
export class ReleaseIpRangeInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today.' }) @IsOptional() releasedOn?: string;
  @Field() @Length(1, 1000) reason!: string;
}

@InputType()
export class GrantIpamDelegateInput {
  @Field(() => ID, { description: 'The contact (a person of the organisation) given IPAM delegate access.' }) contactId!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today.' }) @IsOptional() grantedOn?: string;
}

@InputType()
export class RevokeIpamDelegateInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today.' }) @IsOptional() revokedOn?: string;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(1000) reason?: string | null;
}

@InputType()
export class RequestApplicationAccessInput {
  @Field(() => ID, { description: 'The contact asking for access; the request belongs to their organisation.' }) requestedById!: string;
  @Field() @Length(1, 200) application!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today.' }) @IsOptional() requestedOn?: string;
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @MaxLength(1000) notes?: string | null;
}

@InputType()
export class MoveApplicationAccessRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => AccessRequestStatus) status!: AccessRequestStatus;
  @Field() @Length(1, 1000) reason!: string;
}
