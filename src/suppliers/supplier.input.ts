import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { LocalDateScalar } from '../graphql-types/scalars';
import { ComplianceStatus, SupplierKind } from './supplier.entity';

/** As a person types it: spaces around it and lower case are forgiven (and removed) before it is stored. */
const CNSP_ID_AS_TYPED = /^\s*[A-Za-z0-9]{8}\s*$/;

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

  @Field(() => String, {
    nullable: true,
    description: 'Required for a CN_SP: 8 letters or digits, stored upper-case. No two suppliers share one.',
  })
  @IsOptional()
  @Matches(CNSP_ID_AS_TYPED, { message: 'cnspId must be 8 letters or digits' })
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

  @Field(() => String, {
    nullable: true,
    description:
      'A new CN-SP ID (null clears it, except for a CN_SP). SUPPLIER_FEED tokens issued before the change are refused from then on; API keys keep working.',
  })
  @IsOptional()
  @Matches(CNSP_ID_AS_TYPED, { message: 'cnspId must be 8 letters or digits' })
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
