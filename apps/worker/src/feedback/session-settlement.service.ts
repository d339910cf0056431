import { type AnswerStatus, composeSessionAnswer, lockSessionAnswer, sessionFormsSettled, writeOutbox } from '@closer/database';
import { MetricsService } from '@closer/observability';
import { JobName, JobPayloads, OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';

import { NotYetDueError } from '../queue/not-yet-due.error';
import { OPEN_FORM_STATUSES } from './feedback-statuses';

export interface SettlementOutcome {
  expired: number;
  /** The answer's new status when this call composed it; null when it was composed before or is not due. */
  composed: Exclude<AnswerStatus, 'WAITING_FOR_FEEDBACK'> | null;
}

/**
 * Settles forms and composes the session's answer, always in one transaction that locks the
 * answer row BEFORE any form row of the session (the order the candidate service's submit and
 * decline use), so a last submission and a deadline can't deadlock and the answer is composed
 * exactly once (composeSessionAnswer's conditional transition).
 */
@Injectable()
export class SessionSettlement {
  private readonly expiredForms: Counter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    metrics: MetricsService,
  ) {
    this.expiredForms = new Counter({
      name: 'closer_forms_expired_total',
      help: 'Feedback forms that reached their deadline unanswered',
      registers: [metrics.registry],
    });
  }

  /** The deadline job (`expire-<sessionId>`, delayed to feedbackDueAt). */
  async handleCloseSessionFeedback(payload: JobPayloads[JobName.CloseSessionFeedback]): Promise<string> {
    const outcome = await this.settle(payload.organizationId, payload.sessionId, { dueOnly: true });
    return outcome === 'not-completed' ? outcome : `expired ${outcome.expired}, answer ${outcome.composed ?? 'unchanged'}`;
  }

  /**
   * Expires the session's unanswered forms whose time is up and, once the deadline has passed or
   * every form is settled, composes the answer. With `dueOnly` (the deadline job) a call before
   * feedbackDueAt throws NotYetDueError so the job waits instead.
   */
  async settle(organizationId: string, sessionId: string, options: { dueOnly: boolean }): Promise<SettlementOutcome | 'not-completed'> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<SettlementOutcome | 'not-completed'> => {
      const answer = await lockSessionAnswer(manager, sessionId);
      const [session] = await manager.query<{ status: string; feedback_due_at: Date | null; due: boolean }[]>(
        `SELECT status, feedback_due_at, feedback_due_at IS NOT NULL AND feedback_due_at <= now() AS due
           FROM interview_sessions WHERE id = $1 AND organization_id = $2`,
        [sessionId, organizationId],
      );
      if (!answer || !session || session.status !== 'COMPLETED') return 'not-completed';
      if (options.dueOnly && !session.due && session.feedback_due_at) throw new NotYetDueError(session.feedback_due_at);

      const expired = await rows(
        manager,
        `UPDATE feedback_forms f SET status = 'EXPIRED'
           FROM interview_sessions s
          WHERE f.session_id = $1 AND s.id = f.session_id AND f.status = ANY($2::text[])
            AND COALESCE(f.expires_at, s.feedback_due_at) <= now()
      RETURNING f.id`,
        [sessionId, [...OPEN_FORM_STATUSES]],
      );
      let composed: SettlementOutcome['composed'] = null;
      if (answer.status === 'WAITING_FOR_FEEDBACK' && (session.due || (await sessionFormsSettled(manager, sessionId)))) {
        composed = (await composeSessionAnswer(manager, { sessionId }))?.status ?? null;
      }
      return { expired: expired.length, composed };
    });
    if (outcome !== 'not-completed') this.expiredForms.inc(outcome.expired);
    return outcome;
  }

  /**
   * A permanent refusal (SMTP 5xx) for this form's link version: FAILED with the reason, visible
   * to the recruiter. A failed form counts as settled, so when it was the last one open the
   * answer is composed now rather than at the deadline. False when the form had moved on.
   */
  async markFormFailed(formId: string, linkVersion: number, reason: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [form] = await manager.query<
        {
          session_id: string;
          organization_id: string;
        }[]
      >('SELECT session_id, organization_id FROM feedback_forms WHERE id = $1', [formId]);
      if (!form) return false;
      await lockSessionAnswer(manager, form.session_id);
      const failed = await rows(
        manager,
        `UPDATE feedback_forms SET status = 'FAILED', last_error = $3
          WHERE id = $1 AND link_version = $2 AND status = ANY($4::text[])
      RETURNING id`,
        [formId, linkVersion, reason.slice(0, 500), [...OPEN_FORM_STATUSES]],
      );
      if (failed.length > 0) {
        await writeOutbox(manager, [
          outboxMessage(form.organization_id, OutboxEventType.FormFailed, { sessionId: form.session_id, formId }),
        ]);
      }
      if (failed.length > 0 && (await sessionFormsSettled(manager, form.session_id))) {
        await composeSessionAnswer(manager, { sessionId: form.session_id });
      }
      return failed.length > 0;
    });
  }
}

/** The rows of an UPDATE … RETURNING (TypeORM answers [rows, affected] for those on PostgreSQL). */
export async function rows<T = { id: string }>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await manager.query<[T[], number] | T[]>(sql, params);
  return Array.isArray(result[0]) ? result[0] : (result as T[]);
}
