import { MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { OrganisationType } from './organisation.entity';

@InputType()
export class OrganisationFilter {
  @Field(() => OrganisationType, { nullable: true })
  type?: OrganisationType;

  @Field({ nullable: true, description: 'Case-insensitive match on name or ODS code.' })
  @MaxLength(100)
  search?: string;
}
