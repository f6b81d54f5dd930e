import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../graphql-types/connection';
import { WebhookDelivery, WebhookSubscription } from './webhook.entity';

/** What the webhook API answers with (webhook.resolver.ts): pages of subscriptions and deliveries, a newly issued secret. */

export const WebhookSubscriptionConnection = ConnectionType(WebhookSubscription, 'WebhookSubscription');

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');

@ObjectType()
export class IssuedWebhookSecret {
  @Field(() => WebhookSubscription) subscription!: WebhookSubscription;

  @Field({
    description:
      'The signing secret (whsec_…). Store it now: it is kept only encrypted and is not shown again. X-HSCN-Signature is ' +
      'sha256=HMAC-SHA-256(secret, "<X-HSCN-Timestamp>.<body>") in hex.',
  })
  secret!: string;
}
