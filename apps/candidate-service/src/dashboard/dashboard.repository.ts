import {
  ALL_ROLES_KEY,
  COARSE_BINS,
  COARSE_BITS,
  drainOrganization,
  InTransaction,
  preparedQuery,
  PreparedStatement,
  transactionsOn,
} from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

import { ReadReplica } from '../common/read-replica';
import { BinPick, medianOf, medianPicks } from './dashboard-median';
import { Bucket, FactRange, planRange } from './dashboard-range';

export interface DashboardScope {
  organizationId: string;
  from: Date;
  to: Date;
  roleId: string | null;
}

export interface CriterionStatRow {
  id: string;
  label: string;
  description: string | null;
  kind: 'SKILL' | 'EXPERIENCE' | 'QUALITY';
  weight: number;
  role_title: string;
  average_rating: number | null;
  rated_count: number;
  lacking_count: number;
}

export interface InterviewerStatRow {
  id: string;
  name: string;
  email: string;
  forms_sent: number;
  forms_submitted: number;
  median_hours_to_feedback: number | null;
  average_overall_fit: number | null;
  calibration_delta: number | null;
}

export interface WeeklyStatRow {
  /** ISO 8601 text, as json_agg writes a timestamptz. */
  week_start: string;
  sessions_completed: number;
  response_rate: number | null;
  average_fit_score: number | null;
}

export interface ClosingFeedbackRow {
  role_found: boolean;
  sessions_completed: number;
  fit_feedback_requested: number;
  forms_sent: number;
  forms_submitted: number;
  forms_declined: number;
  response_rate: number | null;
  median_hours_to_feedback: number | null;
  answers_released: number;
  answers_withheld: number;
  median_hours_to_answer: number | null;
  helpful_rate: number | null;
  promises_kept_rate: number | null;
  /** Composed answers per fit band, index 0 = band 1 (NOT_A_FIT) … index 3 = band 4. */
  fit_band_counts: [number, number, number, number];
  criteria: CriterionStatRow[];
  interviewers: InterviewerStatRow[];
  weekly: WeeklyStatRow[];
}

