import { QueueName } from '@closer/queue';
import type { JobsOptions } from 'bullmq';

/**
 * Job defaults: transient failures retry with exponential backoff and jitter; history is bounded.
 * Completed jobs are kept an hour (the crash windows in which a deterministic id stops a repeat
 * last seconds; delivery rows guard mail for good), so Redis memory stays flat under steady load;
 * failed ones two weeks, for whoever is on call.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 5_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 50_000 },
};

/** Attempts per webhook delivery: the first at once, then 11 retries. */
export const WEBHOOK_ATTEMPTS = 12;
/** A "day" of the deployment's hours (CLOSER_HOUR_MS). */
export const webhookDayMs = (hourMs: number) => 24 * hourMs;

/**
 * Retries double each time from a day / 2047 (42 s with real hours), so the 11 waits add up to
 * a day; the jitter takes up to half of each wait off, so endpoints that failed together are not
 * retried together. Failed jobs are kept as long as the delivery rows say nothing else.
 */
export function webhookJobOptions(hourMs: number): JobsOptions {
  return {
    ...DEFAULT_JOB_OPTIONS,
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: 'exponential', delay: Math.max(1, Math.round(webhookDayMs(hourMs) / 2047)), jitter: 0.5 },
  };
}

/** How the jobs of a queue retry and how long their history is kept. */
export function jobOptions(queue: QueueName, hourMs: number): JobsOptions {
  return queue === QueueName.Webhooks ? webhookJobOptions(hourMs) : DEFAULT_JOB_OPTIONS;
}
