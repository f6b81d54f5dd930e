import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../graphql-types/connection';
import { ApiKey } from './api-key.entity';

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'The key itself. Store it now: it is not kept and cannot be shown again.' })
  secret!: string;
}
