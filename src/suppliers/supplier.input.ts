import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CNSP_ID } from '../common/text';
import { Clearable } from '../graphql/explicit-null';
import { LocalDateScalar } from '../graphql/scalars';
import { ComplianceStatus, SupplierKind } from './supplier.entity';

@InputType()
export class SupplierFilter {
  @Field(() => SupplierKind, { nullable: true })
  kind?: SupplierKind;

  @Field(() => ComplianceStatus, { nullable: true })
  complianceStatus?: ComplianceStatus;

  @Field({ nullable: true, description: 'Case-insensitive match on name or CN-SP ID.' })
  @MaxLength(100)
  search?: string;
}

@InputType()
export class CreateSupplierInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => SupplierKind)
  kind!: SupplierKind;

  @Field(() => String, { nullable: true, description: 'Required for a CN_SP: 8 upper-case letters or digits.' })
  @IsOptional()
  @Matches(CNSP_ID, { message: 'cnspId must be 8 upper-case letters or digits' })
  @Clearable()
  cnspId?: string | null;

  @Field(() => ComplianceStatus)
  complianceStatus!: ComplianceStatus;

  @Field(() => LocalDateScalar, { nullable: true })
  @Clearable()
  complianceDate?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}

@InputType()
export class UpdateSupplierInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CNSP_ID, { message: 'cnspId must be 8 upper-case letters or digits' })
  @Clearable()
  cnspId?: string | null;

  @Field(() => ComplianceStatus, { nullable: true })
  complianceStatus?: ComplianceStatus;

  @Field(() => LocalDateScalar, { nullable: true })
  @Clearable()
  complianceDate?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}
