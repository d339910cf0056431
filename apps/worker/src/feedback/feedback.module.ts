import { QueueName } from '@closer/queue';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { OpsModule } from '../ops/ops.module';
import { OutboxModule } from '../outbox/outbox.module';
import { CandidatePurgeService } from '../purge/candidate-purge.service';
import { ReminderScheduler } from '../reminder/reminder-scheduler.service';
import { RetentionService } from '../retention/retention.service';
import { SweeperService } from '../sweeper/sweeper.service';
import { FeedbackProcessor } from './feedback.processor';
import { FormFanOutService } from './form-fan-out.service';
import { SessionSettlement } from './session-settlement.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Feedback }), OutboxModule, OpsModule],
  providers: [
    FormFanOutService,
    SessionSettlement,
    ReminderScheduler,
    CandidatePurgeService,
    RetentionService,
    SweeperService,
    FeedbackProcessor,
  ],
  exports: [SessionSettlement, ReminderScheduler],
})
export class FeedbackModule {}
