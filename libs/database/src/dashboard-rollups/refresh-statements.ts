import { ALL_ROLES_KEY, bucketsOf, COARSE_SHIFT, GRAINS } from './rollup-keys';

/**
 * The statements that bring a set of sessions' dashboard contribution up to date. Each one, for one
 * kind of fact (sessions, forms, responses, criterion ratings):
 *   1. computes the sessions' facts afresh from the write model (`fresh`),
 *   2. deletes their stored facts, keeping them (`old`), and stores the fresh ones,
 *   3. adds (fresh − old) to every rollup row they fall in: both role keys × every grain.
 * (`stored` waits for `old` to be read in full, so the old rows are gone before the fresh ones
 * with the same keys go in.) Running them again changes nothing (the delta is zero), so a session may be refreshed any
 * number of times; only the drain's per-organization lock keeps two refreshes of the same
 * organization from interleaving.
 *
 * `ids` is a query giving `session_id`s (a parameter array for drains, a whole organization for
 * rebuilds).
 */
export type RefreshMode = 'delta' | 'rebuild';

export function refreshStatements(ids: string, mode: RefreshMode = 'delta'): string[] {
  return [sessionFacts(ids, mode), formFacts(ids, mode), responseFacts(ids, mode), ratingFacts(ids, mode)];
}

/**
 * Rebuild: the facts of whole organizations go in once (their old facts and rollups deleted
 * first), summed into day rows (months for interviewers); the coarser grains are then summed from
 * the finer rows — far cheaper than adding every fact to five grains.
 */
export function rebuildStatements(ids: string): string[] {
  const finer: [string, string, string][] = [
    ['W', 'D', 'week'],
    ['M', 'D', 'month'],
    ['Q', 'M', 'quarter'],
    ['Y', 'Q', 'year'],
  ];
  const coarser = (table: string, keys: string[], sums: string[], steps: [string, string, string][]) =>
    steps.map(
      ([grain, from, unit]) => `
      INSERT INTO ${table} (${[...keys, ...sums].join(', ')})
      SELECT ${keys.map((k) => (k === 'grain' ? `'${grain}'` : k === 'bucket' ? `date_trunc('${unit}', bucket)::date` : k)).join(', ')},
             ${sums.map((c) => `sum(${c})`).join(', ')}
        FROM ${table} WHERE organization_id = ANY($1::uuid[]) AND grain = '${from}'
       GROUP BY ${keys
         .filter((k) => k !== 'grain')
         .map((k) => (k === 'bucket' ? `date_trunc('${unit}', bucket)::date` : k))
         .join(', ')}`,
    );
  return [
    ...refreshStatements(ids, 'rebuild'),
    ...coarser('dashboard_rollups', ROLLUP_KEY, Object.keys({ ...SESSION_SUMS, ...FORM_SUMS }), finer),
    ...coarser('dashboard_hist_rollups', ROLLUP_KEY, Object.keys({ ...ANSWER_HISTOGRAM, ...FEEDBACK_HISTOGRAM }), finer),
    ...coarser('dashboard_criterion_rollups', CRITERION_KEY, Object.keys(RATING_SUMS), finer),
    ...coarser(
      'dashboard_interviewer_rollups',
      INTERVIEWER_KEY,
      Object.keys({ ...INTERVIEWER_FORM_SUMS, ...INTERVIEWER_RESPONSE_SUMS }),
      finer,
    ),
  ];
}

const n = (condition: string) => `coalesce(sum(sign) FILTER (WHERE ${condition}), 0)`;
const total = (expression: string) => `coalesce(sum(sign * ${expression}), 0)`;

/**
 * Delta: fresh with sign +1, old with −1, × {the session's role, all roles} × every grain.
 * Rebuild: fresh only, × both role keys × day and month.
 */
