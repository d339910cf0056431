import { CloserConfig } from '@closer/config';
import { completeSessions } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { DECIDED_ANSWER_STATUSES, OPEN_FORM_STATUSES } from './feedback-statuses';

/** Rows handled per category and sweep: a backlog drains over a few sweeps instead of one huge one. */
export const SWEEP_BATCH = 100;

export interface SessionRef {
  organizationId: string;
  sessionId: string;
}

export interface FormRef {
  organizationId: string;
  formId: string;
  linkVersion: number;
}

/**
 * The sweeper's reads of PostgreSQL, the source of truth: work that is due and not done, at most
 * SWEEP_BATCH rows of each kind. The reminder and escalation times repeat feedback-timing.ts's
 * rules in SQL: change both together.
 */
@Injectable()
export class SweeperRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: CloserConfig,
  ) {}

  /** SCHEDULED sessions past endsAt complete on their own, exactly as completeSession does. */
  async completeEndedSessions(): Promise<number> {
    return this.dataSource.transaction(
      async (manager) => (await completeSessions(manager, this.config.hourMs, { ended: true, limit: SWEEP_BATCH })).length,
    );
  }

  /**
   * Sessions with unanswered forms past their expiry, or a waiting answer that is due (deadline
   * passed, or every form settled). An erased candidate's answer is never composed, so it is not
   * picked again and again either.
   */
  async sessionsToSettle(): Promise<SessionRef[]> {
    return this.rows(
      `(SELECT DISTINCT f.session_id AS "sessionId", f.organization_id AS "organizationId"
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
    );
  }

  /** Unsent forms of completed sessions. */
  async unsentForms(): Promise<FormRef[]> {
    return this.rows(
      `SELECT f.id AS "formId", f.organization_id AS "organizationId", f.link_version AS "linkVersion"
         FROM feedback_forms f
         JOIN interview_sessions s ON s.id = f.session_id
         JOIN candidates c ON c.id = s.candidate_id
        WHERE f.status = 'PENDING' AND s.status = 'COMPLETED' AND c.erased_at IS NULL
        ORDER BY s.completed_at
        LIMIT $1`,
      [SWEEP_BATCH],
    );
  }

  /**
   * Unanswered forms whose latest due reminder has no delivery (reminderTimes in SQL: hours
   * before the deadline, times before the form's expiry, counted from sent_at).
   */
  async remindersDue(): Promise<(FormRef & { index: number })[]> {
    return this.rows(
      `SELECT f.id AS "formId", f.organization_id AS "organizationId", f.link_version AS "linkVersion", latest.idx AS "index"
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
    );
  }

  /**
   * Sessions past their escalation time, before the deadline, with unanswered forms, a scheduler
   * and no escalation delivery. The time is escalationOffsetHours in SQL: halfway between the
   * last reminder before the deadline and the deadline, or 3/4 of it.
   */
  async escalationsDue(): Promise<SessionRef[]> {
    return this.rows(
      `SELECT s.id AS "sessionId", s.organization_id AS "organizationId"
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
    );
  }

  /**
   * Promises to candidates that passed with no decided answer and no late mail yet (the partial
   * index on unnotified promises finds them).
   */
  async latePromises(): Promise<SessionRef[]> {
    return this.rows(
      `SELECT q.session_id AS "sessionId", q.organization_id AS "organizationId"
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
    );
  }

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return await this.dataSource.query<T[]>(sql, params);
  }
}
