import { preparedQuery } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** An interview session with everything its mails say, read as a mail is about to go. */
export interface SessionMail {
  sessionStatus: string;
  sessionTitle: string;
  startsAt: Date;
  endsAt: Date;
  completedAt: Date | null;
  feedbackDueAt: Date | null;
  candidateId: string;
  candidateName: string;
  candidateEmail: string;
  candidateErased: boolean;
  portalLinkVersion: number;
  roleTitle: string;
  organizationName: string;
  reminderHours: number[];
  feedbackDeadlineHours: number;
  minResponsesForAnswer: number;
  /** The session's answer; null fields when it has none. */
  answerId: string | null;
  answerStatus: string | null;
  candidateReply: string | null;
  candidateReplyFlags: string[] | null;
  candidateNotified: boolean;
  /** The candidate asked for feedback on this session. */
  candidateAsked: boolean;
  /** The date promised to the candidate when they asked, if any. */
  answerExpectedBy: Date | null;
  /** The recruiter who scheduled the session, unless the user was removed. */
  recruiterName: string | null;
  recruiterEmail: string | null;
  /** PostgreSQL's clock, the one the deadlines are written in. */
  dbNow: Date;
}

/** A panel member's form, as the escalation lists it. */
export interface PanelForm {
  status: string;
  remindersSent: number;
  name: string;
  email: string;
}

/** The SQL of the mails about an interview session, to its candidate or its recruiter. */
@Injectable()
export class SessionMailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(organizationId: string, sessionId: string): Promise<SessionMail | undefined> {
    const [session] = await preparedQuery<SessionMail>(
      this.dataSource.manager,
      {
        name: 'session-mail.find',
        text: `SELECT s.status AS "sessionStatus", s.title AS "sessionTitle", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              s.completed_at AS "completedAt", s.feedback_due_at AS "feedbackDueAt",
              c.id AS "candidateId", c.name AS "candidateName", c.email AS "candidateEmail",
              c.erased_at IS NOT NULL AS "candidateErased", c.portal_link_version AS "portalLinkVersion",
              r.title AS "roleTitle", o.name AS "organizationName", o.reminder_hours AS "reminderHours",
              o.feedback_deadline_hours AS "feedbackDeadlineHours", o.min_responses_for_answer AS "minResponsesForAnswer",
              a.id AS "answerId", a.status AS "answerStatus", a.candidate_reply AS "candidateReply",
              a.candidate_reply_flags AS "candidateReplyFlags", a.candidate_notified_at IS NOT NULL AS "candidateNotified",
              q.session_id IS NOT NULL AS "candidateAsked", q.answer_expected_by AS "answerExpectedBy",
              u.name AS "recruiterName", u.email AS "recruiterEmail", now() AS "dbNow"
         FROM interview_sessions s
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN candidate_answers a ON a.session_id = s.id
         LEFT JOIN fit_feedback_requests q ON q.session_id = s.id
         LEFT JOIN users u ON u.id = s.scheduled_by
        WHERE s.id = $1 AND s.organization_id = $2`,
      },
      [sessionId, organizationId],
    );
    return session;
  }

  /** The session's forms in panel order. */
  async panelForms(sessionId: string): Promise<PanelForm[]> {
    return await this.dataSource.query<PanelForm[]>(
      `SELECT f.status, f.reminders_sent AS "remindersSent", i.name, i.email
         FROM feedback_forms f JOIN interviewers i ON i.id = f.interviewer_id
        WHERE f.session_id = $1
        ORDER BY f.created_at, f.id`,
      [sessionId],
    );
  }

  /** The recruiter was told the promised date passed: recorded once, and the portal says so. */
  async markLateNotified(sessionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE fit_feedback_requests SET late_notified_at = COALESCE(late_notified_at, now()) WHERE session_id = $1`,
      [sessionId],
    );
  }
}
