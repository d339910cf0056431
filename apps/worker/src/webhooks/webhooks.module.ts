import { QueueName } from '@closer/queue';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { QueueModule } from '../queue/queue.module';
import { DeliverWebhookHandler } from './handlers/deliver-webhook.handler';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhooksProcessor } from './webhooks.processor';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Webhooks }), QueueModule],
  providers: [WebhookDeliveryRepository, DeliverWebhookHandler, WebhooksProcessor],
})
export class WebhooksModule {}
