import { FIT_BANDS, type WebhookEvent } from '@closer/domain';
import { OutboxEventType } from '@closer/queue';

const BAND = `(ARRAY[${FIT_BANDS.map((band) => `'${band}'`).join(', ')}])`;
// ids, externalIds, statuses, bands and scores: never a name, an address or free text
const SESSION_DATA = `'sessionId', s.id, 'sessionExternalId', s.external_id, 'candidateId', c.id,
  'candidateExternalId', c.external_id, 'roleId', s.role_id, 'sessionStatus', s.status`;
const SESSION_FROM = `interview_sessions s JOIN candidates c ON c.id = s.candidate_id`;
const FORM_DATA = `jsonb_build_object(${SESSION_DATA}, 'formId', f.id, 'formStatus', f.status, 'interviewerId', i.id,
  'interviewerExternalId', i.external_id, 'overallFit', ${BAND}[r.overall_fit])`;
const ANSWER_DATA = `jsonb_build_object(${SESSION_DATA}, 'answerId', a.id, 'answerStatus', a.status,
  'fitBand', ${BAND}[a.fit_band], 'fitScore', a.fit_score, 'responsesCount', a.responses_count)`;

/** What a webhook event's `data` describes, read from the outbox payload's id of it. */
type DataSource = 'session' | 'form' | 'answer' | 'answer-in-review';

/** For each outbox event that is also a webhook event: the event and what its `data` describes. */
const SOURCES: Partial<Record<OutboxEventType, { event: WebhookEvent; data: DataSource }>> = {
  [OutboxEventType.FitFeedbackRequested]: { event: 'FIT_FEEDBACK_REQUESTED', data: 'session' },
  [OutboxEventType.FeedbackSubmitted]: { event: 'FORM_SUBMITTED', data: 'form' },
  [OutboxEventType.FeedbackDeclined]: { event: 'FORM_DECLINED', data: 'form' },
  [OutboxEventType.FormFailed]: { event: 'FORM_FAILED', data: 'form' },
  // composed for review (AWAITING_REVIEW); a composition released at once also writes AnswerReleased
  [OutboxEventType.AnswerComposed]: { event: 'ANSWER_AWAITING_REVIEW', data: 'answer-in-review' },
  [OutboxEventType.AnswerReleased]: { event: 'ANSWER_RELEASED', data: 'answer' },
  [OutboxEventType.AnswerWithheld]: { event: 'ANSWER_WITHHELD', data: 'answer' },
};

const EVENTS = Object.entries(SOURCES)
  .map(([type, source]) => `('${type}', '${source.event}', '${source.data}')`)
  .join(', ');

/**
 * A CTE `webhook_deliveries_written` (id, organization_id): one delivery row per event of
 * `messages` (organization_id, type, payload, n) that is a webhook event, and per enabled
 * endpoint of its organization subscribed to it, holding the event's data as it is now. The data
 * is read only for events some endpoint receives: an organization without endpoints writes and
 * reads nothing more. Part of the outbox statement (outbox.writer.ts), so its plan is prepared
 * once per connection like the rest of it.
 */
export const WEBHOOK_DELIVERIES_CTE = `webhook_deliveries_written AS (
    INSERT INTO webhook_deliveries (organization_id, endpoint_id, event, data)
    SELECT e.organization_id, e.id, w.event, d.data
      FROM messages m
      JOIN (VALUES ${EVENTS}) AS w(type, event, source) ON w.type = m.type
      JOIN webhook_endpoints e ON e.organization_id = m.organization_id AND e.disabled_at IS NULL AND w.event = ANY(e.events)
     CROSS JOIN LATERAL (
           SELECT jsonb_build_object(${SESSION_DATA}) AS data FROM ${SESSION_FROM}
            WHERE w.source = 'session' AND s.id = (m.payload->>'sessionId')::uuid
           UNION ALL
           SELECT ${FORM_DATA} FROM feedback_forms f JOIN ${SESSION_FROM} ON s.id = f.session_id
             JOIN interviewers i ON i.id = f.interviewer_id LEFT JOIN feedback_responses r ON r.form_id = f.id
            WHERE w.source = 'form' AND f.id = (m.payload->>'formId')::uuid
           UNION ALL
           SELECT ${ANSWER_DATA} FROM candidate_answers a JOIN ${SESSION_FROM} ON s.id = a.session_id
            WHERE w.source IN ('answer', 'answer-in-review') AND a.id = (m.payload->>'answerId')::uuid
              AND (w.source = 'answer' OR a.status = 'AWAITING_REVIEW')
          ) d
     ORDER BY m.n, e.created_at, e.id
 RETURNING id, organization_id
  )`;