interface AggregateRow {
  role_found: boolean;
  totals: {
    sessions: number;
    asked: number;
    released: number;
    withheld: number;
    helpful_yes: number;
    helpful_rated: number;
    band1: number;
    band2: number;
    band3: number;
    band4: number;
    forms_sent: number;
    forms_submitted: number;
    forms_declined: number;
  };
  feedback_histogram: [number, number][];
  answer_histogram: [number, number][];
  criteria: CriterionStatRow[];
  /** histogram: the packed coarse histogram (see dashboard_interviewer_rollups), as decimal text. */
  interviewers: (Omit<InterviewerStatRow, 'median_hours_to_feedback'> & { histogram: string })[];
  weekly: {
    week_start: string;
    sessions_completed: number;
    forms_sent: number;
    forms_submitted: number;
    average_fit_score: number | null;
  }[];
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
/** SQL: rows of a facts table whose completion falls in one of the ranges of the flat [from, to, from, to] array `$n`. */
const inRanges = (n: number) => {
  const at = (i: number) => `($${n}::timestamptz[])[${i}]`;
  return `((completed_at >= ${at(1)} AND completed_at < ${at(2)}) OR (completed_at >= ${at(3)} AND completed_at < ${at(4)}))`;
};
/** Per role or for all roles, a statement of its own: each keeps one plan that fits it (no `$2 IS NULL OR …`). */
const roleFilter = (perRole: boolean) => (perRole ? 'role_id = $2::uuid' : '$2::uuid IS NULL');

/**
 * Every figure except the medians in one statement, from the rollups (whole buckets, see
 * planRange) plus the per-session facts of what no bucket covers. Sums are exact; averages divide
 * the same integer or numeric sums PostgreSQL's avg() would, so they match the plain SQL to the bit.
 * $1 organization, $2 role or null, $3/$4 grains and buckets, $5/$6 the weekly series' buckets,
 * $7 the partial days, $8/$9 interviewer buckets, $10 the interviewer facts ranges.
 */
const aggregateSql = (perRole: boolean) => `
  WITH b AS (SELECT * FROM unnest($3::"char"[], $4::date[]) t(grain, bucket)),
  wb AS (SELECT * FROM unnest($5::"char"[], $6::date[]) t(grain, bucket)),
  ib AS (SELECT * FROM unnest($8::"char"[], $9::date[]) t(grain, bucket)),
  role_key AS (SELECT coalesce($2::uuid, '${ALL_ROLES_KEY}'::uuid) AS key),
  edge_sessions AS MATERIALIZED (
    SELECT * FROM dashboard_session_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(7)}
  ),
  edge_forms AS MATERIALIZED (
    SELECT * FROM dashboard_form_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(7)}
  ),
  rollups AS MATERIALIZED (
    SELECT r.* FROM dashboard_rollups r JOIN b ON r.grain = b.grain AND r.bucket = b.bucket
     WHERE r.organization_id = $1 AND r.role_key = (SELECT key FROM role_key)
  ),
  totals AS (
    SELECT json_build_object(
             'sessions', coalesce(sum(sessions), 0), 'asked', coalesce(sum(asked), 0),
             'released', coalesce(sum(released), 0), 'withheld', coalesce(sum(withheld), 0),
             'helpful_yes', coalesce(sum(helpful_yes), 0), 'helpful_rated', coalesce(sum(helpful_rated), 0),
             'band1', coalesce(sum(band1), 0), 'band2', coalesce(sum(band2), 0), 'band3', coalesce(sum(band3), 0), 'band4', coalesce(sum(band4), 0),
             'forms_sent', coalesce(sum(forms_sent), 0), 'forms_submitted', coalesce(sum(forms_submitted), 0),
             'forms_declined', coalesce(sum(forms_declined), 0)) AS totals
      FROM (
        SELECT sessions, asked, released, withheld, helpful_yes, helpful_rated, band1, band2, band3, band4,
               forms_sent, forms_submitted, forms_declined
          FROM rollups
        UNION ALL
        SELECT 1, asked::int, released::int, withheld::int, (helpful IS TRUE)::int, (helpful IS NOT NULL)::int,
               (fit_band = 1)::int, (fit_band = 2)::int, (fit_band = 3)::int, (fit_band = 4)::int, 0, 0, 0
          FROM edge_sessions
        UNION ALL
        SELECT 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sent::int, submitted::int, declined::int FROM edge_forms
      ) x
  ),
  histograms AS (
    SELECT metric, json_agg(json_build_array(bin, n) ORDER BY bin) AS bins
      FROM (
        SELECT metric, bin, sum(n)::int AS n
          FROM (
            SELECT h.metric, h.bin, h.n
              FROM dashboard_hist_rollups h JOIN b ON h.grain = b.grain AND h.bucket = b.bucket
             WHERE h.organization_id = $1 AND h.role_key = (SELECT key FROM role_key) AND h.metric IN ('f', 'a')
            UNION ALL SELECT 'f', bin, 1 FROM edge_forms WHERE bin IS NOT NULL
            UNION ALL SELECT 'a', answer_bin, 1 FROM edge_sessions WHERE answer_bin IS NOT NULL
          ) x
         GROUP BY metric, bin
        HAVING sum(n) > 0
      ) y
     GROUP BY metric
  ),
  criterion_sums AS (
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
  ),
  criteria_stats AS (
    SELECT c.id, c.label, c.description, c.kind, c.weight, ro.title AS role_title,
           CASE WHEN s.rated > 0 THEN (s.rating_sum::numeric / s.rated)::float8 END AS average_rating,
           s.rated AS rated_count, s.lacking AS lacking_count
      FROM criterion_sums s
      -- the organization's criteria and roles through their organization indexes, not all of them
      JOIN criteria c ON c.id = s.criterion_id AND c.organization_id = $1
      JOIN roles ro ON ro.id = c.role_id AND ro.organization_id = $1
  ),
  interviewer_forms AS MATERIALIZED (
    SELECT interviewer_id, sent, submitted, coarse_bin
      FROM dashboard_form_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(10)}
  ),
  interviewer_sums AS (
    SELECT interviewer_id, sum(forms) AS forms, sum(forms_sent)::int AS forms_sent, sum(forms_submitted)::int AS forms_submitted,
           sum(responses) AS responses, sum(fit_sum) AS fit_sum, sum(calibration_n) AS calibration_n, sum(calibration_sum) AS calibration_sum,
           sum(histogram)::text AS histogram
      FROM (
        SELECT i.interviewer_id, i.forms, i.forms_sent, i.forms_submitted, i.responses, i.fit_sum, i.calibration_n, i.calibration_sum, i.histogram
          FROM dashboard_interviewer_rollups i JOIN ib ON i.grain = ib.grain AND i.bucket = ib.bucket
         WHERE i.organization_id = $1 AND i.role_key = (SELECT key FROM role_key)
        UNION ALL
        SELECT interviewer_id, count(*), count(*) FILTER (WHERE sent), count(*) FILTER (WHERE submitted), 0, 0, 0, 0, 0
          FROM interviewer_forms GROUP BY interviewer_id
        UNION ALL
        SELECT f.interviewer_id, 0, 0, 0, 0, 0, 0, 0, count(*) * u.unit
          FROM interviewer_forms f JOIN dashboard_histogram_units u ON u.bin = f.coarse_bin
         GROUP BY f.interviewer_id, u.unit
        UNION ALL
        SELECT interviewer_id, 0, 0, 0, 1, overall_fit, (calibration IS NOT NULL)::int, coalesce(calibration, 0), 0
          FROM dashboard_response_facts WHERE organization_id = $1 AND ${roleFilter(perRole)} AND ${inRanges(10)}
      ) x
     GROUP BY interviewer_id
    HAVING sum(forms) > 0
  ),
  interviewer_stats AS (
    SELECT i.id, i.name, i.email, s.forms_sent, s.forms_submitted,
           CASE WHEN s.responses > 0 THEN (s.fit_sum::numeric / s.responses)::float8 END AS average_overall_fit,
           CASE WHEN s.calibration_n > 0 THEN (s.calibration_sum / s.calibration_n)::float8 END AS calibration_delta,
           s.histogram
      FROM interviewer_sums s JOIN interviewers i ON i.id = s.interviewer_id AND i.organization_id = $1
  ),
  weekly_sums AS (
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
  )
  SELECT ${perRole ? 'EXISTS (SELECT 1 FROM roles WHERE id = $2::uuid AND organization_id = $1)' : 'true'} AS role_found,
         (SELECT totals FROM totals) AS totals,
         coalesce((SELECT bins FROM histograms WHERE metric = 'f'), '[]') AS feedback_histogram,
         coalesce((SELECT bins FROM histograms WHERE metric = 'a'), '[]') AS answer_histogram,
         (SELECT coalesce(json_agg(c ORDER BY c.lacking_count DESC, c.average_rating ASC NULLS LAST, c.label, c.id), '[]') FROM criteria_stats c) AS criteria,
         (SELECT coalesce(json_agg(i ORDER BY i.name, i.id), '[]') FROM interviewer_stats i) AS interviewers,
         (SELECT coalesce(json_agg(json_build_object(
                   'week_start', (w.week::timestamp AT TIME ZONE 'UTC'), 'sessions_completed', w.sessions,
                   'forms_sent', w.forms_sent, 'forms_submitted', w.forms_submitted,
                   'average_fit_score', CASE WHEN w.fit_score_n > 0 THEN (w.fit_score_sum::numeric / w.fit_score_n)::float8 END)
                 ORDER BY w.week), '[]')
            FROM weekly_sums w) AS weekly`;

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

/**
 * Both statements are prepared once per connection, per role and for all roles (parsed once),
 * and always planned for their parameters: a generic plan, blind to how many buckets and picks
 * the arrays hold, was 4× slower on the big tenant.
 */
const STATEMENTS = {
  aggregate: [false, true].map((perRole): PreparedStatement => ({
    name: `dashboard-aggregate-${perRole ? 'role' : 'all'}`,
    text: aggregateSql(perRole),
  })),
  picks: [false, true].map((perRole): PreparedStatement => ({
    name: `dashboard-picks-${perRole ? 'role' : 'all'}`,
    text: pickSql(perRole),
  })),
};

/** The counts of a packed histogram: bin b is digit b in base 2^COARSE_BITS. */
export function unpackHistogram(packed: string): [number, number][] {
  const counts: [number, number][] = [];
  const mask = (1n << BigInt(COARSE_BITS)) - 1n;
  let rest = BigInt(packed.split('.')[0]!);
  for (let bin = 0; bin < COARSE_BINS && rest > 0n; bin++, rest >>= BigInt(COARSE_BITS)) counts.push([bin, Number(rest & mask)]);
  return counts;
}

/** Flat [from, to, from, to] of up to two ranges; a missing one is empty. */
function flatRanges(ranges: FactRange[]): Date[] {
  const epoch = new Date(0);
  const [first = [epoch, epoch], second = [epoch, epoch]] = ranges;
  return [...first, ...second];
}

const grains = (buckets: Bucket[]) => buckets.map((b) => b.grain);
const starts = (buckets: Bucket[]) => buckets.map((b) => b.start);

/**
 * The closing-feedback dashboard from the rollups (libs/database/src/dashboard-rollups): first the
 * organization's pending changes are folded in (only its dirty sessions, usually none), then two
 * statements in one REPEATABLE READ snapshot — every sum and count, then the middle values of the
 * medians. Cost grows with the number of buckets and keys, not with the sessions in the range.
 */
@Injectable()
export class DashboardRepository {
  private readonly inTransaction: InTransaction;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadReplica,
  ) {
    this.inTransaction = transactionsOn(this.dataSource);
  }

