import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Clearable } from '../graphql-types/clearable';
import { NotificationKind } from './notification.types';
import { WebhookDeliveryStatus } from './webhook.entity';

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'Where to POST deliveries: http or https (https in production).' })
  @Length(1, 2000)
  url!: string;

  @Field(() => [NotificationKind], { description: 'The kinds to deliver.' })
  @ArrayMaxSize(20)
  kinds!: NotificationKind[];

  @Field(() => String, { nullable: true })
  @Clearable()
  @IsOptional()
  @Length(0, 200)
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The organisation whose notifications (with those it acts for) are delivered; defaults to the caller's own.",
  })
  organisationId?: string;

  @Field({
    defaultValue: true,
    description: 'True: deliver what already needs attention as well as what arises later. False: only what arises after now.',
  })
  deliverExisting!: boolean;
}

@InputType()
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) url?: string;
  @Field(() => [NotificationKind], { nullable: true }) @IsOptional() @ArrayMaxSize(20) kinds?: NotificationKind[];
  @Field(() => String, { nullable: true }) @Clearable() @IsOptional() @Length(0, 200) description?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'False disables it (nothing is recorded or sent); true enables it again and clears its failure count. Deliveries left PENDING resume.',
  })
  enabled?: boolean;
}

@InputType()
export class WebhookSubscriptionFilterInput {
  @Field(() => ID, { nullable: true }) organisationId?: string;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean;
}

@InputType()
export class WebhookDeliveryFilterInput {
  @Field(() => [WebhookDeliveryStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(4) status?: WebhookDeliveryStatus[];
  @Field(() => [NotificationKind], { nullable: true }) @IsOptional() @ArrayMaxSize(20) kinds?: NotificationKind[];
}
