import type { Client } from 'pg';

import { HISTORY_DAYS, ROLES_PER_ORG, SeedOrgPlan } from './plan';
import { Add, pick, U, uid } from './sql';
import {
  DECLINE_REASONS,
  GAPS,
  HELPFUL_COMMENTS,
  MESSAGES,
  NEXT_STEPS,
  PRIVATE_NOTES,
  RATING_NOTES,
  SESSION_KINDS,
  STRENGTHS,
  WITHHOLD_REASONS,
} from './vocabulary';

/** One slice of one organization's sessions with all that hangs off them; returns the responses written. */
export async function seedChunk(client: Client, org: SeedOrgPlan, lo: number, hi: number, anchor: Date, add: Add): Promise<number> {
  const a = '$4::timestamptz';
  await client.query(
    `CREATE TEMP TABLE seed_s AS
     WITH g AS (
       SELECT o.org_idx, o.id AS org_id, o.deadline_hours, o.min_resp, o.n_iv, o.n_cand, o.recruiter_id, j,
              o.org_idx::bigint * 10000000 + j AS k,
              CASE WHEN j < $5 THEN 'COMPLETED' WHEN j < $5 + $6 THEN 'CANCELLED' ELSE 'SCHEDULED' END AS status
         FROM seed_org o CROSS JOIN generate_series($2::int, $3::int) j
        WHERE o.org_idx = $1
     ), t1 AS (
       SELECT g.*,
              floor(${ROLES_PER_ORG} * power(${U('k', 1)}, 1.7))::int AS role_idx,
              CASE WHEN status = 'SCHEDULED' THEN -(1 + 30 * ${U('k', 4)})
                   WHEN ${U('k', 3)} < 0.5 THEN ${HISTORY_DAYS} * ${U('k', 4)}
                   ELSE ${HISTORY_DAYS} * (1 - sqrt(${U('k', 4)})) END AS day_back,
              make_interval(hours => 8 + floor(9 * ${U('k', 5)})::int, mins => 15 * floor(4 * ${U('k', 6)})::int) AS time_of_day,
              (ARRAY[45, 60, 60, 90])[1 + floor(4 * ${U('k', 7)})::int] AS minutes
         FROM g
     ), t2 AS (
       SELECT t1.*, date_trunc('day', ${a} - day_back * interval '1 day', 'UTC') + time_of_day AS raw_start FROM t1
     ), t3 AS (
       SELECT t2.*,
              raw_start + CASE extract(isodow FROM raw_start AT TIME ZONE 'UTC') WHEN 6 THEN -1 WHEN 7 THEN 1 ELSE 0 END * interval '1 day' AS start0
         FROM t2
     ), t4 AS (
       SELECT t3.*,
              CASE WHEN status <> 'SCHEDULED' AND start0 + minutes * interval '1 minute' > ${a} - interval '1 hour'
                   THEN start0 - interval '7 days' ELSE start0 END AS starts_at
         FROM t3
     )
     SELECT k, ${uid('s', 'k')} AS id, org_idx, org_id, deadline_hours, min_resp, n_iv, recruiter_id, status, role_idx,
            ${uid('r', 'org_idx::bigint * 1000 + role_idx')} AS role_id,
            ${uid('k', `org_idx::bigint * 10000000 + least(n_cand - 1, greatest(0, floor(n_cand * (1 - greatest(day_back, 0) / ${HISTORY_DAYS}.0) - ${U('k', 2)} * n_cand * 0.02)))::int`)} AS candidate_id,
            ${pick(SESSION_KINDS, U('k', 10))} AS title,
            starts_at,
            starts_at + minutes * interval '1 minute' AS ends_at,
            CASE WHEN status = 'COMPLETED' THEN starts_at + minutes * interval '1 minute' + ${U('k', 8)} * interval '10 minutes' END AS completed_at,
            CASE WHEN status = 'CANCELLED' THEN starts_at - ${U('k', 9)} * interval '48 hours' END AS cancelled_at,
            starts_at - (1 + 13 * ${U('k', 16)}) * interval '1 day' AS created_at,
            CASE WHEN ${U('k', 11)} < 0.1 THEN 1 WHEN ${U('k', 11)} < 0.38 THEN 2 WHEN ${U('k', 11)} < 0.84 THEN 3 ELSE 4 END AS base_fit,
            CASE WHEN ${U('k', 12)} < 0.2 THEN 2 WHEN ${U('k', 12)} < 0.8 THEN 3 ELSE 4 END AS n_forms,
            floor(n_iv * ${U('k', 13)})::int AS iv_start,
            status = 'COMPLETED' AND ${U('k', 14)} < 0.6 AS asked,
            ${U('k', 15)} < 0.02 AS flagged
       FROM t4`,
    [org.index, lo, hi, anchor, org.completedSessions, org.cancelledSessions],
  );
  add(
    'interview_sessions',
    (
      await client.query(
        `INSERT INTO interview_sessions (id, organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at,
                                         feedback_due_at, cancelled_at, scheduled_by, created_at)
         SELECT id, org_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at,
                completed_at + deadline_hours * interval '1 hour', cancelled_at, recruiter_id, least(created_at, now())
           FROM seed_s`,
      )
    ).rowCount,
  );

  const b = '$1::timestamptz';
  await client.query(
    `CREATE TEMP TABLE seed_f AS
     WITH f AS (
       SELECT s.k, s.id AS session_id, s.org_id, s.org_idx, s.role_idx, s.base_fit, s.completed_at, s.deadline_hours,
              s.completed_at + s.deadline_hours * interval '1 hour' AS due_at,
              s.k * 8 + n AS fk, iv.id AS interviewer_id, iv.submit_p, iv.speed, iv.bias
         FROM seed_s s
         CROSS JOIN LATERAL generate_series(0, s.n_forms - 1) n
         JOIN seed_iv iv ON iv.org_idx = s.org_idx AND iv.i = (s.iv_start + n) % s.n_iv
        WHERE s.status = 'COMPLETED'
     ), f2 AS (
       SELECT f.*,
              ${U('fk', 21)} AS p,
              least(deadline_hours * 0.97, 0.1 + deadline_hours * 0.6 * power(${U('fk', 22)}, 2.2) * speed) AS h_submit,
              0.5 + 24 * ${U('fk', 23)} AS h_decline,
              completed_at + (5 + 115 * ${U('fk', 24)}) * interval '1 second' AS sent0
         FROM f
     ), f3 AS (
       SELECT f2.*,
              CASE WHEN p < submit_p THEN 'SUBMITTED'
                   WHEN (p - submit_p) / (1 - submit_p) < 0.35 THEN 'DECLINED'
                   WHEN (p - submit_p) / (1 - submit_p) < 0.93 THEN 'EXPIRED'
                   ELSE 'FAILED' END AS intended,
              extract(epoch FROM ${b} - sent0) / 3600 AS elapsed_h
         FROM f2
     )
     SELECT f3.*,
            CASE WHEN intended = 'FAILED' THEN 'FAILED'
                 WHEN intended = 'SUBMITTED' AND h_submit < elapsed_h THEN 'SUBMITTED'
                 WHEN intended = 'DECLINED' AND h_decline < elapsed_h THEN 'DECLINED'
                 WHEN intended = 'EXPIRED' AND due_at <= ${b} THEN 'EXPIRED'
                 WHEN ${U('fk', 25)} < 0.5 THEN 'OPENED' ELSE 'SENT' END AS status
       FROM f3`,
    [anchor],
  );
  add(
    'feedback_forms',
    (
      await client.query(
        `INSERT INTO feedback_forms (id, organization_id, session_id, interviewer_id, status, link_version, sent_at, opened_at, submitted_at,
                                     declined_at, decline_reason, expires_at, reminders_sent, last_error, created_at)
         SELECT ${uid('f', 'fk')}, org_id, session_id, interviewer_id, status,
                CASE WHEN ${U('fk', 26)} < 0.03 THEN 2 ELSE 1 END,
                CASE WHEN status <> 'FAILED' THEN sent0 END,
                CASE status
                  WHEN 'SUBMITTED' THEN sent0 + h_submit * ${U('fk', 27)} * interval '1 hour'
                  WHEN 'DECLINED' THEN sent0 + h_decline * ${U('fk', 27)} * interval '1 hour'
                  WHEN 'OPENED' THEN sent0 + elapsed_h * ${U('fk', 27)} * interval '1 hour'
                  WHEN 'EXPIRED' THEN CASE WHEN ${U('fk', 28)} < 0.4 THEN sent0 + 24 * ${U('fk', 27)} * interval '1 hour' END
                END,
                CASE WHEN status = 'SUBMITTED' THEN sent0 + h_submit * interval '1 hour' END,
                CASE WHEN status = 'DECLINED' THEN sent0 + h_decline * interval '1 hour' END,
                CASE WHEN status = 'DECLINED' THEN ${pick(DECLINE_REASONS, U('fk', 29))} END,
                due_at,
                CASE status WHEN 'FAILED' THEN 0 ELSE
                  (CASE status WHEN 'SUBMITTED' THEN h_submit WHEN 'DECLINED' THEN h_decline WHEN 'EXPIRED' THEN deadline_hours ELSE elapsed_h END >= 24)::int +
                  (CASE status WHEN 'SUBMITTED' THEN h_submit WHEN 'DECLINED' THEN h_decline WHEN 'EXPIRED' THEN deadline_hours ELSE elapsed_h END >= deadline_hours - 4)::int
                END,
                CASE WHEN status = 'FAILED' THEN 'SMTP 550: mailbox unavailable' END,
                completed_at
           FROM seed_f`,
      )
    ).rowCount,
  );

  await client.query(
    `CREATE TEMP TABLE seed_r AS
     SELECT fk, k, ${uid('p', 'fk')} AS id, ${uid('f', 'fk')} AS form_id, session_id, org_id, org_idx, role_idx, interviewer_id,
            base_fit, completed_at, sent0 + h_submit * interval '1 hour' AS submitted_at,
            greatest(1, least(4, base_fit
              + CASE WHEN ${U('fk', 31)} < 0.18 THEN -1 WHEN ${U('fk', 31)} > 0.84 THEN 1 ELSE 0 END
              + CASE WHEN ${U('fk', 32)} < 0.5 THEN bias ELSE 0 END))::smallint AS overall_fit,
            CASE WHEN ${U('fk', 33)} < 0.55 THEN ${pick(MESSAGES, U('fk', 34))} END AS candidate_message
       FROM seed_f WHERE status = 'SUBMITTED'`,
  );
  const responses =
    (
      await client.query(
        `INSERT INTO feedback_responses (id, organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps,
                                         next_steps, candidate_message, private_note, submitted_at)
         SELECT id, org_id, form_id, session_id, interviewer_id, overall_fit,
                ${pick(STRENGTHS, U('fk', 35))}, ${pick(GAPS, U('fk', 36))},
                CASE WHEN ${U('fk', 37)} < 0.3 THEN ${pick(NEXT_STEPS, U('fk', 38))} END,
                candidate_message,
                CASE WHEN ${U('fk', 39)} < 0.15 THEN ${pick(PRIVATE_NOTES, U('fk', 40))} END,
                submitted_at
           FROM seed_r`,
      )
    ).rowCount ?? 0;
  add('feedback_responses', responses);

  // one row per criterion of the profile at the time of the session; null = not assessed
  await client.query(
    `CREATE TEMP TABLE seed_cr AS
     SELECT r.k, r.id AS response_id, r.org_id, c.id AS criterion_id, c.label, c.kind, c.weight, c.position, c.slot, x.rk,
            CASE WHEN ${U('x.rk', 41)} < CASE WHEN c.kind = 'EXPERIENCE' THEN 0.12 ELSE 0.06 END THEN NULL
                 ELSE greatest(1, least(4, round(r.base_fit + c.difficulty + (${U('x.rk', 42)} - 0.5) * 2.2)))::smallint END AS rating
       FROM seed_r r
       JOIN seed_crit c ON c.org_idx = r.org_idx AND c.role_idx = r.role_idx
                       AND c.created_at <= r.completed_at AND (c.retired_at IS NULL OR c.retired_at > r.completed_at)
       CROSS JOIN LATERAL (SELECT r.fk * 16 + c.slot AS rk) x`,
  );
  add(
    'criterion_ratings',
    (
      await client.query(
        `INSERT INTO criterion_ratings (response_id, criterion_id, organization_id, rating, note)
         SELECT response_id, criterion_id, org_id, rating, CASE WHEN rating IS NOT NULL AND ${U('rk', 43)} < 0.08 THEN ${pick(RATING_NOTES, U('rk', 44))} END
           FROM seed_cr`,
      )
    ).rowCount,
  );

  // the answer as composeSessionAnswer would have left it (DESIGN.md "Composing the answer")
  add(
    'candidate_answers',
    (
      await client.query(
        `INSERT INTO candidate_answers (id, organization_id, session_id, status, fit_band, fit_score, profile, strengths, gaps, next_steps,
                                        message, responses_count, flags, withheld_reason, composed_at, released_at, released_by,
                                        helpful, helpful_comment, rated_at, updated_at)
         WITH forms AS (
           SELECT k, count(*)::int AS panel,
                  count(*) FILTER (WHERE status IN ('SUBMITTED', 'DECLINED', 'EXPIRED', 'FAILED'))::int AS settled,
                  count(*) FILTER (WHERE status = 'SUBMITTED')::int AS responses,
                  bool_or(status = 'EXPIRED') AS any_expired,
                  max(CASE status WHEN 'SUBMITTED' THEN sent0 + h_submit * interval '1 hour'
                                  WHEN 'DECLINED' THEN sent0 + h_decline * interval '1 hour' END) AS last_answer_at
             FROM seed_f GROUP BY k
         ), panel AS (
           SELECT k, percentile_disc(0.5) WITHIN GROUP (ORDER BY overall_fit) AS fit_band,
                  string_agg(candidate_message, E'\\n\\n' ORDER BY candidate_message) AS message
             FROM seed_r GROUP BY k
         ), crit AS (
           SELECT k, criterion_id, label, kind, weight, position, slot, avg(rating)::float8 AS m
             FROM seed_cr GROUP BY k, criterion_id, label, kind, weight, position, slot
         ), profile AS (
           SELECT k,
                  round(100 * sum(weight * (m - 1) / 3) / nullif(sum(weight) FILTER (WHERE m IS NOT NULL), 0))::smallint AS fit_score,
                  jsonb_agg(jsonb_build_object('criterionId', criterion_id, 'criterion', label, 'kind', kind, 'level',
                    CASE WHEN m IS NULL THEN 'NOT_ASSESSED' WHEN m >= 3.5 THEN 'STRENGTH' WHEN m >= 3 THEN 'MEETS'
                         WHEN m >= 2 THEN 'PARTLY' ELSE 'NOT_YET' END) ORDER BY position, slot) AS profile,
                  coalesce((array_agg(label ORDER BY m DESC, weight DESC, position) FILTER (WHERE m >= 3))[1:5], '{}') AS strengths,
                  coalesce((array_agg(label ORDER BY weight DESC, m, position) FILTER (WHERE m <= 2))[1:5], '{}') AS gaps
             FROM crit GROUP BY k
         ), s AS (
           SELECT s.k, s.id, s.org_id, s.completed_at, s.min_resp, s.asked, s.flagged, s.recruiter_id,
                  fo.panel, fo.settled, fo.responses, ro.policy, ro.next_steps,
                  greatest(1, least(s.min_resp, fo.panel)) AS required,
                  CASE WHEN fo.any_expired THEN s.completed_at + s.deadline_hours * interval '1 hour'
                       ELSE greatest(s.completed_at + interval '1 minute', fo.last_answer_at) END AS composed_at
             FROM seed_s s
             JOIN forms fo ON fo.k = s.k
             JOIN seed_role ro ON ro.org_idx = s.org_idx AND ro.role_idx = s.role_idx
         ), d AS (
           SELECT s.*, p.fit_band, p.message, pr.fit_score, pr.profile, pr.strengths, pr.gaps,
                  s.settled = s.panel AND s.responses < s.required AS too_few,
                  CASE WHEN s.settled < s.panel THEN 'WAITING_FOR_FEEDBACK'
                       WHEN s.responses < s.required THEN 'WITHHELD'
                       WHEN s.policy = 'AUTO_RELEASE' AND NOT s.flagged THEN 'RELEASED'
                       WHEN s.composed_at > ${b} - interval '7 days' THEN 'AWAITING_REVIEW'
                       WHEN ${U('s.k', 51)} < 0.85 THEN 'RELEASED' ELSE 'WITHHELD' END AS status
             FROM s LEFT JOIN panel p ON p.k = s.k LEFT JOIN profile pr ON pr.k = s.k
         ), e AS (
           SELECT d.*,
                  CASE WHEN status = 'RELEASED' THEN
                    CASE WHEN policy = 'AUTO_RELEASE' AND NOT flagged THEN composed_at ELSE composed_at + (1 + 71 * ${U('k', 52)}) * interval '1 hour' END
                  END AS released_at
             FROM d
         ), f AS (
           SELECT e.*, released_at + (1 + 47 * ${U('k', 53)}) * interval '1 hour' AS rate_at,
                  status = 'RELEASED' AND asked AND ${U('k', 54)} < 0.5 AND released_at + (1 + 47 * ${U('k', 53)}) * interval '1 hour' <= ${b} AS rated
             FROM e
         )
         SELECT ${uid('a', 'k')}, org_id, id, status,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN fit_band END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN fit_score END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN coalesce(profile, '[]') ELSE '[]' END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN strengths ELSE '{}' END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN gaps ELSE '{}' END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN next_steps END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN message END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' THEN responses ELSE 0 END,
                CASE WHEN flagged AND status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN ARRAY['culture fit / personality'] ELSE '{}' END,
                CASE WHEN too_few THEN 'not enough feedback: ' || responses || ' of ' || required || ' required responses'
                     WHEN status = 'WITHHELD' THEN ${pick(WITHHOLD_REASONS, U('k', 55))} END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' THEN composed_at END,
                released_at,
                CASE WHEN status = 'RELEASED' AND (policy <> 'AUTO_RELEASE' OR flagged) THEN recruiter_id END,
                CASE WHEN rated THEN ${U('k', 56)} < 0.45 + 0.1 * fit_band END,
                CASE WHEN rated AND ${U('k', 57)} < 0.2 THEN ${pick(HELPFUL_COMMENTS, U('k', 58))} END,
                CASE WHEN rated THEN rate_at END,
                least(now(), CASE WHEN rated THEN rate_at ELSE coalesce(released_at, composed_at, completed_at) END)
           FROM f`,
        [anchor],
      )
    ).rowCount,
  );

  add(
    'fit_feedback_requests',
    (
      await client.query(
        `INSERT INTO fit_feedback_requests (id, organization_id, session_id, source, requested_at)
         SELECT ${uid('q', 'k')}, org_id, id,
                CASE WHEN ${U('k', 61)} < 0.65 THEN 'PORTAL' WHEN ${U('k', 61)} < 0.9 THEN 'INTERVIEWER' ELSE 'RECRUITER' END,
                least(${b}, starts_at + 26 * ${U('k', 62)} * interval '1 hour')
           FROM seed_s WHERE asked`,
        [anchor],
      )
    ).rowCount,
  );

  await client.query('DROP TABLE seed_s, seed_f, seed_r, seed_cr');
  return responses;
}
