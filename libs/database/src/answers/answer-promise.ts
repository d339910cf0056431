import type { EntityManager } from 'typeorm';

import { preparedQuery } from '../prepared-query';

/** How many released answers the organization needs before its own pace sets the promise. */
export const PROMISE_MIN_HISTORY = 20;

// prepared: planned once per connection, not on every request that records a candidate's ask
const PROMISE_ANSWER_DATE = {
  name: 'closer_promise_answer_date',
  text: `UPDATE fit_feedback_requests q
        SET answer_expected_by = LEAST(
              COALESCE(s.completed_at, s.ends_at) + pace.p80,
              COALESCE(s.feedback_due_at, COALESCE(s.completed_at, s.ends_at) + o.feedback_deadline_hours * $2::float8 * interval '1 millisecond')
                + 24 * $2::float8 * interval '1 millisecond')
       FROM interview_sessions s
       JOIN organizations o ON o.id = s.organization_id
       CROSS JOIN LATERAL (
         SELECT CASE WHEN count(*) >= $3
                     THEN percentile_cont(0.8) WITHIN GROUP (ORDER BY a.released_at - COALESCE(x.completed_at, x.ends_at)) END AS p80
           FROM candidate_answers a
           JOIN interview_sessions x ON x.id = a.session_id
          WHERE a.organization_id = s.organization_id AND a.status = 'RELEASED' AND a.released_at >= now() - interval '90 days'
       ) pace
      WHERE q.session_id = $1 AND s.id = q.session_id AND q.answer_expected_by IS NULL`,
};

/**
 * Stores the date promised to a candidate who just asked (`fit_feedback_requests.answer_expected_by`),
 * once per request; call it in the transaction that recorded the request.
 *
 * Counted from the session's end (its scheduled end while it has not ended): the 80th percentile
 * of how long the organization's answers released in the last 90 days took from their session's
 * end, when there are at least PROMISE_MIN_HISTORY of them; never later than the feedback
 * deadline plus one day (24 × `hourMs`), which is also the promise without that history.
 */
export async function promiseAnswerDate(manager: EntityManager, sessionId: string, hourMs: number): Promise<void> {
  await preparedQuery(manager, PROMISE_ANSWER_DATE, [sessionId, hourMs, PROMISE_MIN_HISTORY]);
}