function keyed(mode: RefreshMode, roleKeys = `(c.role_id), ('${ALL_ROLES_KEY}'::uuid)`, units: Record<string, string> = {}): string {
  // each unit: the packed-histogram number of the fact's bin (dashboard_histogram_units), 0 without one
  const names = Object.keys(units);
  return `
  contrib AS (SELECT 1 AS sign, * FROM fresh${mode === 'delta' ? ' UNION ALL SELECT -1 AS sign, * FROM old' : ''}),
  keyed AS MATERIALIZED (
    SELECT c.*, ${names.map((name) => `coalesce(${name}.unit, 0) AS ${name}, `).join('')}k.role_key, g.grain, g.bucket
      FROM contrib c ${names.map((name) => `LEFT JOIN dashboard_histogram_units ${name} ON ${name}.bin = c.${units[name]}`).join(' ')}
      CROSS JOIN LATERAL (VALUES ${roleKeys}) k(role_key)
      ${bucketsOf(`(c.completed_at AT TIME ZONE 'UTC')`, mode === 'delta' ? GRAINS : ['M', 'D'])}
  )`;
}

/** Old facts of the sessions, deleted (delta), or none (rebuild: deleted beforehand); then the fresh ones stored. */
function replaceFacts(table: string, mode: RefreshMode, where: string): string {
  if (mode === 'rebuild') return `old AS (SELECT * FROM ${table} WHERE false), stored AS (INSERT INTO ${table} SELECT * FROM fresh)`;
  return `old AS (DELETE FROM ${table} f WHERE ${where} RETURNING f.*),
    stored AS (INSERT INTO ${table} SELECT * FROM fresh WHERE (SELECT count(*) FROM old) >= 0)`;
}

/** INSERT … SELECT sums GROUP BY key ON CONFLICT DO UPDATE add; rows whose sums are all 0 are skipped; keys in order. */
function upsert(table: string, keys: string[], columns: Record<string, string>, where = 'true'): string {
  const names = Object.keys(columns);
  return `
    INSERT INTO ${table} AS r (${[...keys, ...names].join(', ')})
    SELECT ${keys.join(', ')}, ${names.map((name) => `${columns[name]} AS ${name}`).join(', ')}
      FROM keyed WHERE ${where}
     GROUP BY ${keys.join(', ')}
    HAVING ${names.map((name) => `${columns[name]} <> 0`).join(' OR ')}
     ORDER BY ${keys.join(', ')}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${names.map((name) => `${name} = r.${name} + EXCLUDED.${name}`).join(', ')}`;
}

const ROLLUP_KEY = ['organization_id', 'role_key', 'grain', 'bucket'];
const INTERVIEWER_KEY = [...ROLLUP_KEY, 'interviewer_id'];
const CRITERION_KEY = ['organization_id', 'grain', 'bucket', 'role_id', 'criterion_id'];
/** Grains of the session, histogram and criterion rows a refresh writes (rebuild: days, the rest summed from them). */
const rows = (mode: RefreshMode) => (mode === 'delta' ? 'true' : `grain = 'D'`);
/**
 * Interviewers and histograms are rolled up per role by year, quarter and month only (per week or
 * day that would be about one row per form, or a packed number per few forms: those scopes read
 * the facts); for all roles at every grain.
 * Rebuild: all-roles days and per-role months, the rest summed from them.
 */
const monthlyPerRoleRows = (mode: RefreshMode) =>
  mode === 'delta'
    ? `(role_key = '${ALL_ROLES_KEY}' OR grain IN ('Y', 'Q', 'M'))`
    : `((role_key = '${ALL_ROLES_KEY}' AND grain = 'D') OR (role_key <> '${ALL_ROLES_KEY}' AND grain = 'M'))`;

