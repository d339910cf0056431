import {
  composeSessionAnswer,
  CriterionEntity,
  FeedbackResponseEntity,
  type FormStatus,
  lockSessionAnswer,
  type OutboxMessage,
  sessionFormsSettled,
  type SessionStatus,
  writeOutbox,
} from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, QueryFailedError } from 'typeorm';

import { DomainError } from '../errors/domain-error';

/** What an emailed form link opens onto: the form with the little of its session the page shows. */
export interface FormLink {
  formId: string;
  organizationId: string;
  sessionId: string;
  interviewerId: string;
  status: FormStatus;
  linkVersion: number;
  expiresAt: Date | null;
  sessionStatus: SessionStatus;
  sessionTitle: string;
  sessionEndedAt: Date | null;
  roleId: string;
  roleTitle: string;
  candidateName: string;
  interviewerName: string;
  candidateAskedForFeedback: boolean;
}

export interface Submission {
  overallFit: number;
  candidateAskedForFeedback: boolean;
  /** One per criterion of the form; rating null = not assessed. */
  ratings: { criterionId: string; rating: number | null; note: string | null }[];
  strengths: string;
  gaps: string;
  nextSteps: string | null;
  candidateMessage: string | null;
  privateNote: string | null;
}

interface FormLinkRow {
  form_id: string;
  organization_id: string;
  session_id: string;
  interviewer_id: string;
  status: FormStatus;
  link_version: number;
  expires_at: Date | null;
  session_status: SessionStatus;
  session_title: string;
  completed_at: Date | null;
  role_id: string;
  role_title: string;
  candidate_name: string;
  interviewer_name: string;
  candidate_asked: boolean;
}

const FORM_LINK_SQL = `
  SELECT f.id AS form_id, f.organization_id, f.session_id, f.interviewer_id, f.status, f.link_version, f.expires_at,
         s.status AS session_status, s.title AS session_title, s.completed_at, s.role_id,
         r.title AS role_title, c.name AS candidate_name, i.name AS interviewer_name,
         EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id) AS candidate_asked
    FROM feedback_forms f
    JOIN interview_sessions s ON s.id = f.session_id
    JOIN roles r ON r.id = s.role_id
    JOIN candidates c ON c.id = s.candidate_id
    JOIN interviewers i ON i.id = f.interviewer_id
   WHERE f.id = $1`;

/**
 * The interviewer's side. Settling a form (submit or decline) locks the session's answer row
 * first, then the form: the last answers of a session serialize, the later one sees every form
 * settled and composes the answer in the same transaction.
 */
