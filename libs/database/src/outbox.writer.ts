import { currentTraceparent } from '@closer/telemetry';
import type { EntityManager } from 'typeorm';

import type { OutboxMessage } from './outbox-message';
import { preparedQuery } from './prepared-query';
import { writeWebhookDeliveries } from './webhooks/webhook-deliveries.writer';

export const OUTBOX_CHANNEL = 'closer_outbox';

/** One round trip for the events and the wake-up (ids follow the order of the messages). */
const WRITE_OUTBOX = {
  name: 'closer_write_outbox_traced',
  text: `WITH written AS (
           INSERT INTO outbox_events (organization_id, type, payload, traceparent)
           SELECT e.*, $5::text FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS e
         )
         SELECT pg_notify($4, '')`,
};

/**
 * Records events inside the caller's transaction, so they exist exactly when the state change
 * does, together with the webhook deliveries they cause. NOTIFY is delivered on commit only,
 * waking the relay without polling delay.
 */
export async function writeOutbox(manager: EntityManager, events: OutboxMessage[]): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('writeOutbox must run inside a transaction');
  }
  if (events.length === 0) return;
  // the webhooks these events cause are part of the same change: written now, sent after commit
  const messages = [...events, ...(await writeWebhookDeliveries(manager, events))];
  await preparedQuery(manager, WRITE_OUTBOX, [
    messages.map((message) => message.organizationId),
    messages.map((message) => message.type),
    messages.map((message) => JSON.stringify(message.payload)),
    OUTBOX_CHANNEL,
    // the trace this change belongs to (null while tracing is off): the relay and the jobs continue it
    currentTraceparent(),
  ]);
}
