// The closing-feedback dashboard's statements (dashboard.repository.ts runs them).
import { ALL_ROLES_KEY } from '@closer/database';

/**
 * Whether the role is the caller's (always, for all roles), and whether changes are waiting to be
 * folded into the rollups. $1 organization, $2 role or null.
 */
export const PROBE_SQL = `
  SELECT ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM roles WHERE id = $2::uuid AND organization_id = $1)) AS role_found,
         EXISTS (SELECT 1 FROM dashboard_dirty_sessions WHERE organization_id = $1) AS dirty`;

/** SQL: rows of a facts table whose completion falls in one of the ranges of the flat [from, to, from, to] array `$n`. */
const inRanges = (n: number) => {
  const at = (i: number) => `($${n}::timestamptz[])[${i}]`;
  return `((completed_at >= ${at(1)} AND completed_at < ${at(2)}) OR (completed_at >= ${at(3)} AND completed_at < ${at(4)}))`;
};
/** Per role or for all roles, a statement of its own: each keeps one plan that fits it (no `$2 IS NULL OR …`). */
const roleFilter = (perRole: boolean) => (perRole ? 'role_id = $2::uuid' : '$2::uuid IS NULL');

/** The figure groups a statement reads: a query pays only for the groups its selection holds. */
export const DASHBOARD_PARTS = ['totals', 'medians', 'promises', 'criteria', 'interviewers', 'interviewerMedians', 'weekly'] as const;
export type DashboardPart = (typeof DASHBOARD_PARTS)[number];

/**
 * Every figure of the requested groups except the medians' middle values, in one statement, from
 * the rollups (whole buckets, see planRange) plus the per-session facts of what no bucket covers.
 * Sums are exact; averages divide the same integer or numeric sums PostgreSQL's avg() would, so
 * they match the plain SQL to the bit. The medians' histograms come packed (one numeric each).
 * $1 organization, $2 role or null, $3/$4 grains and buckets, $5/$6 the weekly series' buckets,
 * $7 the partial days, $8/$9 the buckets of the rollups kept per role by month only
 * (interviewers, histograms), $10 the facts ranges they leave, $11/$12 from and to.
 */
