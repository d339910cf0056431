import { QueueName } from '@closer/queue';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { OutboxModule } from '../outbox/outbox.module';
import { FeedbackProcessor } from './feedback.processor';
import { FormFanOutService } from './form-fan-out.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Feedback }), OutboxModule],
  providers: [FormFanOutService, FeedbackProcessor],
})
export class FeedbackModule {}
