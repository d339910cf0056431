import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ClientBase } from 'pg';

/** The closing-feedback dashboard exactly as the GraphQL contract returns it (the selection below). */
export interface DashboardNumbers {
  from: string;
  to: string;
  sessionsCompleted: number;
  fitFeedbackRequested: number;
  formsSent: number;
  formsSubmitted: number;
  responseRate: number | null;
  medianHoursToFeedback: number | null;
  answersReleased: number;
  answersWithheld: number;
  formsDeclined: number;
  medianHoursToAnswer: number | null;
  helpfulRate: number | null;
  promisesKeptRate: number | null;
  fitDistribution: { band: string; count: number }[];
  criteria: {
    criterion: { id: string; label: string; description: string | null; kind: string; weight: number };
    roleTitle: string;
    averageRating: number | null;
    ratedCount: number;
    lackingCount: number;
  }[];
  interviewers: {
    interviewer: { id: string; name: string; email: string };
    formsSent: number;
    formsSubmitted: number;
    medianHoursToFeedback: number | null;
    averageOverallFit: number | null;
    calibrationDelta: number | null;
  }[];
  weekly: { weekStart: string; sessionsCompleted: number; responseRate: number | null; averageFitScore: number | null }[];
}

export const DASHBOARD_QUERY = `
  query Dashboard($roleId: ID, $from: DateTime, $to: DateTime) {
    closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
      from to sessionsCompleted fitFeedbackRequested formsSent formsSubmitted responseRate medianHoursToFeedback
      answersReleased answersWithheld formsDeclined medianHoursToAnswer helpfulRate promisesKeptRate
      fitDistribution { band count }
      criteria { criterion { id label description kind weight } roleTitle averageRating ratedCount lackingCount }
      interviewers {
        interviewer { id name email }
        formsSent formsSubmitted medianHoursToFeedback averageOverallFit calibrationDelta
      }
      weekly { weekStart sessionsCompleted responseRate averageFitScore }
    }
  }`;

export interface DashboardScope {
  organizationId: string;
  from: Date;
  to: Date;
  roleId: string | null;
}

const FIT_BANDS = ['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT'] as const;

/** The named queries of dashboard-baseline.sql, in file order. */
export function baselineQueries(): Map<string, string> {
  const text = readFileSync(join(__dirname, 'dashboard-baseline.sql'), 'utf8');
  const queries = new Map<string, string>();
  for (const part of text.split(/^-- name: /m).slice(1)) {
    const newline = part.indexOf('\n');
    queries.set(
      part.slice(0, newline).trim(),
      part
        .slice(newline + 1)
        .trim()
        .replace(/;$/, ''),
    );
  }
  return queries;
}

