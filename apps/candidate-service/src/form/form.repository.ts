import {
  type AnswerStatus,
  FeedbackFormEntity,
  type FormStatus,
  reopenWithheldAnswer,
  type SessionStatus,
  writeOutbox,
} from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { lockCandidateOf } from '../candidate/candidate-lock';

/** A form as the recruiter's resend sees it, locked for the decision. */
export interface ResendCandidate {
  status: FormStatus;
  expiresAt: Date | null;
  sessionStatus: SessionStatus;
  feedbackDueAt: Date | null;
  feedbackDeadlineHours: number;
  /** null when the session has no answer row yet. */
  answerStatus: AnswerStatus | null;
  candidateErased: boolean;
  /** Whether the answer was ever composed (a withheld one that was not never had enough feedback). */
  answerComposed: boolean;
}

@Injectable()
export class FormRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findInOrganization(organizationId: string, id: string): Promise<FeedbackFormEntity | null> {
    return this.dataSource.getRepository(FeedbackFormEntity).findOneBy({ organizationId, id });
  }

  /**
   * Re-sends a form with a fresh link: under the form's row lock, `plan` decides (or refuses,
   * by throwing) the new expiry; the link version is bumped (revoking the old link), delivery
   * state is reset and FormResent is announced in the same transaction. Returns null when no
   * such form exists in the organization.
   */
  resend(organizationId: string, id: string, plan: (form: ResendCandidate) => Date): Promise<FeedbackFormEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await lockCandidateOf(manager, organizationId, { formId: id });
      if (!candidate) return null;
      // then the answer row, as everywhere that settles forms: one lock order, no deadlocks
      const answers = await manager.query<{ status: AnswerStatus; composed: boolean }[]>(
        `SELECT a.status, a.fit_band IS NOT NULL AS composed FROM candidate_answers a JOIN feedback_forms f ON f.session_id = a.session_id
          WHERE f.id = $1 AND f.organization_id = $2 FOR UPDATE OF a`,
        [id, organizationId],
      );
      const rows = await manager.query<
        {
          status: FormStatus;
          expires_at: Date | null;
          session_status: SessionStatus;
          feedback_due_at: Date | null;
          feedback_deadline_hours: number;
        }[]
      >(
        `SELECT f.status, f.expires_at, s.status AS session_status, s.feedback_due_at, o.feedback_deadline_hours
           FROM feedback_forms f
           JOIN interview_sessions s ON s.id = f.session_id
           JOIN organizations o ON o.id = f.organization_id
          WHERE f.id = $1 AND f.organization_id = $2
            FOR UPDATE OF f`,
        [id, organizationId],
      );
      const row = rows[0];
      if (!row) return null;
      const expiresAt = plan({
        status: row.status,
        expiresAt: row.expires_at,
        sessionStatus: row.session_status,
        feedbackDueAt: row.feedback_due_at,
        feedbackDeadlineHours: row.feedback_deadline_hours,
        answerStatus: answers[0]?.status ?? null,
        candidateErased: candidate.erased,
        answerComposed: answers[0]?.composed ?? false,
      });
      const [updated] = await manager.query<[{ session_id: string; link_version: number }[], number]>(
        `UPDATE feedback_forms
            SET link_version = link_version + 1, status = 'PENDING', last_error = NULL, reminders_sent = 0, expires_at = $2,
                sent_at = NULL, opened_at = NULL
          WHERE id = $1
      RETURNING session_id, link_version`,
        [id, expiresAt],
      );
      const { session_id: sessionId, link_version: linkVersion } = updated[0];
      if (answers[0]?.status === 'WITHHELD') await reopenWithheldAnswer(manager, sessionId, expiresAt);
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.FormResent, { sessionId, formId: id, linkVersion })]);
      return manager.findOneByOrFail(FeedbackFormEntity, { id });
    });
  }
}
