import { drainOrganization, FINE_BINS, InTransaction, transactionsOn } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { ReadReplica } from '../common/read-replica';
import { DASHBOARD_SQL, DashboardPart, PROBE_SQL } from './dashboard.sql';
import { BinPick, medianPicks, unpackHistogram } from './dashboard-median';
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
  average_overall_fit: number | null;
  calibration_delta: number | null;
}

export interface WeeklyStatRow {
  /** ISO 8601 text, as json_agg writes a timestamptz. */
  week_start: string;
  sessions_completed: number;
  forms_sent: number;
  forms_submitted: number;
  average_fit_score: number | null;
}

/** The sums and counts of a range; the medians are picked from its histograms. */
export interface AggregateRow {
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
  /** The packed fine histograms (see dashboard_hist_rollups), as decimal text. */
  feedback_histogram: string;
  answer_histogram: string;
  criteria: CriterionStatRow[];
  /** histogram: the packed coarse histogram (see dashboard_interviewer_rollups), as decimal text; null unless its medians are read. */
  interviewers: (InterviewerStatRow & { histogram: string | null })[];
  weekly: WeeklyStatRow[];
  /** Promises of an answer date that were kept, of those decided. */
  promises: { kept: number; decided: number };
}

/** What a read returns: the columns of the figure groups it asked for. */
export type PartialAggregate = Partial<AggregateRow>;

/** The values read for the medians, in value order: hours to feedback, hours to answer, and per interviewer. */
export interface MedianValues {
  feedback: number[];
  answer: number[];
  interviewer: Map<string, number[]>;
}

/** Everything the dashboard shows for a range, read in one snapshot. */
export interface DashboardSnapshot {
  aggregate: PartialAggregate;
  medianValues: MedianValues;
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
 * The closing-feedback dashboard from the rollups (libs/database/src/dashboard-rollups): the
 * organization's pending changes are folded in first (only its dirty sessions, usually none),
 * then the statements of dashboard.sql.ts run in one REPEATABLE READ snapshot — every sum and
 * count, then the middle values of the medians. Cost grows with the number of
 * buckets and keys, not with the sessions in the range.
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

  /** Is the role the caller's (always, for all roles), and are changes waiting to be folded into the rollups? */
  async probe(scope: DashboardScope): Promise<{ roleFound: boolean; dirty: boolean }> {
    const [row] = await this.dataSource.query<
      {
        role_found: boolean;
        dirty: boolean;
      }[]
    >(PROBE_SQL, [scope.organizationId, scope.roleId]);
    return { roleFound: row.role_found, dirty: row.dirty };
  }

  async foldPendingChanges(organizationId: string): Promise<void> {
    await drainOrganization(this.inTransaction, organizationId, { wait: true });
  }

  /**
   * One snapshot for every statement: a drain committing in between would move the medians' ranks.
   * On the replica when it holds every fold of the organization (ReadReplica), else on the primary.
   */
  snapshot(scope: DashboardScope, parts: ReadonlySet<DashboardPart>): Promise<DashboardSnapshot> {
    const empty: DashboardSnapshot = { aggregate: {}, medianValues: { feedback: [], answer: [], interviewer: new Map() } };
    if (parts.size === 0) return Promise.resolve(empty);
    return this.reads.snapshot(scope.organizationId, async ({ manager }) => {
      const aggregate = await this.aggregate(manager, scope, parts);
      return { aggregate, medianValues: await this.medianValues(manager, scope, aggregate) };
    });
  }

  private async aggregate(manager: EntityManager, scope: DashboardScope, parts: ReadonlySet<DashboardPart>): Promise<PartialAggregate> {
    const rows = await manager.query<PartialAggregate[]>(...aggregateStatement(scope, parts));
    return rows[0];
  }

  /** Reads the middle values the aggregate's histograms point at. */
  private async medianValues(manager: EntityManager, scope: DashboardScope, aggregate: PartialAggregate): Promise<MedianValues> {
    const statement = pickStatement(scope, aggregate);
    return medianValuesOf(statement ? await manager.query<PickRow[]>(...statement) : []);
  }
}

/** A statement and its parameters. */
export type Statement = [sql: string, params: unknown[]];
type PickRow = { kind: 'f' | 'a' | 'i'; interviewer_id: string | null; pick: string; values: number[] | null };

/** The sums and counts of the figure groups `parts`, and the medians' packed histograms (dashboard.sql.ts). */
export function aggregateStatement(scope: DashboardScope, parts: ReadonlySet<DashboardPart>): Statement {
  const plan = planRange(scope.from, scope.to);
  const all = scope.roleId === null;
  return [
    DASHBOARD_SQL.aggregate(!all, parts),
    [
      scope.organizationId,
      scope.roleId,
      grains(plan.buckets),
      starts(plan.buckets),
      grains(plan.weekBuckets),
      starts(plan.weekBuckets),
      flatRanges(plan.edges),
      // for all roles, interviewers and histograms are rolled up at every grain; per role by year/quarter/month
      grains(all ? plan.buckets : plan.interviewerBuckets),
      starts(all ? plan.buckets : plan.interviewerBuckets),
      flatRanges(all ? plan.edges : plan.interviewerFacts),
      scope.from,
      scope.to,
    ],
  ];
}

/** The statement reading the middle values the aggregate's histograms point at; null when there is none to read. */
export function pickStatement(scope: DashboardScope, aggregate: PartialAggregate): Statement | null {
  const feedback = medianPicks(unpackHistogram(aggregate.feedback_histogram, FINE_BINS));
  const answer = medianPicks(unpackHistogram(aggregate.answer_histogram, FINE_BINS));
  const interviewer: (BinPick & { id: string })[] = (aggregate.interviewers ?? []).flatMap((i) =>
    medianPicks(unpackHistogram(i.histogram)).map((pick) => ({ ...pick, id: i.id })),
  );
  if (feedback.length + answer.length + interviewer.length === 0) return null;
  const column = <K extends keyof BinPick>(picks: BinPick[], key: K) => picks.map((p) => p[key]);
  return [
    DASHBOARD_SQL.picks[scope.roleId === null ? 'all' : 'role'],
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
  ];
}

/** The picked values, in pick order per median. */
function medianValuesOf(rows: PickRow[]): MedianValues {
  const values: MedianValues = { feedback: [], answer: [], interviewer: new Map() };
  rows.sort((a, b) => Number(a.pick) - Number(b.pick));
  for (const row of rows) {
    const picked = row.values ?? [];
    if (row.kind === 'i') values.interviewer.set(row.interviewer_id!, [...(values.interviewer.get(row.interviewer_id!) ?? []), ...picked]);
    else (row.kind === 'f' ? values.feedback : values.answer).push(...picked);
  }
  return values;
}
