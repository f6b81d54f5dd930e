import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AuditFilterInput {
  @Field(() => ID, { nullable: true }) organisationId?: string;
  @Field(() => ID, { nullable: true, description: "Any record's global id: its whole history." })
  @IsOptional()
  @Length(1, 100)
  recordId?: string;
  @Field({ nullable: true, description: 'A GraphQL type name, e.g. Invoice.' }) @IsOptional() @Length(1, 60) entityType?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) actor?: string;
  @Field(() => Date, { nullable: true }) from?: Date;
  @Field(() => Date, { nullable: true }) to?: Date;
}
