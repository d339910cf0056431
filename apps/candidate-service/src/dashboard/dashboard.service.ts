import { FIT_BANDS } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import { ClosingFeedbackDashboardModel } from './dashboard.model';
import { DashboardRepository, DashboardSnapshot } from './dashboard.repository';
import { DASHBOARD_PARTS, DashboardPart } from './dashboard.sql';
import { medianOf } from './dashboard-median';

export const DEFAULT_RANGE_DAYS = 90;
export const MAX_RANGE_YEARS = 5;
// PostgreSQL's timestamptz cannot hold every JavaScript date; nobody interviewed outside these years
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;
const ALL_PARTS: ReadonlySet<DashboardPart> = new Set(DASHBOARD_PARTS);

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
  async closingFeedback(
    organizationId: string,
    args: DashboardArgs,
    parts: ReadonlySet<DashboardPart> = ALL_PARTS,
    now = new Date(),
  ): Promise<ClosingFeedbackDashboardModel> {
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
    const scope = { organizationId, from, to, roleId };
    // checked before anything is folded in: a refused request changes nothing, not even the rollups
    const { roleFound, dirty } = await this.dashboards.probe(scope);
    if (!roleFound) throw DomainError.notFound('Role');
    if (dirty) await this.dashboards.foldPendingChanges(organizationId);
    return toModel(await this.dashboards.snapshot(scope, parts), from, to);
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

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Nothing counted: the figures of groups a query did not ask for (GraphQL never serves them). */
const NO_TOTALS: NonNullable<DashboardSnapshot['aggregate']['totals']> = {
  sessions: 0,
  asked: 0,
  released: 0,
  withheld: 0,
  helpful_yes: 0,
  helpful_rated: 0,
  band1: 0,
  band2: 0,
  band3: 0,
  band4: 0,
  forms_sent: 0,
  forms_submitted: 0,
  forms_declined: 0,
};

function toModel({ aggregate, medianValues }: DashboardSnapshot, from: Date, to: Date): ClosingFeedbackDashboardModel {
  const t = aggregate.totals ?? NO_TOTALS;
  const promises = aggregate.promises ?? { kept: 0, decided: 0 };
  const bands = [t.band1, t.band2, t.band3, t.band4];
  return {
    from,
    to,
    sessionsCompleted: t.sessions,
    fitFeedbackRequested: t.asked,
    formsSent: t.forms_sent,
    formsSubmitted: t.forms_submitted,
    responseRate: rate(t.forms_submitted, t.forms_sent),
    medianHoursToFeedback: medianOf(medianValues.feedback),
    answersReleased: t.released,
    answersWithheld: t.withheld,
    formsDeclined: t.forms_declined,
    medianHoursToAnswer: medianOf(medianValues.answer),
    helpfulRate: rate(t.helpful_yes, t.helpful_rated),
    promisesKeptRate: rate(promises.kept, promises.decided),
    fitDistribution: FIT_BANDS.map((band, index) => ({ band, count: bands[index] })),
    criteria: (aggregate.criteria ?? []).map((c) => ({
      criterion: { id: c.id, label: c.label, description: c.description, kind: c.kind, weight: c.weight },
      roleTitle: c.role_title,
      averageRating: c.average_rating,
      ratedCount: c.rated_count,
      lackingCount: c.lacking_count,
    })),
    interviewers: (aggregate.interviewers ?? []).map((i) => ({
      interviewer: { id: i.id, name: i.name, email: i.email },
      formsSent: i.forms_sent,
      formsSubmitted: i.forms_submitted,
      medianHoursToFeedback: medianOf(medianValues.interviewer.get(i.id) ?? []),
      averageOverallFit: i.average_overall_fit,
      calibrationDelta: i.calibration_delta,
    })),
    weekly: (aggregate.weekly ?? []).map((w) => ({
      weekStart: new Date(w.week_start),
      sessionsCompleted: w.sessions_completed,
      responseRate: rate(w.forms_submitted, w.forms_sent),
      averageFitScore: w.average_fit_score,
    })),
  };
}
