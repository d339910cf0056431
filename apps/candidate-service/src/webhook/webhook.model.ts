import { enumObject, WEBHOOK_EVENTS, type WebhookEvent } from '@closer/domain';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const WebhookEventEnum = enumObject(WEBHOOK_EVENTS);
export const WebhookDeliveryStatusEnum = enumObject(['PENDING', 'DELIVERED', 'FAILED'] as const);
registerEnumType(WebhookEventEnum, {
  name: 'WebhookEvent',
  description: 'Events sent to webhook endpoints, as Standard Webhooks (webhook-id / webhook-timestamp / webhook-signature headers).',
});
registerEnumType(WebhookDeliveryStatusEnum, { name: 'WebhookDeliveryStatus' });

@ObjectType('WebhookDelivery')
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'Also the webhook-id header: the same for every attempt of one event.' }) id!: string;
  @Field(() => WebhookEventEnum) event!: WebhookEvent;
  @Field(() => WebhookDeliveryStatusEnum) status!: keyof typeof WebhookDeliveryStatusEnum;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
}

/** `deliveries` is resolved by WebhookEndpointResolver. */
@ObjectType('WebhookEndpoint')
export class WebhookEndpointModel {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [WebhookEventEnum]) events!: WebhookEvent[];
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Set when deliveries kept failing; no more are attempted until it is enabled again.' })
  disabledAt!: Date | null;
}

@ObjectType('CreatedWebhookEndpoint')
export class CreatedWebhookEndpointModel {
  @Field(() => WebhookEndpointModel) endpoint!: WebhookEndpointModel;
  @Field({ description: 'The signing secret (whsec_…), shown only in this response.' }) secret!: string;
}
