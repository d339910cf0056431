import { QueueName } from '@closer/queue';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { QueueModule } from '../queue/queue.module';
import { CandidatePurgeService } from './candidate-purge.service';
import { FeedbackProcessor } from './feedback.processor';
import { FormFanOutService } from './form-fan-out.service';
import { ReminderScheduler } from './reminder-scheduler.service';
import { RetentionService } from './retention.service';
import { SessionSettlement } from './session-settlement.service';
import { SweeperRepository } from './sweeper.repository';
import { SweeperService } from './sweeper.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Feedback }), QueueModule],
  providers: [
    FormFanOutService,
    SessionSettlement,
    ReminderScheduler,
    CandidatePurgeService,
    RetentionService,
    SweeperRepository,
    SweeperService,
    FeedbackProcessor,
  ],
  exports: [SessionSettlement, ReminderScheduler],
})
export class FeedbackModule {}
