import { Field, ObjectType } from 'type-graphql';
import type { Viewer } from '../request/viewer';
import { Role } from './roles';

@ObjectType('Me', { description: 'The authenticated caller.' })
export class Me {
  @Field({ description: "Subject of the token, or the API key's prefix." })
  subject!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field({ description: 'JWT or API_KEY.' })
  authMethod!: string;

  viewer!: Viewer;
}
