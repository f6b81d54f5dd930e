import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { ContactObjectType, ContactPriority, ContactRole } from './contact-assignment.entity';

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;
const PHONE_MESSAGE = 'phone must be a telephone number of digits, spaces, brackets and dashes, e.g. "0113 496 0000"';

@InputType()
export class ContactFilter {
  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => ContactRole, { nullable: true, description: 'Only contacts holding this role somewhere.' })
  role?: ContactRole;

  @Field({ nullable: true, description: 'Case-insensitive match on name, email or job title.' })
  @MaxLength(100)
  search?: string;
}

@InputType()
export class CreateContactInput {
  @Field(() => ID, { nullable: true, description: "Organisation keeping the contact; defaults to the viewer's own." })
  organisationId?: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(200)
  jobTitle?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. "24x7" or "Mon–Fri 08:00–18:00".' })
  @Clearable()
  @IsOptional()
  @MaxLength(100)
  hours?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}

@InputType()
export class UpdateContactInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(200)
  jobTitle?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(100)
  hours?: string | null;

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;

  @Field({ defaultValue: false, description: 'Also record that the details were confirmed just now.' })
  markVerified!: boolean;
}

@InputType()
export class AssignContactInput {
  @Field(() => ID)
  contactId!: string;

  @Field(() => ContactObjectType)
  objectType!: ContactObjectType;

  @Field(() => ID, { description: 'Id of the Supplier, Contract or Site.' })
  objectId!: string;

  @Field(() => ContactRole)
  role!: ContactRole;

  @Field(() => ContactPriority, { defaultValue: ContactPriority.PRIMARY })
  priority!: ContactPriority;
}
