import { UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { CreatedWebhookEndpointModel, WebhookDeliveryModel, WebhookEndpointModel, WebhookEventEnum } from './webhook.model';
import { WebhookService } from './webhook.service';

@Resolver(() => WebhookEndpointModel)
@UseGuards(RecruiterGuard)
export class WebhookEndpointResolver {
  constructor(private readonly service: WebhookService) {}

  @Query(() => [WebhookEndpointModel], { description: 'Admins only.' })
  webhookEndpoints(@CurrentViewer() viewer: Viewer): Promise<WebhookEndpointModel[]> {
    return this.service.list(viewer);
  }

  @ResolveField(() => [WebhookDeliveryModel], { description: 'Most recent first.' })
  deliveries(
    @Parent() endpoint: WebhookEndpointModel,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
  ): Promise<WebhookDeliveryModel[]> {
    return this.service.deliveries(endpoint.id, first);
  }

  @Mutation(() => CreatedWebhookEndpointModel, {
    description: 'Admins only. In production only https URLs that resolve to public addresses.',
  })
  createWebhookEndpoint(
    @CurrentViewer() viewer: Viewer,
    @Args('url') url: string,
    @Args('events', { type: () => [WebhookEventEnum] }) events: (keyof typeof WebhookEventEnum)[],
  ): Promise<CreatedWebhookEndpointModel> {
    return this.service.create(viewer, url, events);
  }

  @Mutation(() => WebhookEndpointModel, { description: 'Admins only: re-enables a disabled endpoint.' })
  enableWebhookEndpoint(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<WebhookEndpointModel> {
    return this.service.enable(viewer, id);
  }

  @Mutation(() => Boolean)
  deleteWebhookEndpoint(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(viewer, id);
  }

  @Mutation(() => WebhookDeliveryModel, { description: 'Sends the same event again (same webhook-id).' })
  redeliverWebhook(
    @CurrentViewer() viewer: Viewer,
    @Args('deliveryId', { type: () => ID }) deliveryId: string,
  ): Promise<WebhookDeliveryModel> {
    return this.service.redeliver(viewer, deliveryId);
  }
}
