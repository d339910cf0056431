import { CloserConfig } from '@closer/config';
import { completeSessions } from '@closer/database';
import { JobName, QueueName } from '@closer/queue';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { jobIds } from '../queue/job-ids';
import { JobProducer } from '../queue/job-producer';
import { DECIDED_ANSWER_STATUSES, OPEN_FORM_STATUSES } from './feedback-statuses';
import { RetentionService } from './retention.service';
import { SessionSettlement } from './session-settlement.service';

/** Rows handled per category and sweep: a backlog drains over a few sweeps instead of one huge one. */
export const SWEEP_BATCH = 100;
export const SWEEPER_SCHEDULER_ID = 'feedback-sweeper';

/**
 * Every half "hour", at least every second and at most every minute: often enough that a lost
 * delayed job costs little time compared with the reminder and deadline offsets, rarely enough
 * to cost nothing with a real hour.
 */
export function sweepIntervalMs(hourMs: number): number {
  return Math.min(60_000, Math.max(1_000, Math.floor(hourMs / 2)));
}

export interface SweepReport {
  completed: number;
  settled: number;
  invites: number;
  reminders: number;
  escalations: number;
  lateAnswers: number;
  retentionErased: number;
}

/**
 * The self-healing half of "nothing lost": reads PostgreSQL (the source of truth) for work that
 * is due and not done, and does it or re-enqueues its job. Every step is conditional or
 * idempotent, so sweeps on several workers at once, or a sweep racing the job it covers for,
 * change nothing twice.
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SweeperService.name);
  private installing: Promise<void> = Promise.resolve();
  private reinstall?: NodeJS.Timeout;
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly settlement: SessionSettlement,
    private readonly config: CloserConfig,
    private readonly retention: RetentionService,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.installing = this.installScheduler();
    // the schedule lives only in Redis: a Redis that comes back without its data (no persistence,
    // failover, flush) would otherwise stop the sweeps until a worker restarts. Upserting again keeps
    // the next run's time.
    this.reinstall = setInterval(
      () => {
        this.installing = this.installing.then(() => this.installScheduler());
      },
      Math.max(sweepIntervalMs(this.config.hourMs), 15_000),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.reinstall);
    await this.installing;
  }

  /** Upserting the same scheduler id from every replica keeps one schedule; retried while Redis is away. */
  private async installScheduler(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.producer
          .queue(QueueName.Feedback)
          .upsertJobScheduler(
            SWEEPER_SCHEDULER_ID,
            { every: sweepIntervalMs(this.config.hourMs) },
            { name: JobName.Sweep, data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } } },
          );
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 30 === 0) this.logger.warn(`sweeper schedule not installed yet: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  async handleSweep(): Promise<string> {
    const report: SweepReport = {
      completed: await this.completeEndedSessions(),
      settled: await this.settleDueSessions(),
      invites: await this.ensureInvites(),
      reminders: await this.ensureReminders(),
      escalations: await this.ensureEscalations(),
      lateAnswers: await this.ensureLateAnswerMails(),
      retentionErased: await this.retention.eraseExpired(),
    };
    return Object.entries(report)
      .map(([what, count]) => `${what} ${count}`)
      .join(', ');
  }

  /** SCHEDULED sessions past endsAt complete on their own, exactly as completeSession does. */
  async completeEndedSessions(): Promise<number> {
    return this.dataSource.transaction(
      async (manager) => (await completeSessions(manager, this.config.hourMs, { ended: true, limit: SWEEP_BATCH })).length,
    );
  }

  /**
   * Sessions with unanswered forms past their expiry, or a waiting answer that is due (deadline
   * passed, or every form settled): expired and composed exactly as the deadline job would. An
   * erased candidate's answer is never composed, so it is not picked again and again either.
   */
  async settleDueSessions(): Promise<number> {
    const due = (await this.dataSource.query(
      `(SELECT DISTINCT f.session_id, f.organization_id
          FROM feedback_forms f
         WHERE f.status = ANY($1::text[]) AND f.expires_at <= now()
         LIMIT $2)
       UNION
       (SELECT s.id, s.organization_id
          FROM candidate_answers a
          JOIN interview_sessions s ON s.id = a.session_id
          JOIN candidates c ON c.id = s.candidate_id
         WHERE a.status = 'WAITING_FOR_FEEDBACK' AND s.status = 'COMPLETED' AND c.erased_at IS NULL
           AND (s.feedback_due_at <= now()
                OR NOT EXISTS (SELECT 1 FROM feedback_forms f WHERE f.session_id = s.id AND f.status = ANY($1::text[])))
         LIMIT $2)`,
      [[...OPEN_FORM_STATUSES], SWEEP_BATCH],
    )) as { session_id: string; organization_id: string }[];
    let settled = 0;
    for (const session of due) {
      const outcome = await this.settlement.settle(session.organization_id, session.session_id, { dueOnly: false });
      if (outcome !== 'not-completed' && (outcome.expired > 0 || outcome.composed)) settled++;
    }
    return settled;
  }

  /** Unsent forms of completed sessions: their invitation job (same id as the fan-out's) runs or re-runs. */
  async ensureInvites(): Promise<number> {
    const forms = (await this.dataSource.query(
      `SELECT f.id, f.organization_id, f.link_version
         FROM feedback_forms f
         JOIN interview_sessions s ON s.id = f.session_id
         JOIN candidates c ON c.id = s.candidate_id
        WHERE f.status = 'PENDING' AND s.status = 'COMPLETED' AND c.erased_at IS NULL
        ORDER BY s.completed_at
        LIMIT $1`,
      [SWEEP_BATCH],
    )) as { id: string; organization_id: string; link_version: number }[];
    const result = await this.producer.ensure(
      forms.map((form) => ({
        id: jobIds.formInvite(form.id, form.link_version),
        job: {
          name: JobName.SendFormInvite,
          data: { organizationId: form.organization_id, formId: form.id, linkVersion: form.link_version },
        },
      })),
    );
    return result.added + result.rerun;
  }

  /**
   * Unanswered forms whose latest due reminder has no delivery: that reminder's job runs or re-runs
   * (earlier missed ones are overtaken, as the reminder handler decides). The reminder rules are
   * feedback-timing.ts's reminderTimes, here in SQL: hours before the deadline, times
   * before the form's expiry, counted from sent_at.
   */
  async ensureReminders(): Promise<number> {
    const due = (await this.dataSource.query(
      `SELECT f.id, f.organization_id, f.link_version, latest.idx
         FROM feedback_forms f
         JOIN interview_sessions s ON s.id = f.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN organizations o ON o.id = f.organization_id
         CROSS JOIN LATERAL (
           SELECT (h.ord - 1)::int AS idx
             FROM unnest(o.reminder_hours) WITH ORDINALITY AS h(hours, ord)
            WHERE h.hours < o.feedback_deadline_hours
              AND f.sent_at + (h.hours * $1::float8) * interval '1 millisecond' <= now()
              AND (f.expires_at IS NULL OR f.sent_at + (h.hours * $1::float8) * interval '1 millisecond' < f.expires_at)
            ORDER BY h.hours DESC, h.ord DESC
            LIMIT 1
         ) latest
        WHERE f.status IN ('SENT', 'OPENED') AND f.sent_at IS NOT NULL
          AND (f.expires_at IS NULL OR f.expires_at > now())
          AND s.status = 'COMPLETED' AND c.erased_at IS NULL
          AND NOT EXISTS (
                SELECT 1 FROM email_deliveries d
                 WHERE d.idempotency_key = 'form-reminder:' || f.id || ':' || f.link_version || ':' || latest.idx)
        ORDER BY f.sent_at
        LIMIT $2`,
      [this.config.hourMs, SWEEP_BATCH],
    )) as { id: string; organization_id: string; link_version: number; idx: number }[];
    const result = await this.producer.ensure(
      due.map((form) => ({
        id: jobIds.formReminder(form.id, form.link_version, form.idx),
        job: {
          name: JobName.SendFormReminder,
          data: { organizationId: form.organization_id, formId: form.id, linkVersion: form.link_version, index: form.idx },
        },
      })),
    );
    return result.added + result.rerun;
  }

  /**
   * Sessions past their escalation time, before the deadline, with unanswered forms, a scheduler
   * and no escalation delivery. The time is feedback-timing.ts's escalationOffsetHours in
   * SQL: halfway between the last reminder before the deadline and the deadline, or 3/4 of it.
   */
  async ensureEscalations(): Promise<number> {
    const due = (await this.dataSource.query(
      `SELECT s.id, s.organization_id
         FROM interview_sessions s
         JOIN candidate_answers a ON a.session_id = s.id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN organizations o ON o.id = s.organization_id
         CROSS JOIN LATERAL (
           SELECT max(h) AS last FROM unnest(o.reminder_hours) AS h WHERE h < o.feedback_deadline_hours
         ) r
        WHERE a.status = 'WAITING_FOR_FEEDBACK' AND s.status = 'COMPLETED' AND c.erased_at IS NULL
          AND s.scheduled_by IS NOT NULL AND s.feedback_due_at > now()
          AND s.completed_at + ((CASE WHEN r.last IS NULL THEN 0.75 * o.feedback_deadline_hours
                                      ELSE (r.last + o.feedback_deadline_hours) / 2.0 END) * $1::float8)
                               * interval '1 millisecond' <= now()
          AND EXISTS (SELECT 1 FROM feedback_forms f WHERE f.session_id = s.id AND f.status = ANY($3::text[]))
          AND NOT EXISTS (SELECT 1 FROM email_deliveries d WHERE d.idempotency_key = 'escalation:' || s.id)
        ORDER BY s.completed_at
        LIMIT $2`,
      [this.config.hourMs, SWEEP_BATCH, [...OPEN_FORM_STATUSES]],
    )) as { id: string; organization_id: string }[];
    const result = await this.producer.ensure(
      due.map((session) => ({
        id: jobIds.escalation(session.id),
        job: { name: JobName.SendEscalation, data: { organizationId: session.organization_id, sessionId: session.id } },
      })),
    );
    return result.added + result.rerun;
  }

  /**
   * Promises to candidates that passed with no decided answer and no late mail yet: the one
   * answer-late mail to the recruiter (the partial index on unnotified promises finds them).
   */
  async ensureLateAnswerMails(): Promise<number> {
    const due = (await this.dataSource.query(
      `SELECT q.session_id, q.organization_id
         FROM fit_feedback_requests q
         JOIN interview_sessions s ON s.id = q.session_id
         JOIN candidates c ON c.id = s.candidate_id
         LEFT JOIN candidate_answers a ON a.session_id = q.session_id
        WHERE q.late_notified_at IS NULL AND q.answer_expected_by <= now()
          AND (a.status IS NULL OR NOT (a.status = ANY($2::text[])))
          AND s.status <> 'CANCELLED' AND s.scheduled_by IS NOT NULL AND c.erased_at IS NULL
        ORDER BY q.answer_expected_by
        LIMIT $1`,
      [SWEEP_BATCH, [...DECIDED_ANSWER_STATUSES]],
    )) as { session_id: string; organization_id: string }[];
    const result = await this.producer.ensure(
      due.map((row) => ({
        id: jobIds.answerLate(row.session_id),
        job: { name: JobName.SendAnswerLate, data: { organizationId: row.organization_id, sessionId: row.session_id } },
      })),
    );
    return result.added + result.rerun;
  }
}