interface Rows {
  sessions: {
    sessions_completed: number;
    fit_feedback_requested: number;
    answers_released: number;
    answers_withheld: number;
    helpful_yes: number;
    helpful_rated: number;
  };
  hours_to_answer: { median: number | null };
  promises: { kept: number; decided: number };
  fit_bands: { fit_band: number; count: number };
  forms: { forms_sent: number; forms_submitted: number; forms_declined: number; median_hours_to_feedback: number | null };
  criteria: {
    id: string;
    label: string;
    description: string | null;
    kind: string;
    weight: number;
    role_title: string;
    average_rating: number | null;
    rated_count: number;
    lacking_count: number;
  };
  interviewer_forms: {
    id: string;
    name: string;
    email: string;
    forms_sent: number;
    forms_submitted: number;
    median_hours_to_feedback: number | null;
  };
  interviewer_responses: { interviewer_id: string; average_overall_fit: number | null; calibration_delta: number | null };
  weekly_sessions: { week_start: Date; sessions_completed: number; average_fit_score: number | null };
  weekly_forms: { week_start: Date; forms_sent: number; forms_submitted: number };
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Runs the baseline's queries one after another on `client` and assembles the dashboard. */
export async function baselineDashboard(client: ClientBase, scope: DashboardScope, queries = baselineQueries()): Promise<DashboardNumbers> {
  const params = [scope.organizationId, scope.from, scope.to, scope.roleId];
  const run = async <K extends keyof Rows>(name: K): Promise<Rows[K][]> => {
    const sql = queries.get(name);
    if (!sql) throw new Error(`dashboard-baseline.sql has no query named ${name}`);
    return (await client.query(sql, params)).rows as Rows[K][];
  };
  const [sessions] = await run('sessions');
  const [answer] = await run('hours_to_answer');
  const [promises] = await run('promises');
  const bands = await run('fit_bands');
  const [forms] = await run('forms');
  const criteria = await run('criteria');
  const interviewerForms = await run('interviewer_forms');
  const interviewerResponses = new Map((await run('interviewer_responses')).map((row) => [row.interviewer_id, row]));
  const weeklySessions = await run('weekly_sessions');
  const weeklyForms = new Map((await run('weekly_forms')).map((row) => [row.week_start.getTime(), row]));

  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    sessionsCompleted: sessions.sessions_completed,
    fitFeedbackRequested: sessions.fit_feedback_requested,
    formsSent: forms.forms_sent,
    formsSubmitted: forms.forms_submitted,
    responseRate: rate(forms.forms_submitted, forms.forms_sent),
    medianHoursToFeedback: forms.median_hours_to_feedback,
    answersReleased: sessions.answers_released,
    answersWithheld: sessions.answers_withheld,
    formsDeclined: forms.forms_declined,
    medianHoursToAnswer: answer.median,
    helpfulRate: rate(sessions.helpful_yes, sessions.helpful_rated),
    promisesKeptRate: rate(promises.kept, promises.decided),
    fitDistribution: FIT_BANDS.map((band, index) => ({ band, count: bands.find((row) => row.fit_band === index + 1)?.count ?? 0 })),
    criteria: criteria.map((row) => ({
      criterion: { id: row.id, label: row.label, description: row.description, kind: row.kind, weight: row.weight },
      roleTitle: row.role_title,
      averageRating: row.average_rating,
      ratedCount: row.rated_count,
      lackingCount: row.lacking_count,
    })),
    interviewers: interviewerForms.map((row) => {
      const responses = interviewerResponses.get(row.id);
      return {
        interviewer: { id: row.id, name: row.name, email: row.email },
        formsSent: row.forms_sent,
        formsSubmitted: row.forms_submitted,
        medianHoursToFeedback: row.median_hours_to_feedback,
        averageOverallFit: responses?.average_overall_fit ?? null,
        calibrationDelta: responses?.calibration_delta ?? null,
      };
    }),
    weekly: weeklySessions.map((row) => {
      const forms = weeklyForms.get(row.week_start.getTime());
      return {
        weekStart: row.week_start.toISOString(),
        sessionsCompleted: row.sessions_completed,
        responseRate: forms ? rate(forms.forms_submitted, forms.forms_sent) : null,
        averageFitScore: row.average_fit_score,
      };
    }),
  };
}

/**
 * Every difference between two dashboards, as `path: expected ≠ actual`. Counts, ids, labels and
 * order must match exactly; fractional figures within 1e-9 (relative), since a different but
 * equally correct evaluation order may round the last bit differently.
 */
export function dashboardDifferences(expected: unknown, actual: unknown, path = 'dashboard'): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected) && Number.isInteger(actual)) return expected === actual ? [] : [`${path}: ${expected} ≠ ${actual}`];
    const scale = Math.max(1, Math.abs(expected), Math.abs(actual));
    return Math.abs(expected - actual) <= 1e-9 * scale ? [] : [`${path}: ${expected} ≠ ${actual}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const differences: string[] = [];
    if (expected.length !== actual.length) differences.push(`${path}.length: ${expected.length} ≠ ${actual.length}`);
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      differences.push(...dashboardDifferences(expected[i], actual[i], `${path}.${i}`));
    }
    return differences;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) =>
      dashboardDifferences((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return Object.is(expected, actual) ? [] : [`${path}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`];
}