const aggregateSql = (perRole: boolean, parts: ReadonlySet<DashboardPart>) => {
  const has = (part: DashboardPart) => parts.has(part);
  const monthlyFacts = has('interviewers') || has('medians');
  const ctes: string[] = [
    // every parameter's type, whichever groups reference it (an unreferenced one has none otherwise)
    `args AS (SELECT $1::uuid, $2::uuid, $3::"char"[], $4::date[], $5::"char"[], $6::date[], $7::timestamptz[],
                     $8::"char"[], $9::date[], $10::timestamptz[], $11::timestamptz, $12::timestamptz)`,
    `b AS (SELECT * FROM unnest($3::"char"[], $4::date[]) t(grain, bucket))`,
    `wb AS (SELECT * FROM unnest($5::"char"[], $6::date[]) t(grain, bucket))`,
    `mb AS (SELECT * FROM unnest($8::"char"[], $9::date[]) t(grain, bucket))`,
    `role_key AS (SELECT coalesce($2::uuid, '${ALL_ROLES_KEY}'::uuid) AS key)`,
    `edge_sessions AS MATERIALIZED (
      SELECT * FROM dashboard_session_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(7)}
    )`,
    `edge_forms AS MATERIALIZED (
      SELECT * FROM dashboard_form_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(7)}
    )`,
  ];
  const columns: string[] = [];
  if (has('totals')) {
    ctes.push(`totals AS (
    SELECT json_build_object(
             'sessions', coalesce(sum(sessions), 0), 'asked', coalesce(sum(asked), 0),
             'released', coalesce(sum(released), 0), 'withheld', coalesce(sum(withheld), 0),
             'helpful_yes', coalesce(sum(helpful_yes), 0), 'helpful_rated', coalesce(sum(helpful_rated), 0),
             'band1', coalesce(sum(band1), 0), 'band2', coalesce(sum(band2), 0), 'band3', coalesce(sum(band3), 0), 'band4', coalesce(sum(band4), 0),
             'forms_sent', coalesce(sum(forms_sent), 0), 'forms_submitted', coalesce(sum(forms_submitted), 0),
             'forms_declined', coalesce(sum(forms_declined), 0)) AS totals
      FROM (
        SELECT r.sessions, r.asked, r.released, r.withheld, r.helpful_yes, r.helpful_rated, r.band1, r.band2, r.band3, r.band4,
               r.forms_sent, r.forms_submitted, r.forms_declined
          FROM dashboard_rollups r JOIN b ON r.grain = b.grain AND r.bucket = b.bucket
         WHERE r.organization_id = $1 AND r.role_key = (SELECT key FROM role_key)
        UNION ALL
        SELECT 1, asked::int, released::int, withheld::int, (helpful IS TRUE)::int, (helpful IS NOT NULL)::int,
               (fit_band = 1)::int, (fit_band = 2)::int, (fit_band = 3)::int, (fit_band = 4)::int, 0, 0, 0
          FROM edge_sessions
        UNION ALL
        SELECT 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sent::int, submitted::int, declined::int FROM edge_forms
      ) x
  )`);
    columns.push('(SELECT totals FROM totals) AS totals');
  }
  if (monthlyFacts) {
    ctes.push(`monthly_forms AS MATERIALIZED (
      SELECT interviewer_id, sent, submitted, bin, coarse_bin
        FROM dashboard_form_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(10)}
    )`);
  }
  if (has('medians')) {
    // packed like the rollups: bin b's count is digit b in base 2^32
    ctes.push(`histograms AS (
    SELECT coalesce(sum(feedback), 0)::text AS feedback, coalesce(sum(answer), 0)::text AS answer
      FROM (
        SELECT h.feedback, h.answer
          FROM dashboard_hist_rollups h JOIN mb ON h.grain = mb.grain AND h.bucket = mb.bucket
         WHERE h.organization_id = $1 AND h.role_key = (SELECT key FROM role_key)
        UNION ALL
        SELECT count(*) * u.unit, 0 FROM monthly_forms f JOIN dashboard_histogram_units u ON u.bin = f.bin GROUP BY u.unit
        UNION ALL
        SELECT 0, count(*) * u.unit
          FROM dashboard_session_facts s JOIN dashboard_histogram_units u ON u.bin = s.answer_bin
         WHERE s.organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(10)}
         GROUP BY u.unit
      ) x
  )`);
    columns.push('(SELECT feedback FROM histograms) AS feedback_histogram', '(SELECT answer FROM histograms) AS answer_histogram');
  }
  if (has('criteria')) {
    ctes.push(`criterion_sums AS (
    SELECT criterion_id, sum(ratings) AS ratings, sum(rated)::int AS rated, sum(rating_sum) AS rating_sum, sum(lacking)::int AS lacking
      FROM (
        SELECT c.criterion_id, c.ratings, c.rated, c.rating_sum, c.lacking
          FROM dashboard_criterion_rollups c JOIN b ON c.grain = b.grain AND c.bucket = b.bucket
         WHERE c.organization_id = $1 AND ${perRole ? 'c.role_id = $2::uuid' : 'true'}
        UNION ALL
        SELECT criterion_id, ratings, rated, rating_sum, lacking
          FROM dashboard_rating_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(7)}
      ) x
     GROUP BY criterion_id
    HAVING sum(ratings) > 0
  )`);
    ctes.push(`criteria_stats AS (
    SELECT c.id, c.label, c.description, c.kind, c.weight, ro.title AS role_title,
           CASE WHEN s.rated > 0 THEN (s.rating_sum::numeric / s.rated)::float8 END AS average_rating,
           s.rated AS rated_count, s.lacking AS lacking_count
      FROM criterion_sums s
      -- the organization's criteria and roles through their organization indexes, not all of them
      JOIN criteria c ON c.id = s.criterion_id AND c.organization_id = $1
      JOIN roles ro ON ro.id = c.role_id AND ro.organization_id = $1
  )`);
    columns.push(
      `(SELECT coalesce(json_agg(c ORDER BY c.lacking_count DESC, c.average_rating ASC NULLS LAST, c.label, c.id), '[]') FROM criteria_stats c) AS criteria`,
    );
  }
  if (has('interviewers')) {
    // the packed histograms only when their medians are asked for
    const histograms = has('interviewerMedians');
    ctes.push(`interviewer_sums AS (
    SELECT interviewer_id, sum(forms) AS forms, sum(forms_sent)::int AS forms_sent, sum(forms_submitted)::int AS forms_submitted,
           sum(responses) AS responses, sum(fit_sum) AS fit_sum, sum(calibration_n) AS calibration_n, sum(calibration_sum) AS calibration_sum,
           ${histograms ? 'sum(histogram)::text' : 'NULL::text'} AS histogram
      FROM (
        SELECT i.interviewer_id, i.forms, i.forms_sent, i.forms_submitted, i.responses, i.fit_sum, i.calibration_n, i.calibration_sum,
               ${histograms ? 'i.histogram' : '0'} AS histogram
          FROM dashboard_interviewer_rollups i JOIN mb ON i.grain = mb.grain AND i.bucket = mb.bucket
         WHERE i.organization_id = $1 AND i.role_key = (SELECT key FROM role_key)
        UNION ALL
        SELECT interviewer_id, count(*), count(*) FILTER (WHERE sent), count(*) FILTER (WHERE submitted), 0, 0, 0, 0, 0
          FROM monthly_forms GROUP BY interviewer_id
        ${
          histograms
            ? `UNION ALL
        SELECT f.interviewer_id, 0, 0, 0, 0, 0, 0, 0, count(*) * u.unit
          FROM monthly_forms f JOIN dashboard_histogram_units u ON u.bin = f.coarse_bin
         GROUP BY f.interviewer_id, u.unit`
            : ''
        }
        UNION ALL
        SELECT interviewer_id, 0, 0, 0, 1, overall_fit, (calibration IS NOT NULL)::int, coalesce(calibration, 0), 0
          FROM dashboard_response_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(10)}
      ) x
     GROUP BY interviewer_id
    HAVING sum(forms) > 0
  )`);
    ctes.push(`interviewer_stats AS (
    SELECT i.id, i.name, i.email, s.forms_sent, s.forms_submitted,
           CASE WHEN s.responses > 0 THEN (s.fit_sum::numeric / s.responses)::float8 END AS average_overall_fit,
           CASE WHEN s.calibration_n > 0 THEN (s.calibration_sum / s.calibration_n)::float8 END AS calibration_delta,
           s.histogram
      FROM interviewer_sums s JOIN interviewers i ON i.id = s.interviewer_id AND i.organization_id = $1
  )`);
    columns.push(`(SELECT coalesce(json_agg(i ORDER BY i.name, i.id), '[]') FROM interviewer_stats i) AS interviewers`);
  }
  if (has('weekly')) {
    ctes.push(`weekly_sums AS (
    SELECT week, sum(sessions)::int AS sessions, sum(forms_sent)::int AS forms_sent, sum(forms_submitted)::int AS forms_submitted,
           sum(fit_score_sum) AS fit_score_sum, sum(fit_score_n) AS fit_score_n
      FROM (
        SELECT date_trunc('week', r.bucket)::date AS week, r.sessions, r.forms_sent, r.forms_submitted, r.fit_score_sum, r.fit_score_n
          FROM dashboard_rollups r JOIN wb ON r.grain = wb.grain AND r.bucket = wb.bucket
         WHERE r.organization_id = $1 AND r.role_key = (SELECT key FROM role_key)
        UNION ALL
        SELECT date_trunc('week', completed_at AT TIME ZONE 'UTC')::date, 1, 0, 0, coalesce(fit_score, 0), (fit_score IS NOT NULL)::int
          FROM edge_sessions
        UNION ALL
        SELECT date_trunc('week', completed_at AT TIME ZONE 'UTC')::date, 0, sent::int, submitted::int, 0, 0 FROM edge_forms
      ) x
     GROUP BY week
    HAVING sum(sessions) > 0
  )`);
    columns.push(`(SELECT coalesce(json_agg(json_build_object(
                   'week_start', (w.week::timestamp AT TIME ZONE 'UTC'), 'sessions_completed', w.sessions,
                   'forms_sent', w.forms_sent, 'forms_submitted', w.forms_submitted,
                   'average_fit_score', CASE WHEN w.fit_score_n > 0 THEN (w.fit_score_sum::numeric / w.fit_score_n)::float8 END)
                 ORDER BY w.week), '[]')
            FROM weekly_sums w) AS weekly`);
  }
  if (has('promises')) {
    // a promise of an answer date counts once decided: the answer was released (kept when by the
    // date), or the date passed without a release. Time alone decides the open ones, so the
    // rollups count them all and those whose date is still ahead are taken off (a handful, found
    // through a partial index)
    ctes.push(`promises AS (
    SELECT coalesce(sum(kept), 0)::int AS kept, coalesce(sum(decided), 0)::int AS decided
      FROM (
        SELECT r.promises_kept AS kept, r.promises_released + r.promises_open AS decided
          FROM dashboard_rollups r JOIN b ON r.grain = b.grain AND r.bucket = b.bucket
         WHERE r.organization_id = $1 AND r.role_key = (SELECT key FROM role_key)
        UNION ALL
        SELECT promise_kept::int, (promised_by IS NOT NULL)::int FROM edge_sessions
        UNION ALL
        SELECT 0, -1 FROM dashboard_session_facts
         WHERE organization_id = $1 AND promised_by > now() AND promised_by IS NOT NULL AND NOT promise_released
           AND completed_at >= $11 AND completed_at < $12 AND ${roleFilter(perRole)}
      ) x
  )`);
    columns.push(`(SELECT json_build_object('kept', kept, 'decided', decided) FROM promises) AS promises`);
  }
  return `WITH ${ctes.join(',\n  ')}\n  SELECT ${columns.join(',\n         ')}`;
};

