import { OutboxEventType } from '@closer/queue';
import { currentTraceparent } from '@closer/telemetry';
import type { EntityManager } from 'typeorm';

import type { OutboxMessage } from './outbox-message';
import { preparedQuery } from './prepared-query';
import { WEBHOOK_DELIVERIES_CTE } from './webhooks/webhook-deliveries.writer';

export const OUTBOX_CHANNEL = 'closer_outbox';

/**
 * One round trip, planned once per connection: the events, the webhook deliveries they cause with
 * one WebhookDeliveriesCreated event per organization naming them, and the wake-up. Event ids
 * follow the order of the messages, the deliveries' event last.
 */
const WRITE_OUTBOX = {
  name: 'closer_write_outbox_with_webhooks',
  text: `WITH messages AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS m(organization_id, type, payload, n)
         ),
         ${WEBHOOK_DELIVERIES_CTE},
         written AS (
           INSERT INTO outbox_events (organization_id, type, payload, traceparent)
           SELECT organization_id, type, payload, $5::text
             FROM (SELECT organization_id, type, payload, n FROM messages
                   UNION ALL
                   SELECT organization_id, $6::text, jsonb_build_object('deliveryIds', jsonb_agg(id)), NULL
                     FROM webhook_deliveries_written GROUP BY organization_id) e
            ORDER BY n NULLS LAST
         )
         SELECT pg_notify($4, '')`,
};

/**
 * Records events inside the caller's transaction, so they exist exactly when the state change
 * does, together with the webhook deliveries they cause (written now, sent after commit). NOTIFY
 * is delivered on commit only, waking the relay without polling delay.
 */
export async function writeOutbox(manager: EntityManager, events: OutboxMessage[]): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('writeOutbox must run inside a transaction');
  }
  if (events.length === 0) return;
  await preparedQuery(manager, WRITE_OUTBOX, [
    events.map((message) => message.organizationId),
    events.map((message) => message.type),
    events.map((message) => JSON.stringify(message.payload)),
    OUTBOX_CHANNEL,
    // the trace this change belongs to (null while tracing is off): the relay and the jobs continue it
    currentTraceparent(),
    OutboxEventType.WebhookDeliveriesCreated,
  ]);
}