const SESSION_SUMS = {
  sessions: 'sum(sign)',
  asked: n('asked'),
  released: n('released'),
  withheld: n('withheld'),
  helpful_yes: n('helpful'),
  helpful_rated: n('helpful IS NOT NULL'),
  band1: n('fit_band = 1'),
  band2: n('fit_band = 2'),
  band3: n('fit_band = 3'),
  band4: n('fit_band = 4'),
  fit_score_sum: total('fit_score'),
  fit_score_n: n('fit_score IS NOT NULL'),
  // promises of an answer date: kept, released (by the date or not), still open (decided once their date passes)
  promises_kept: n('promise_kept'),
  promises_released: n('promise_released'),
  promises_open: n('promised_by IS NOT NULL AND NOT promise_released'),
};
const FORM_SUMS = { forms_sent: n('sent'), forms_submitted: n('submitted'), forms_declined: n('declined') };
const INTERVIEWER_FORM_SUMS = {
  forms: 'sum(sign)',
  forms_sent: n('sent'),
  forms_submitted: n('submitted'),
  histogram: total('coarse_unit'),
};
/** The fine histograms, packed: bin b counts 2^(32·b) (see dashboard_hist_rollups). */
const FEEDBACK_HISTOGRAM = { feedback: total('fine_unit') };
const ANSWER_HISTOGRAM = { answer: total('answer_unit') };
const INTERVIEWER_RESPONSE_SUMS = {
  responses: 'sum(sign)',
  fit_sum: total('overall_fit'),
  calibration_n: n('calibration IS NOT NULL'),
  calibration_sum: total('calibration'),
};
const RATING_SUMS = { ratings: total('ratings'), rated: total('rated'), rating_sum: total('rating_sum'), lacking: total('lacking') };

function sessionFacts(ids: string, mode: RefreshMode): string {
  return `
    WITH ids AS (${ids}),
    fresh AS (
      SELECT s.id AS session_id, s.organization_id, s.role_id, s.completed_at,
             q.id IS NOT NULL AS asked,
             coalesce(a.status = 'RELEASED', false) AS released,
             coalesce(a.status = 'WITHHELD', false) AS withheld,
             a.helpful,
             a.fit_band,
             CASE WHEN a.fit_band IS NOT NULL THEN a.fit_score END AS fit_score,
             h.hours AS answer_hours,
             dashboard_hours_bin(h.hours) AS answer_bin,
             q.answer_expected_by AS promised_by,
             coalesce(a.status = 'RELEASED' AND a.released_at <= q.answer_expected_by, false) AS promise_kept,
             coalesce(q.answer_expected_by IS NOT NULL AND a.status = 'RELEASED' AND a.released_at IS NOT NULL, false) AS promise_released
        FROM interview_sessions s
        LEFT JOIN fit_feedback_requests q ON q.session_id = s.id
        LEFT JOIN candidate_answers a ON a.session_id = s.id
        -- from the session's end to the answer's release, for candidates who asked
        CROSS JOIN LATERAL (SELECT CASE WHEN q.id IS NOT NULL AND a.status = 'RELEASED'
                                        THEN (extract(epoch FROM a.released_at - s.ends_at) / 3600.0)::float8 END AS hours) h
       WHERE s.id IN (SELECT session_id FROM ids) AND s.status = 'COMPLETED'
    ),
    ${replaceFacts('dashboard_session_facts', mode, 'f.session_id IN (SELECT session_id FROM ids)')},
    ${keyed(mode, undefined, { answer_unit: 'answer_bin' })},
    answer_histogram AS (${upsert('dashboard_hist_rollups', ROLLUP_KEY, ANSWER_HISTOGRAM, monthlyPerRoleRows(mode))})
    ${upsert('dashboard_rollups', ROLLUP_KEY, SESSION_SUMS, rows(mode))}`;
}

/**
 * A form counts as sent once it was sent or answered (submitted or declined), whatever the order
 * in which those events were recorded: a form answered before its invitation's send was recorded
 * has no sent_at, and would otherwise make submitted + declined exceed sent.
 */
const FORM_SENT = `(f.sent_at IS NOT NULL OR f.status IN ('SUBMITTED', 'DECLINED'))`;
/** Hours from sending to submission; an answer recorded before the send counts as immediate, never negative. */
const HOURS_TO_FEEDBACK = `CASE WHEN f.status = 'SUBMITTED' AND f.sent_at IS NOT NULL
  THEN greatest(0, extract(epoch FROM f.submitted_at - f.sent_at) / 3600.0) END`;