/**
 * The middle values of the medians' bins: `kind` f (hours to feedback, fine bins), a (hours to
 * answer, fine bins) or i (one interviewer's hours to feedback, coarse bins); each pick reads its
 * bin's rows in value order through an index and keeps those in [from, to) (and of the role).
 * $1 organization, $2 role or null, $3 from, $4 to, $5… the picks as parallel arrays.
 */
const pickSql = (perRole: boolean) => `
  SELECT 'f' AS kind, NULL::uuid AS interviewer_id, t.i AS pick, v.values
    FROM unnest($5::smallint[], $6::int[], $7::int[]) WITH ORDINALITY t(bin, skip, take, i)
    CROSS JOIN LATERAL (
      SELECT array_agg(hours) AS values FROM (
        SELECT hours FROM dashboard_form_facts
         WHERE organization_id = $1 AND bin = t.bin AND completed_at >= $3 AND completed_at < $4 AND ${roleFilter(perRole)}
         ORDER BY hours OFFSET t.skip LIMIT t.take) x) v
  UNION ALL
  SELECT 'a', NULL, t.i, v.values
    FROM unnest($8::smallint[], $9::int[], $10::int[]) WITH ORDINALITY t(bin, skip, take, i)
    CROSS JOIN LATERAL (
      SELECT array_agg(answer_hours) AS values FROM (
        SELECT answer_hours FROM dashboard_session_facts
         WHERE organization_id = $1 AND answer_bin = t.bin AND completed_at >= $3 AND completed_at < $4 AND ${roleFilter(perRole)}
         ORDER BY answer_hours OFFSET t.skip LIMIT t.take) x) v
  UNION ALL
  SELECT 'i', t.interviewer_id, t.i, v.values
    FROM unnest($11::uuid[], $12::smallint[], $13::int[], $14::int[]) WITH ORDINALITY t(interviewer_id, bin, skip, take, i)
    CROSS JOIN LATERAL (
      SELECT array_agg(hours) AS values FROM (
        SELECT hours FROM dashboard_form_facts
         WHERE organization_id = $1 AND interviewer_id = t.interviewer_id AND coarse_bin = t.bin
           AND completed_at >= $3 AND completed_at < $4 AND ${roleFilter(perRole)}
         ORDER BY hours OFFSET t.skip LIMIT t.take) x) v`;

const aggregates = new Map<string, string>();

/**
 * Per role and for all roles, each statement is planned for its parameters on every call (not
 * prepared): a generic plan, blind to how many buckets and picks the arrays hold, was 4× slower
 * on the big tenant. One aggregate statement per (role or not, figure groups), built once.
 */
export const DASHBOARD_SQL = {
  aggregate(perRole: boolean, parts: ReadonlySet<DashboardPart>): string {
    const key = `${perRole}:${DASHBOARD_PARTS.filter((part) => parts.has(part)).join(',')}`;
    let sql = aggregates.get(key);
    if (sql === undefined) aggregates.set(key, (sql = aggregateSql(perRole, parts)));
    return sql;
  },
  picks: { all: pickSql(false), role: pickSql(true) },
};
