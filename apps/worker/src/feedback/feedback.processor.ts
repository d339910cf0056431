import { JobName, QueueName } from '@closer/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { JobRunner, QueueHandlers } from '../queue/job-runner.service';
import { CandidatePurgeService } from './candidate-purge.service';
import { FormFanOutService } from './form-fan-out.service';
import { SessionSettlement } from './session-settlement.service';
import { SweeperService } from './sweeper.service';

/** Thin adapter: one handler per job name of the feedback queue, each calling one service. */
@Processor(QueueName.Feedback, { concurrency: 10 })
export class FeedbackProcessor extends WorkerHost {
  readonly handlers: QueueHandlers<QueueName.Feedback>;

  constructor(
    private readonly runner: JobRunner,
    fanOut: FormFanOutService,
    settlement: SessionSettlement,
    purge: CandidatePurgeService,
    sweeper: SweeperService,
  ) {
    super();
    this.handlers = {
      [JobName.FanOutForms]: (data) => fanOut.handleFanOutForms(data),
      [JobName.CloseSessionFeedback]: (data) => settlement.handleCloseSessionFeedback(data),
      [JobName.PurgeCandidateJobs]: (data) => purge.handlePurgeCandidateJobs(data),
      [JobName.Sweep]: () => sweeper.handleSweep(),
    };
  }

  process(job: Job, token?: string): Promise<string> {
    return this.runner.run(QueueName.Feedback, this.handlers, job, token);
  }
}