function formFacts(ids: string, mode: RefreshMode): string {
  return `
    WITH ids AS (${ids}),
    fresh AS (
      SELECT f.id AS form_id, f.session_id, s.organization_id, s.role_id, s.completed_at, f.interviewer_id,
             ${FORM_SENT} AS sent, f.status = 'SUBMITTED' AS submitted, f.status = 'DECLINED' AS declined,
             h.hours, h.bin, (h.bin >> ${COARSE_SHIFT})::smallint AS coarse_bin
        FROM interview_sessions s
        JOIN feedback_forms f ON f.session_id = s.id
        CROSS JOIN LATERAL (SELECT ${HOURS_TO_FEEDBACK}::float8 AS hours) h0
        CROSS JOIN LATERAL (SELECT h0.hours, dashboard_hours_bin(h0.hours) AS bin) h
       WHERE s.id IN (SELECT session_id FROM ids) AND s.status = 'COMPLETED'
    ),
    -- by form too: a form that moved to another session leaves its old one's facts here
    ${replaceFacts(
      'dashboard_form_facts',
      mode,
      // one key list, not an OR: PostgreSQL would scan the whole table for `session_id IN … OR form_id IN …`
      `f.form_id IN (SELECT form_id FROM dashboard_form_facts WHERE session_id IN (SELECT session_id FROM ids) UNION SELECT form_id FROM fresh)`,
    )},
    ${keyed(mode, undefined, { coarse_unit: 'coarse_bin', fine_unit: 'bin' })},
    feedback_histogram AS (${upsert('dashboard_hist_rollups', ROLLUP_KEY, FEEDBACK_HISTOGRAM, monthlyPerRoleRows(mode))}),
    interviewers AS (${upsert('dashboard_interviewer_rollups', INTERVIEWER_KEY, INTERVIEWER_FORM_SUMS, monthlyPerRoleRows(mode))})
    ${upsert('dashboard_rollups', ROLLUP_KEY, FORM_SUMS, rows(mode))}`;
}

function responseFacts(ids: string, mode: RefreshMode): string {
  return `
    WITH ids AS (${ids}),
    fresh AS (
      SELECT r.id AS response_id, r.session_id, s.organization_id, s.role_id, s.completed_at, r.interviewer_id, r.overall_fit,
             -- calibration: this overall fit minus the panel's mean, where someone else on the panel answered
             CASE WHEN count(*) OVER panel > 1 THEN r.overall_fit - avg(r.overall_fit) OVER panel END AS calibration
        FROM interview_sessions s
        JOIN feedback_responses r ON r.session_id = s.id
       WHERE s.id IN (SELECT session_id FROM ids) AND s.status = 'COMPLETED'
      WINDOW panel AS (PARTITION BY r.session_id)
    ),
    ${replaceFacts(
      'dashboard_response_facts',
      mode,
      `f.response_id IN (SELECT response_id FROM dashboard_response_facts WHERE session_id IN (SELECT session_id FROM ids) UNION SELECT response_id FROM fresh)`,
    )},
    ${keyed(mode)}
    ${upsert('dashboard_interviewer_rollups', INTERVIEWER_KEY, INTERVIEWER_RESPONSE_SUMS, monthlyPerRoleRows(mode))}`;
}

function ratingFacts(ids: string, mode: RefreshMode): string {
  return `
    WITH ids AS (${ids}),
    fresh AS (
      SELECT r.session_id, cr.criterion_id, s.organization_id, s.role_id, s.completed_at,
             count(*)::int AS ratings, count(cr.rating)::int AS rated, coalesce(sum(cr.rating), 0)::int AS rating_sum,
             count(*) FILTER (WHERE cr.rating <= 2)::int AS lacking
        FROM interview_sessions s
        JOIN feedback_responses r ON r.session_id = s.id
        JOIN criterion_ratings cr ON cr.response_id = r.id
       WHERE s.id IN (SELECT session_id FROM ids) AND s.status = 'COMPLETED'
       GROUP BY r.session_id, cr.criterion_id, s.organization_id, s.role_id, s.completed_at
    ),
    ${replaceFacts('dashboard_rating_facts', mode, 'f.session_id IN (SELECT session_id FROM ids)')},
    -- a criterion belongs to one role: no all-roles key, the rows of every role are summed instead
    ${keyed(mode, '(c.role_id)')}
    ${upsert('dashboard_criterion_rollups', CRITERION_KEY, RATING_SUMS, rows(mode))}`;
}
