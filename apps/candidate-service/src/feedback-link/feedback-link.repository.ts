import {
  composeSessionAnswer,
  type CriterionKind,
  FeedbackResponseEntity,
  type FormStatus,
  lockSessionAnswer,
  type OutboxMessage,
  preparedQuery,
  promiseAnswerDate,
  type SessionStatus,
  SETTLED_FORM_STATUSES,
  writeOutbox,
} from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

import { DomainError } from '../errors/domain-error';

/** A criterion of the role's current profile, as the form asks about it. */
export interface FormCriterion {
  id: string;
  label: string;
  description: string | null;
  kind: CriterionKind;
  weight: number;
}

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
  /** The role's current criteria, in the profile's order. */
  criteria: FormCriterion[];
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
  criteria: FormCriterion[];
}

// The statements of the interviewer's hot path are prepared (named): PostgreSQL plans the
// five-table lookup once per connection instead of on every call.

const FORM_LINK = {
  name: 'closer_form_link',
  text: `
  SELECT f.id AS form_id, f.organization_id, f.session_id, f.interviewer_id, f.status, f.link_version, f.expires_at,
         s.status AS session_status, s.title AS session_title, s.completed_at, s.role_id,
         r.title AS role_title, c.name AS candidate_name, i.name AS interviewer_name,
         EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id) AS candidate_asked,
         (SELECT COALESCE(json_agg(json_build_object('id', k.id, 'label', k.label, 'description', k.description, 'kind', k.kind,
                                                     'weight', k.weight) ORDER BY k.position, k.id), '[]')
            FROM criteria k
           WHERE k.role_id = s.role_id AND k.retired_at IS NULL) AS criteria
    FROM feedback_forms f
    JOIN interview_sessions s ON s.id = f.session_id
    JOIN roles r ON r.id = s.role_id
    JOIN candidates c ON c.id = s.candidate_id
    JOIN interviewers i ON i.id = f.interviewer_id
   WHERE f.id = $1`,
};

/**
 * Settles the form row an interviewer may still answer ($1), locking it: the link's version ($2),
 * not submitted, declined or expired, not past its expiry at $3 (the service's clock), its
 * session ended (so not cancelled). FeedbackLinkService's refuseUnlessAnswerable says the same in
 * words; when this matches nothing, nothing is written and the service reads the form again to
 * say why. `set` is the new status and its columns.
 */
const settleForm = (set: string) => `
  form AS (
    UPDATE feedback_forms f
       SET ${set}
      FROM interview_sessions s
     WHERE f.id = $1 AND f.link_version = $2 AND s.id = f.session_id AND s.status = 'COMPLETED'
       AND f.status NOT IN ('SUBMITTED', 'DECLINED', 'EXPIRED') AND (f.expires_at IS NULL OR f.expires_at > $3)
 RETURNING f.id, f.organization_id, f.session_id, f.interviewer_id
  )`;

/**
 * The session's other forms still open ($4: the settled statuses). The statement starts after
 * the answer lock was granted, so it sees every form settled by the transactions that held it
 * before; it does not see its own form's new status, hence `o.id <> form.id`.
 */
const OPEN_FORMS = `(SELECT count(*)::int FROM feedback_forms o
                     WHERE o.session_id = form.session_id AND o.id <> form.id AND NOT (o.status = ANY($4::text[]))) AS open`;

/** The form settled, the response and its ratings stored, the candidate's request recorded: one statement. */
const SUBMIT_FORM = {
  name: 'closer_submit_form',
  text: `
  WITH ${settleForm(`status = 'SUBMITTED', submitted_at = now()`)},
  response AS (
    INSERT INTO feedback_responses
           (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, next_steps, candidate_message, private_note)
    SELECT organization_id, id, session_id, interviewer_id, $5::smallint, $6::text, $7::text, $8::text, $9::text, $10::text FROM form
 RETURNING id, organization_id
  ),
  ratings AS (
    INSERT INTO criterion_ratings (response_id, criterion_id, organization_id, rating, note)
    SELECT response.id, t.criterion_id, response.organization_id, t.rating, t.note
      FROM response, unnest($11::uuid[], $12::smallint[], $13::text[]) AS t(criterion_id, rating, note)
  ),
  asked AS (
    INSERT INTO fit_feedback_requests (organization_id, session_id, source)
    SELECT organization_id, session_id, 'INTERVIEWER' FROM form WHERE $14::boolean
        ON CONFLICT (session_id) DO NOTHING
 RETURNING id
  )
  SELECT ${OPEN_FORMS}, EXISTS (SELECT 1 FROM asked) AS asked FROM form`,
};

