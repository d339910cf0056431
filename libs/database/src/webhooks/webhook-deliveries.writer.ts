import { FIT_BANDS, type WebhookEvent } from '@closer/domain';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import type { EntityManager } from 'typeorm';

import type { OutboxMessage } from '../outbox-message';

const BAND = `(ARRAY[${FIT_BANDS.map((band) => `'${band}'`).join(', ')}])`;
// ids, externalIds, statuses, bands and scores: never a name, an address or free text
const SESSION_DATA = `'sessionId', s.id, 'sessionExternalId', s.external_id, 'candidateId', c.id,
  'candidateExternalId', c.external_id, 'roleId', s.role_id, 'sessionStatus', s.status`;
const SESSION_FROM = `interview_sessions s JOIN candidates c ON c.id = s.candidate_id`;
const FORM_DATA = `jsonb_build_object(${SESSION_DATA}, 'formId', f.id, 'formStatus', f.status, 'interviewerId', i.id,
  'interviewerExternalId', i.external_id, 'overallFit', ${BAND}[r.overall_fit])`;
const FORM_FROM = `feedback_forms f JOIN ${SESSION_FROM} ON s.id = f.session_id JOIN interviewers i ON i.id = f.interviewer_id
  LEFT JOIN feedback_responses r ON r.form_id = f.id WHERE f.id = ($1::jsonb->>'formId')::uuid`;
const ANSWER_DATA = `jsonb_build_object(${SESSION_DATA}, 'answerId', a.id, 'answerStatus', a.status,
  'fitBand', ${BAND}[a.fit_band], 'fitScore', a.fit_score, 'responsesCount', a.responses_count)`;
const ANSWER_FROM = `candidate_answers a JOIN ${SESSION_FROM} ON s.id = a.session_id WHERE a.id = ($1::jsonb->>'answerId')::uuid`;

/** For each outbox event that is also a webhook event: the event and the query for its `data` ($1: the outbox payload). */
const SOURCES: Partial<Record<OutboxEventType, { event: WebhookEvent; data: string }>> = {
  [OutboxEventType.FitFeedbackRequested]: {
    event: 'FIT_FEEDBACK_REQUESTED',
    data: `SELECT jsonb_build_object(${SESSION_DATA}) AS data FROM ${SESSION_FROM} WHERE s.id = ($1::jsonb->>'sessionId')::uuid`,
  },
  [OutboxEventType.FeedbackSubmitted]: { event: 'FORM_SUBMITTED', data: `SELECT ${FORM_DATA} AS data FROM ${FORM_FROM}` },
  [OutboxEventType.FeedbackDeclined]: { event: 'FORM_DECLINED', data: `SELECT ${FORM_DATA} AS data FROM ${FORM_FROM}` },
  [OutboxEventType.FormFailed]: { event: 'FORM_FAILED', data: `SELECT ${FORM_DATA} AS data FROM ${FORM_FROM}` },
  // composed for review (AWAITING_REVIEW); a composition released at once also writes AnswerReleased
  [OutboxEventType.AnswerComposed]: {
    event: 'ANSWER_AWAITING_REVIEW',
    data: `SELECT ${ANSWER_DATA} AS data FROM ${ANSWER_FROM} AND a.status = 'AWAITING_REVIEW'`,
  },
  [OutboxEventType.AnswerReleased]: { event: 'ANSWER_RELEASED', data: `SELECT ${ANSWER_DATA} AS data FROM ${ANSWER_FROM}` },
  [OutboxEventType.AnswerWithheld]: { event: 'ANSWER_WITHHELD', data: `SELECT ${ANSWER_DATA} AS data FROM ${ANSWER_FROM}` },
};

/**
 * Within the transaction that writes the outbox events: one delivery row per event and enabled
 * endpoint subscribed to it, holding the event's data as it is now, and one outbox event naming
 * the new rows for the worker to send. An organization without endpoints writes nothing.
 */
export async function writeWebhookDeliveries(manager: EntityManager, messages: OutboxMessage[]): Promise<OutboxMessage[]> {
  const created = new Map<string, string[]>();
  for (const message of messages) {
    const source = SOURCES[message.type as OutboxEventType];
    if (!source) continue;
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (organization_id, endpoint_id, event, data)
       SELECT e.organization_id, e.id, $2, d.data
         FROM webhook_endpoints e CROSS JOIN (${source.data}) d
        WHERE e.organization_id = $3 AND e.disabled_at IS NULL AND $2 = ANY(e.events)
       RETURNING id`,
      [JSON.stringify(message.payload), source.event, message.organizationId],
    );
    if (rows.length > 0)
      created.set(message.organizationId, [...(created.get(message.organizationId) ?? []), ...rows.map((row) => row.id)]);
  }
  return [...created].map(([organizationId, deliveryIds]) =>
    outboxMessage(organizationId, OutboxEventType.WebhookDeliveriesCreated, { deliveryIds }),
  );
}
