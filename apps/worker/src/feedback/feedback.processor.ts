import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@closer/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { JobHandler, JobRunner } from '../jobs/job-runner.service';
import { CandidatePurgeService } from '../purge/candidate-purge.service';
import { SweeperService } from '../sweeper/sweeper.service';
import { FormFanOutService } from './form-fan-out.service';
import { SessionSettlement } from './session-settlement.service';

type FeedbackJobName = { [J in JobName]: (typeof JOB_QUEUE)[J] extends QueueName.Feedback ? J : never }[JobName];
type Handlers = { [J in FeedbackJobName]: (data: JobPayloads[J]) => Promise<string> };

/** Thin adapter: one handler per job name of the feedback queue, each calling one service. */
@Processor(QueueName.Feedback, { concurrency: 10 })
export class FeedbackProcessor extends WorkerHost {
  readonly handlers: Handlers;

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
    return this.runner.run(QueueName.Feedback, job, token, this.handlers[job.name as FeedbackJobName] as JobHandler | undefined);
  }
}