  async closingFeedback(scope: DashboardScope): Promise<ClosingFeedbackRow> {
    const query = (sql: string, params?: unknown[]) => this.dataSource.query(sql, params);
    // one probe: is the role the caller's, and are changes waiting to be folded into the rollups?
    // A refused request changes nothing, not even the rollups it would have brought up to date.
    const [probe] = (await query(
      `SELECT ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM roles WHERE id = $2::uuid AND organization_id = $1)) AS role_found,
              EXISTS (SELECT 1 FROM dashboard_dirty_sessions WHERE organization_id = $1) AS dirty`,
      [scope.organizationId, scope.roleId],
    )) as { role_found: boolean; dirty: boolean }[];
    if (!probe!.role_found) return { role_found: false } as ClosingFeedbackRow;
    if (probe!.dirty) {
      await drainOrganization(this.inTransaction, scope.organizationId, { wait: true });
    }
    // one snapshot for both statements: a drain committing in between would move the medians' ranks.
    // On the replica when it holds every fold of the organization (ReadReplica), else on the primary.
    return this.reads.snapshot(
      scope.organizationId,
      async (runner) => {
        const aggregate = await this.aggregate(runner, scope);
        return aggregate.role_found
          ? { ...(await this.withMedians(runner, scope, aggregate)), promises_kept_rate: await this.promisesKeptRate(runner, scope) }
          : ({ role_found: false } as ClosingFeedbackRow);
      },
      'SET LOCAL plan_cache_mode = force_custom_plan',
    );
  }

