import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ODS_CODE } from '../common/text';
import { Clearable } from '../graphql-types/clearable';

@InputType()
export class SiteFilter {
  @Field(() => ID, { nullable: true, description: 'One of the organisations the viewer can see.' })
  organisationId?: string;

  @Field({ nullable: true, description: 'Postcode or its outward part, e.g. "LS1" or "LS1 4AP".' })
  @MaxLength(8)
  postcode?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on name, ODS code or town.' })
  @MaxLength(100)
  search?: string;
}

@InputType()
export class CreateSiteInput {
  @Field(() => ID, { nullable: true, description: "Owning organisation; defaults to the viewer's own." })
  organisationId?: string;

  @Field({ description: "The site's ODS code: 3–10 upper-case letters or digits." })
  @Matches(ODS_CODE, { message: 'odsCode must be 3 to 10 upper-case letters or digits' })
  odsCode!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field()
  @Length(1, 200)
  addressLine1!: string;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(200)
  addressLine2?: string | null;

  @Field()
  @Length(1, 100)
  town!: string;

  @Field()
  @Length(5, 16)
  postcode!: string;
}

@InputType()
export class UpdateSiteInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'odsCode must be 3 to 10 upper-case letters or digits' })
  odsCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  addressLine1?: string;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(200)
  addressLine2?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  town?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(5, 16)
  postcode?: string;
}