const DECLINE_FORM = {
  name: 'closer_decline_form',
  text: `WITH ${settleForm(`status = 'DECLINED', declined_at = now(), decline_reason = $5`)} SELECT ${OPEN_FORMS} FROM form`,
};

/**
 * The interviewer's side. Settling a form (submit or decline) locks the session's answer row
 * first, then the form: the last answers of a session serialize, the later one sees every form
 * settled and composes the answer in the same transaction.
 */
@Injectable()
export class FeedbackLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findLink(formId: string): Promise<FormLink | null> {
    const [row] = await preparedQuery<FormLinkRow>(this.dataSource.manager, FORM_LINK, [formId]);
    return row ? toFormLink(row) : null;
  }

  /** SENT/PENDING → OPENED, only once the session has ended; never touches an answered form. */
  async markOpened(formId: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE feedback_forms f
          SET status = 'OPENED', opened_at = now()
         FROM interview_sessions s
        WHERE f.id = $1 AND f.status IN ('PENDING', 'SENT') AND s.id = f.session_id AND s.status = 'COMPLETED'
    RETURNING f.id`,
      [formId],
    );
    return rows.length > 0;
  }

  findResponse(formId: string): Promise<FeedbackResponseEntity | null> {
    return this.dataSource.getRepository(FeedbackResponseEntity).findOneBy({ formId });
  }

  /**
   * Stores the response and its ratings and settles the form, if the form is still answerable
   * at `now` under the link's `version` (false otherwise). A second response to one form is a CONFLICT.
   */
  submit(link: FormLink, version: number, now: Date, submission: Submission, hourMs: number): Promise<boolean> {
    return this.settle(link, async (manager) => {
      const [row] = await preparedQuery<{ open: number; asked: boolean }>(manager, SUBMIT_FORM, [
        link.formId,
        version,
        now,
        [...SETTLED_FORM_STATUSES],
        submission.overallFit,
        submission.strengths,
        submission.gaps,
        submission.nextSteps,
        submission.candidateMessage,
        submission.privateNote,
        submission.ratings.map((rating) => rating.criterionId),
        submission.ratings.map((rating) => rating.rating),
        submission.ratings.map((rating) => rating.note),
        submission.candidateAskedForFeedback,
      ]);
      if (!row) return null;
      const events: OutboxMessage[] = [
        outboxMessage(link.organizationId, OutboxEventType.FeedbackSubmitted, { sessionId: link.sessionId, formId: link.formId }),
      ];
      if (row.asked) {
        await promiseAnswerDate(manager, link.sessionId, hourMs);
        events.push(outboxMessage(link.organizationId, OutboxEventType.FitFeedbackRequested, { sessionId: link.sessionId }));
      }
      await writeOutbox(manager, events);
      return row.open;
    });
  }

  decline(link: FormLink, version: number, now: Date, reason: string): Promise<boolean> {
    return this.settle(link, async (manager) => {
      const [row] = await preparedQuery<{ open: number }>(manager, DECLINE_FORM, [
        link.formId,
        version,
        now,
        [...SETTLED_FORM_STATUSES],
        reason,
      ]);
      if (!row) return null;
      await writeOutbox(manager, [
        outboxMessage(link.organizationId, OutboxEventType.FeedbackDeclined, { sessionId: link.sessionId, formId: link.formId }),
      ]);
      return row.open;
    });
  }

  /**
   * Under the session's answer lock, `write` settles the form and returns how many of the
   * session's forms are still open (null: the form was not answerable, nothing written); the
   * last one composes the answer in the same transaction. False when nothing was written.
   */
  private async settle(link: FormLink, write: (manager: EntityManager) => Promise<number | null>): Promise<boolean> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const answer = await lockSessionAnswer(manager, link.sessionId);
        const open = await write(manager);
        if (open === null) return false;
        if (open === 0 && answer) await composeSessionAnswer(manager, { sessionId: link.sessionId, locked: answer });
        return true;
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
    criteria: row.criteria,
  };
}