  private async aggregate(runner: QueryRunner, scope: DashboardScope): Promise<AggregateRow> {
    const plan = planRange(scope.from, scope.to);
    const all = scope.roleId === null;
    const rows = await preparedQuery<AggregateRow>(runner.manager, STATEMENTS.aggregate[all ? 0 : 1]!, [
      scope.organizationId,
      scope.roleId,
      grains(plan.buckets),
      starts(plan.buckets),
      grains(plan.weekBuckets),
      starts(plan.weekBuckets),
      flatRanges(plan.edges),
      // for all roles, interviewers are rolled up at every grain; per role by year/quarter/month
      grains(all ? plan.buckets : plan.interviewerBuckets),
      starts(all ? plan.buckets : plan.interviewerBuckets),
      flatRanges(all ? plan.edges : plan.interviewerFacts),
    ]);
    return rows[0]!;
  }

  /**
   * Not from the rollups: whether a promise was broken changes with time alone (its date passes
   * with no write to fold in), so it is counted here, over the range's sessions through their
   * (organization, role, completed_at) indexes. A promise counts once it is decided: the answer
   * was released (kept when by the date), or the date passed without a release (broken).
   */
  private async promisesKeptRate(runner: QueryRunner, scope: DashboardScope): Promise<number | null> {
    const [row] = (await runner.query(
      `SELECT count(*) FILTER (WHERE a.released_at <= q.answer_expected_by)::int AS kept,
              count(*) FILTER (WHERE a.released_at IS NOT NULL OR q.answer_expected_by <= now())::int AS decided
         FROM interview_sessions s
         JOIN fit_feedback_requests q ON q.session_id = s.id
         LEFT JOIN candidate_answers a ON a.session_id = s.id AND a.status = 'RELEASED'
        WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND s.completed_at >= $2 AND s.completed_at < $3
          AND ($4::uuid IS NULL OR s.role_id = $4::uuid) AND q.answer_expected_by IS NOT NULL`,
      [scope.organizationId, scope.from, scope.to, scope.roleId],
    )) as { kept: number; decided: number }[];
    return rate(row!.kept, row!.decided);
  }