@Injectable()
export class FeedbackLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findLink(formId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<FormLink | null> {
    const rows = (await manager.query(lock ? `${FORM_LINK_SQL} FOR UPDATE OF f` : FORM_LINK_SQL, [formId])) as FormLinkRow[];
    return rows[0] ? toFormLink(rows[0]) : null;
  }

  /** SENT/PENDING → OPENED, only once the session has ended; never touches an answered form. */
  async markOpened(formId: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE feedback_forms f
          SET status = 'OPENED', opened_at = now()
         FROM interview_sessions s
        WHERE f.id = $1 AND f.status IN ('PENDING', 'SENT') AND s.id = f.session_id AND s.status = 'COMPLETED'
    RETURNING f.id`,
      [formId],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** The criteria a form asks about: the role's current profile, in order. */
  currentCriteria(roleId: string): Promise<CriterionEntity[]> {
    return this.dataSource
      .getRepository(CriterionEntity)
      .find({ where: { roleId, retiredAt: IsNull() }, order: { position: 'ASC', id: 'ASC' } });
  }

  findResponse(formId: string): Promise<FeedbackResponseEntity | null> {
    return this.dataSource.getRepository(FeedbackResponseEntity).findOneBy({ formId });
  }

  /**
   * Stores the response and its ratings and settles the form; `recheck` sees the form again
   * under its lock and throws to refuse. A second response to one form is a CONFLICT.
   */
  async submit(link: FormLink, recheck: (locked: FormLink | null) => void, submission: Submission): Promise<void> {
    await this.settle(link, recheck, async (manager) => {
      const [response] = (await manager.query(
        `INSERT INTO feedback_responses
                (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, next_steps, candidate_message, private_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      RETURNING id`,
        [
          link.organizationId,
          link.formId,
          link.sessionId,
          link.interviewerId,
          submission.overallFit,
          submission.strengths,
          submission.gaps,
          submission.nextSteps,
          submission.candidateMessage,
          submission.privateNote,
        ],
      )) as { id: string }[];
      if (submission.ratings.length > 0) {
        await manager.query(
          `INSERT INTO criterion_ratings (response_id, criterion_id, organization_id, rating, note)
           SELECT $1, t.criterion_id, $2, t.rating, t.note
             FROM unnest($3::uuid[], $4::smallint[], $5::text[]) AS t(criterion_id, rating, note)`,
          [
            response.id,
            link.organizationId,
            submission.ratings.map((rating) => rating.criterionId),
            submission.ratings.map((rating) => rating.rating),
            submission.ratings.map((rating) => rating.note),
          ],
        );
      }
      await manager.query(`UPDATE feedback_forms SET status = 'SUBMITTED', submitted_at = now() WHERE id = $1`, [link.formId]);
      const events: OutboxMessage[] = [
        outboxMessage(link.organizationId, OutboxEventType.FeedbackSubmitted, { sessionId: link.sessionId, formId: link.formId }),
      ];
      if (submission.candidateAskedForFeedback) {
        const asked = (await manager.query(
          `INSERT INTO fit_feedback_requests (organization_id, session_id, source)
           VALUES ($1, $2, 'INTERVIEWER')
           ON CONFLICT (session_id) DO NOTHING
        RETURNING id`,
          [link.organizationId, link.sessionId],
        )) as unknown[];
        if (asked.length > 0) {
          events.push(outboxMessage(link.organizationId, OutboxEventType.FitFeedbackRequested, { sessionId: link.sessionId }));
        }
      }
      await writeOutbox(manager, events);
    });
  }

  async decline(link: FormLink, recheck: (locked: FormLink | null) => void, reason: string): Promise<void> {
    await this.settle(link, recheck, async (manager) => {
      await manager.query(`UPDATE feedback_forms SET status = 'DECLINED', declined_at = now(), decline_reason = $2 WHERE id = $1`, [
        link.formId,
        reason,
      ]);
      await writeOutbox(manager, [
        outboxMessage(link.organizationId, OutboxEventType.FeedbackDeclined, { sessionId: link.sessionId, formId: link.formId }),
      ]);
    });
  }

  private async settle(link: FormLink, recheck: (locked: FormLink | null) => void, write: (manager: EntityManager) => Promise<void>) {
    try {
      await this.dataSource.transaction(async (manager) => {
        await lockSessionAnswer(manager, link.sessionId);
        recheck(await this.findLink(link.formId, manager, true));
        await write(manager);
        if (await sessionFormsSettled(manager, link.sessionId)) await composeSessionAnswer(manager, { sessionId: link.sessionId });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'feedback_responses_form_key')) throw new DomainError('CONFLICT', 'This form was already submitted');
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

function toFormLink(row: FormLinkRow): FormLink {
  return {
    formId: row.form_id,
    organizationId: row.organization_id,
    sessionId: row.session_id,
    interviewerId: row.interviewer_id,
    status: row.status,
    linkVersion: row.link_version,
    expiresAt: row.expires_at,
    sessionStatus: row.session_status,
    sessionTitle: row.session_title,
    sessionEndedAt: row.completed_at,
    roleId: row.role_id,
    roleTitle: row.role_title,
    candidateName: row.candidate_name,
    interviewerName: row.interviewer_name,
    candidateAskedForFeedback: row.candidate_asked,
  };
}
