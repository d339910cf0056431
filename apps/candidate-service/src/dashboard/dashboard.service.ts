import { FIT_BANDS } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import { ClosingFeedbackDashboardModel } from './dashboard.model';
import { ClosingFeedbackRow, DashboardRepository } from './dashboard.repository';

export const DEFAULT_RANGE_DAYS = 90;
export const MAX_RANGE_YEARS = 5;
// PostgreSQL's timestamptz cannot hold every JavaScript date; nobody interviewed outside these years
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DashboardArgs {
  roleId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

@Injectable()
export class DashboardService {
  constructor(private readonly dashboards: DashboardRepository) {}

  /**
   * Defaults: to = now, from = to − 90 days. The range is half-open, [from, to), over the
   * sessions' completion time.
   */
  async closingFeedback(organizationId: string, args: DashboardArgs, now = new Date()): Promise<ClosingFeedbackDashboardModel> {
    const v = new InputValidator();
    const givenFrom = args.from == null ? null : this.moment(v, 'from', args.from);
    const to = args.to == null ? now : this.moment(v, 'to', args.to);
    const from = givenFrom ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    if (v.valid) {
      if (from.getTime() > to.getTime()) v.fail('to', 'must not be before from');
      else if (from.getTime() < yearsBefore(to, MAX_RANGE_YEARS).getTime())
        v.fail('from', `must be at most ${MAX_RANGE_YEARS} years before to`);
    }
    v.throwIfInvalid();

    const roleId = args.roleId ?? null;
    if (roleId !== null && !isUuid(roleId)) throw DomainError.notFound('Role');
    const row = await this.dashboards.closingFeedback({ organizationId, from, to, roleId });
    if (!row.role_found) throw DomainError.notFound('Role');
    return toModel(row, from, to);
  }

  private moment(v: InputValidator, field: string, value: Date): Date {
    const date = v.date(field, value);
    if (!v.has(field) && (date.getTime() < EARLIEST || date.getTime() >= LATEST)) v.fail(field, 'must be between the years 1970 and 9999');
    return date;
  }
}

function yearsBefore(date: Date, years: number): Date {
  const earlier = new Date(date.getTime());
  earlier.setUTCFullYear(earlier.getUTCFullYear() - years);
  return earlier;
}

function toModel(row: ClosingFeedbackRow, from: Date, to: Date): ClosingFeedbackDashboardModel {
  return {
    from,
    to,
    sessionsCompleted: row.sessions_completed,
    fitFeedbackRequested: row.fit_feedback_requested,
    formsSent: row.forms_sent,
    formsSubmitted: row.forms_submitted,
    responseRate: row.response_rate,
    medianHoursToFeedback: row.median_hours_to_feedback,
    answersReleased: row.answers_released,
    answersWithheld: row.answers_withheld,
    formsDeclined: row.forms_declined,
    medianHoursToAnswer: row.median_hours_to_answer,
    helpfulRate: row.helpful_rate,
    promisesKeptRate: row.promises_kept_rate,
    fitDistribution: FIT_BANDS.map((band, index) => ({ band, count: row.fit_band_counts[index] })),
    criteria: row.criteria.map((c) => ({
      criterion: { id: c.id, label: c.label, description: c.description, kind: c.kind, weight: c.weight },
      roleTitle: c.role_title,
      averageRating: c.average_rating,
      ratedCount: c.rated_count,
      lackingCount: c.lacking_count,
    })),
    interviewers: row.interviewers.map((i) => ({
      interviewer: { id: i.id, name: i.name, email: i.email },
      formsSent: i.forms_sent,
      formsSubmitted: i.forms_submitted,
      medianHoursToFeedback: i.median_hours_to_feedback,
      averageOverallFit: i.average_overall_fit,
      calibrationDelta: i.calibration_delta,
    })),
    weekly: row.weekly.map((w) => ({
      weekStart: new Date(w.week_start),
      sessionsCompleted: w.sessions_completed,
      responseRate: w.response_rate,
      averageFitScore: w.average_fit_score,
    })),
  };
}
