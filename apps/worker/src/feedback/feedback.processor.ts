import { JobName, QueueName } from '@closer/queue';
import { Processor } from '@nestjs/bullmq';

import { JobProcessor } from '../queue/job-processor';
import { JobRunner } from '../queue/job-runner.service';
import { CandidatePurgeService } from './candidate-purge.service';
import { FormFanOutService } from './form-fan-out.service';
import { SessionSettlement } from './session-settlement.service';
import { SweeperService } from './sweeper.service';

/** Thin adapter: one handler per job name of the feedback queue, each calling one service. */
@Processor(QueueName.Feedback, { concurrency: 10 })
export class FeedbackProcessor extends JobProcessor<QueueName.Feedback> {
  constructor(
    runner: JobRunner,
    fanOut: FormFanOutService,
    settlement: SessionSettlement,
    purge: CandidatePurgeService,
    sweeper: SweeperService,
  ) {
    super(QueueName.Feedback, runner, {
      [JobName.FanOutForms]: (data) => fanOut.handleFanOutForms(data),
      [JobName.CloseSessionFeedback]: (data) => settlement.handleCloseSessionFeedback(data),
      [JobName.PurgeCandidateJobs]: (data) => purge.handlePurgeCandidateJobs(data),
      [JobName.Sweep]: () => sweeper.handleSweep(),
    });
  }
}
