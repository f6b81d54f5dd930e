import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { FeedFormat, FeedKind } from '../feed-records/records';
import { MAX_CREDENTIAL } from './pull-credential';

@InputType()
export class ConfigureFeedEndpointInput {
  @Field(() => ID)
  supplierId!: string;

  @Field(() => ID, { nullable: true, description: "Defaults to the viewer's organisation." })
  organisationId?: string;

  @Field(() => FeedKind)
  kind!: FeedKind;

  @Field(() => FeedFormat)
  format!: FeedFormat;

  @Field({
    description: "The supplier's URL for the document (https in production); its host and port must be in FEED_PULL_ALLOWED_HOSTS.",
  })
  @MaxLength(2000)
  url!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The whole Authorization header value each pull sends, e.g. "Bearer <token>" or "Basic <base64>": printable ASCII, at ' +
      'most 4096 characters. Write-only: kept encrypted, never shown (see hasCredential). Omitted keeps the stored one (unless ' +
      'the URL moves to another host, when it must be given again); null removes it.',
  })
  @IsOptional()
  @MaxLength(MAX_CREDENTIAL)
  @Clearable()
  credential?: string | null;

  @Field(() => Int, { defaultValue: 60 })
  @Min(5)
  @Max(10_080)
  intervalMinutes!: number;

  @Field({ defaultValue: true })
  enabled!: boolean;
}
