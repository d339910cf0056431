import { JOB_QUEUE, JobName, QueueName } from '@closer/queue';
import { UnrecoverableError } from 'bullmq';

import { FeedbackProcessor } from './feedback.processor';
import type { FormFanOutService } from './form-fan-out.service';

describe(FeedbackProcessor.name, () => {
  const fanOut = { handleFanOutForms: jest.fn(async () => 'queued 3') } as unknown as FormFanOutService;

  it('has exactly one handler for every job of the feedback queue', () => {
    const sut = new FeedbackProcessor(fanOut);
    const jobs = Object.values(JobName).filter((name) => JOB_QUEUE[name] === QueueName.Feedback);
    expect(Object.keys(sut.handlers).sort()).toEqual(jobs.sort());
  });

  it('hands the fan-out job to its service', async () => {
    const sut = new FeedbackProcessor(fanOut);
    const data = { organizationId: 'o', sessionId: 's' };
    await expect(sut.process({ name: JobName.FanOutForms, data } as never)).resolves.toBe('queued 3');
    expect(fanOut.handleFanOutForms).toHaveBeenCalledWith(data);
  });

  it('refuses an unknown job without retries', async () => {
    await expect(new FeedbackProcessor(fanOut).process({ name: 'nope', data: {} } as never)).rejects.toBeInstanceOf(UnrecoverableError);
  });
});

describe('job names', () => {
  it('each belong to exactly one queue that a processor serves', () => {
    const served = new Set([QueueName.Mail, QueueName.Feedback]);
    for (const name of Object.values(JobName)) expect(served.has(JOB_QUEUE[name])).toBe(true);
  });
});
