import { MetricsService } from '@closer/observability';
import { JOB_QUEUE, JobName, QueueName } from '@closer/queue';
import { Job, UnrecoverableError } from 'bullmq';

import { JobRunner } from '../queue/job-runner.service';
import type { CandidatePurgeService } from './candidate-purge.service';
import { FeedbackProcessor } from './feedback.processor';
import type { FormFanOutService } from './form-fan-out.service';
import type { SessionSettlement } from './session-settlement.service';
import type { SweeperService } from './sweeper.service';

describe(FeedbackProcessor.name, () => {
  const fanOut = { handleFanOutForms: jest.fn(async () => 'queued 3') } as unknown as FormFanOutService;
  const settlement = { handleCloseSessionFeedback: jest.fn(async () => 'expired 1, answer RELEASED') } as unknown as SessionSettlement;
  const purge = { handlePurgeCandidateJobs: jest.fn(async () => 'removed 4') } as unknown as CandidatePurgeService;
  const sweeper = { handleSweep: jest.fn(async () => 'completed 0') } as unknown as SweeperService;
  const sut = new FeedbackProcessor(new JobRunner(new MetricsService()), fanOut, settlement, purge, sweeper);
  // the fields the processor reads, checked by name; the rest of a Job it never touches
  const job = (name: string, data: object) =>
    ({ name, data, attemptsMade: 0, opts: {} }) satisfies Pick<Job, 'name' | 'data' | 'attemptsMade' | 'opts'> as Job;

  it('has exactly one handler for every job of the feedback queue', () => {
    const jobs = Object.values(JobName).filter((name) => JOB_QUEUE[name] === QueueName.Feedback);
    expect(Object.keys(sut.handlers).sort()).toEqual(jobs.sort());
  });

  /* eslint-disable jest/unbound-method -- the handlers are jest mocks, compared by identity */
  it.each([
    [JobName.FanOutForms, { organizationId: 'o', sessionId: 's' }, fanOut.handleFanOutForms, 'queued 3'],
    [
      JobName.CloseSessionFeedback,
      { organizationId: 'o', sessionId: 's' },
      settlement.handleCloseSessionFeedback,
      'expired 1, answer RELEASED',
    ],
    [JobName.PurgeCandidateJobs, { organizationId: 'o', candidateId: 'c' }, purge.handlePurgeCandidateJobs, 'removed 4'],
    /* eslint-enable jest/unbound-method */
  ])('hands %s to its service', async (name, data, handler, outcome) => {
    await expect(sut.process(job(name, data))).resolves.toBe(outcome);
    expect(handler).toHaveBeenCalledWith(data);
  });

  it('runs the sweeper', async () => {
    await expect(sut.process(job(JobName.Sweep, {}))).resolves.toBe('completed 0');
    expect(sweeper.handleSweep).toHaveBeenCalled();
  });

  it('refuses an unknown job without retries', async () => {
    await expect(sut.process(job('nope', {}))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});

describe('job names', () => {
  it('each belong to exactly one queue that a processor serves', () => {
    const served = new Set([QueueName.Mail, QueueName.Feedback, QueueName.Webhooks]);
    for (const name of Object.values(JobName)) expect(served.has(JOB_QUEUE[name])).toBe(true);
  });
});
