-- The closing-feedback dashboard computed the plain way: one straightforward query per figure
-- group, straight from the write model's tables through their ordinary indexes. It is the
-- baseline bench:dashboard times the real implementation against, and the reference
-- test/dashboard-baseline.e2e-spec.ts checks its numbers with. Written from the contract
-- (shared/schema.graphql, DESIGN.md), not from the implementation.
--
-- Parameters of every query: $1 organization id, $2 from (inclusive), $3 to (exclusive) over the
-- sessions' completion time, $4 role id or NULL for all roles.
-- The population: the organization's COMPLETED sessions completed in [from, to), of the role.

-- name: sessions
SELECT count(*)::int AS sessions_completed,
       count(q.id)::int AS fit_feedback_requested,
       count(*) FILTER (WHERE a.status = 'RELEASED')::int AS answers_released,
       count(*) FILTER (WHERE a.status = 'WITHHELD')::int AS answers_withheld,
       count(*) FILTER (WHERE a.helpful)::int AS helpful_yes,
       count(a.helpful)::int AS helpful_rated
  FROM interview_sessions s
  LEFT JOIN fit_feedback_requests q ON q.session_id = s.id
  LEFT JOIN candidate_answers a ON a.session_id = s.id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid);

-- name: hours_to_answer
-- from the session's end to the answer's release, for candidates who asked
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.released_at - s.ends_at) / 3600.0) AS median
  FROM interview_sessions s
  JOIN candidate_answers a ON a.session_id = s.id
  JOIN fit_feedback_requests q ON q.session_id = s.id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
   AND a.status = 'RELEASED';

-- name: promises
-- answers to candidates who asked, against the date promised to them: kept when released by it;
-- a promise counts once decided (released, or its date passed without a release)
SELECT count(*) FILTER (WHERE a.released_at <= q.answer_expected_by)::int AS kept,
       count(*) FILTER (WHERE a.released_at IS NOT NULL OR q.answer_expected_by <= now())::int AS decided
  FROM interview_sessions s
  JOIN fit_feedback_requests q ON q.session_id = s.id
  LEFT JOIN candidate_answers a ON a.session_id = s.id AND a.status = 'RELEASED'
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
   AND q.answer_expected_by IS NOT NULL;

-- name: fit_bands
SELECT a.fit_band, count(*)::int AS count
  FROM interview_sessions s
  JOIN candidate_answers a ON a.session_id = s.id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
   AND a.fit_band IS NOT NULL
 GROUP BY a.fit_band;

-- name: forms
-- a form counts as sent once it was sent or answered, whatever order the events were recorded in;
-- an answer recorded before its send took no time (never negative hours)
SELECT count(*) FILTER (WHERE f.sent_at IS NOT NULL OR f.status IN ('SUBMITTED', 'DECLINED'))::int AS forms_sent,
       count(*) FILTER (WHERE f.status = 'SUBMITTED')::int AS forms_submitted,
       count(*) FILTER (WHERE f.status = 'DECLINED')::int AS forms_declined,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM f.submitted_at - f.sent_at) / 3600.0))
         FILTER (WHERE f.status = 'SUBMITTED' AND f.sent_at IS NOT NULL) AS median_hours_to_feedback
  FROM interview_sessions s
  JOIN feedback_forms f ON f.session_id = s.id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid);

-- name: criteria
-- every criterion the population's responses carry a row for (a null rating = not assessed)
SELECT c.id, c.label, c.description, c.kind, c.weight, r.title AS role_title,
       avg(cr.rating)::float8 AS average_rating,
       count(cr.rating)::int AS rated_count,
       count(*) FILTER (WHERE cr.rating <= 2)::int AS lacking_count
  FROM interview_sessions s
  JOIN feedback_responses fr ON fr.session_id = s.id
  JOIN criterion_ratings cr ON cr.response_id = fr.id
  JOIN criteria c ON c.id = cr.criterion_id
  JOIN roles r ON r.id = c.role_id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
 GROUP BY c.id, r.title
 ORDER BY lacking_count DESC, average_rating ASC NULLS LAST, c.label, c.id;

-- name: interviewer_forms
SELECT i.id, i.name, i.email,
       count(*) FILTER (WHERE f.sent_at IS NOT NULL OR f.status IN ('SUBMITTED', 'DECLINED'))::int AS forms_sent,
       count(*) FILTER (WHERE f.status = 'SUBMITTED')::int AS forms_submitted,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM f.submitted_at - f.sent_at) / 3600.0))
         FILTER (WHERE f.status = 'SUBMITTED' AND f.sent_at IS NOT NULL) AS median_hours_to_feedback
  FROM interview_sessions s
  JOIN feedback_forms f ON f.session_id = s.id
  JOIN interviewers i ON i.id = f.interviewer_id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
 GROUP BY i.id
 ORDER BY i.name, i.id;

-- name: interviewer_responses
-- calibration: this interviewer's overall fit minus the mean of the session's panel, over the
-- sessions where at least one other panelist answered
SELECT interviewer_id,
       avg(overall_fit)::float8 AS average_overall_fit,
       avg(overall_fit - panel_mean) FILTER (WHERE panel_size > 1)::float8 AS calibration_delta
  FROM (
    SELECT fr.interviewer_id, fr.overall_fit,
           avg(fr.overall_fit) OVER (PARTITION BY fr.session_id) AS panel_mean,
           count(*) OVER (PARTITION BY fr.session_id) AS panel_size
      FROM interview_sessions s
      JOIN feedback_responses fr ON fr.session_id = s.id
     WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
       AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
  ) responses
 GROUP BY interviewer_id;

-- name: weekly_sessions
-- weeks start on Monday 00:00 UTC
SELECT date_trunc('week', s.completed_at, 'UTC') AS week_start,
       count(*)::int AS sessions_completed,
       avg(a.fit_score) FILTER (WHERE a.fit_band IS NOT NULL)::float8 AS average_fit_score
  FROM interview_sessions s
  LEFT JOIN candidate_answers a ON a.session_id = s.id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
 GROUP BY 1
 ORDER BY 1;

-- name: weekly_forms
SELECT date_trunc('week', s.completed_at, 'UTC') AS week_start,
       count(*) FILTER (WHERE f.sent_at IS NOT NULL OR f.status IN ('SUBMITTED', 'DECLINED'))::int AS forms_sent,
       count(*) FILTER (WHERE f.status = 'SUBMITTED')::int AS forms_submitted
  FROM interview_sessions s
  JOIN feedback_forms f ON f.session_id = s.id
 WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
   AND ($4::uuid IS NULL OR s.role_id = $4::uuid)
 GROUP BY 1;
