import type { JobsOptions } from 'bullmq';

/** Attempts per delivery: the first at once, then 11 retries. */
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
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: 'exponential', delay: Math.max(1, Math.round(webhookDayMs(hourMs) / 2047)), jitter: 0.5 },
    removeOnComplete: { age: 3600, count: 5_000 },
    removeOnFail: { age: 14 * 24 * 3600, count: 50_000 },
  };
}
