import { ArrayMaxSize, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { Role } from './roles';

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "Power BI reporting".' })
  @Length(1, 100)
  name!: string;

  @Field(() => [Role], { description: 'VIEWER, REPORTING or SUPPLIER_FEED.' })
  @ArrayMaxSize(3)
  roles!: Role[];

  @Field(() => ID, { nullable: true, description: 'For a SUPPLIER_FEED key: the supplier whose feeds it sends.' })
  @Clearable()
  supplierId?: string | null;
}
