import { CloserConfig } from '@closer/config';
import { type AddressLookup, WEBHOOK_TYPES, webhookHeaders, type WebhookUrlRules } from '@closer/domain';
import { MetricsService } from '@closer/observability';
import type { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';

import { webhookDayMs } from '../../queue/job-options';
import type { JobAttempt } from '../../queue/job-runner.service';
import { DeliveryTarget, WebhookDeliveryRepository } from '../webhook-delivery.repository';
import { type SendOutcome, sendWebhook } from '../webhook-sender';

/** 5xx, 408, 429 and no answer at all may pass; any other status will not change by retrying. */
export function isRetryable(outcome: SendOutcome): boolean {
  if (outcome.kind === 'unreachable') return true;
  if (outcome.kind === 'refused') return false;
  return outcome.statusCode >= 500 || outcome.statusCode === 408 || outcome.statusCode === 429;
}

/** The body every attempt of a delivery sends, byte for byte. */
export function webhookBody(target: Pick<DeliveryTarget, 'event' | 'createdAt' | 'data'>): string {
  return JSON.stringify({ type: WEBHOOK_TYPES[target.event], timestamp: new Date(target.createdAt).toISOString(), data: target.data });
}

@Injectable()
export class DeliverWebhookHandler {
  /** Replaced in tests to play a DNS that changes its answer. */
  lookup?: AddressLookup;
  private readonly rules: WebhookUrlRules;
  private readonly attempts: Counter;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly config: CloserConfig,
    metrics: MetricsService,
  ) {
    this.attempts = new Counter({
      name: 'closer_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered, retry, failed (no retry follows), skipped (endpoint disabled)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    const allowPrivate = config.webhooks.allowPrivateUrls;
    this.rules = { allowPrivate, requireHttps: config.isProduction && !allowPrivate };
  }

  /** One attempt; throws to have BullMQ retry it later (backoff with jitter), returns when settled. */
  async handleDeliverWebhook({ deliveryId }: JobPayloads[JobName.DeliverWebhook], attempt: JobAttempt): Promise<string> {
    const target = await this.deliveries.find(deliveryId);
    if (!target) return 'gone';
    if (target.status !== 'PENDING') return `already ${target.status.toLowerCase()}`;
    if (target.endpointDisabled) {
      await this.deliveries.skipped(target, 'endpoint disabled');
      this.attempts.inc({ outcome: 'skipped' });
      return 'endpoint disabled';
    }
    const body = webhookBody(target);
    const headers = webhookHeaders(target.secret, target.id, Math.floor(Date.now() / 1000), body);
    const outcome = await sendWebhook(target.url, headers, body, this.rules, this.lookup);
    if (outcome.kind === 'answered' && outcome.statusCode >= 200 && outcome.statusCode < 300) {
      await this.deliveries.delivered(target, outcome.statusCode);
      this.attempts.inc({ outcome: 'delivered' });
      return 'delivered';
    }
    const final = !isRetryable(outcome) || attempt.made + 1 >= attempt.max;
    const statusCode = outcome.kind === 'answered' ? outcome.statusCode : null;
    const error = outcome.kind === 'answered' ? `HTTP ${outcome.statusCode}` : outcome.error;
    await this.deliveries.failed(target, { statusCode, error, final, disableAfterMs: webhookDayMs(this.config.hourMs) });
    this.attempts.inc({ outcome: final ? 'failed' : 'retry' });
    if (!final) throw new Error(`webhook attempt failed: ${error}`);
    return 'failed';
  }
}