  private async withMedians(
    runner: QueryRunner,
    scope: DashboardScope,
    aggregate: AggregateRow,
  ): Promise<Omit<ClosingFeedbackRow, 'promises_kept_rate'>> {
    const feedback = medianPicks(aggregate.feedback_histogram);
    const answer = medianPicks(aggregate.answer_histogram);
    const interviewer: (BinPick & { id: string })[] = aggregate.interviewers.flatMap((i) =>
      medianPicks(unpackHistogram(i.histogram)).map((pick) => ({ ...pick, id: i.id })),
    );
    const values = { f: [] as number[], a: [] as number[], i: new Map<string, number[]>() };
    if (feedback.length + answer.length + interviewer.length > 0) {
      const column = <K extends keyof BinPick>(picks: BinPick[], key: K) => picks.map((p) => p[key]);
      const rows = await preparedQuery<{ kind: 'f' | 'a' | 'i'; interviewer_id: string | null; pick: string; values: number[] | null }>(
        runner.manager,
        STATEMENTS.picks[scope.roleId === null ? 0 : 1]!,
        [
          scope.organizationId,
          scope.roleId,
          scope.from,
          scope.to,
          column(feedback, 'bin'),
          column(feedback, 'offset'),
          column(feedback, 'limit'),
          column(answer, 'bin'),
          column(answer, 'offset'),
          column(answer, 'limit'),
          interviewer.map((p) => p.id),
          column(interviewer, 'bin'),
          column(interviewer, 'offset'),
          column(interviewer, 'limit'),
        ],
      );
      rows.sort((a, b) => Number(a.pick) - Number(b.pick));
      for (const row of rows) {
        const picked = row.values ?? [];
        if (row.kind === 'i') values.i.set(row.interviewer_id!, [...(values.i.get(row.interviewer_id!) ?? []), ...picked]);
        else values[row.kind].push(...picked);
      }
    }

    const t = aggregate.totals;
    return {
      role_found: true,
      sessions_completed: t.sessions,
      fit_feedback_requested: t.asked,
      forms_sent: t.forms_sent,
      forms_submitted: t.forms_submitted,
      forms_declined: t.forms_declined,
      response_rate: rate(t.forms_submitted, t.forms_sent),
      median_hours_to_feedback: medianOf(values.f),
      answers_released: t.released,
      answers_withheld: t.withheld,
      median_hours_to_answer: medianOf(values.a),
      helpful_rate: rate(t.helpful_yes, t.helpful_rated),
      fit_band_counts: [t.band1, t.band2, t.band3, t.band4],
      criteria: aggregate.criteria,
      interviewers: aggregate.interviewers.map(({ histogram: _histogram, ...i }) => ({
        ...i,
        median_hours_to_feedback: medianOf(values.i.get(i.id) ?? []),
      })),
      weekly: aggregate.weekly.map((w) => ({
        week_start: w.week_start,
        sessions_completed: w.sessions_completed,
        response_rate: rate(w.forms_submitted, w.forms_sent),
        average_fit_score: w.average_fit_score,
      })),
    };
  }
}
