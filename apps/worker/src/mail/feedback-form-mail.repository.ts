import { preparedQuery } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { DeliveryRecord, deliveryValues, insertDelivery } from './email-delivery';

/** A feedback form with what its invitation and reminders say, read as the mail is about to go. */
export interface FeedbackFormMail {
  linkVersion: number;
  status: string;
  sentAt: Date | null;
  expiresAt: Date | null;
  sessionStatus: string;
  sessionTitle: string;
  candidateName: string;
  candidateErased: boolean;
  roleTitle: string;
  /** The role's current criteria, in order. */
  criteria: string[];
  interviewerName: string;
  interviewerEmail: string;
  organizationName: string;
  reminderHours: number[];
  feedbackDeadlineHours: number;
  /** The candidate asked for feedback on this session. */
  candidateAsked: boolean;
  /** PostgreSQL's clock, the one the deadlines are written in. */
  dbNow: Date;
}

/** A form's state after its invitation went out: what its reminders are scheduled from. */
export interface SentForm {
  status: string;
  linkVersion: number;
  sentAt: Date | null;
  expiresAt: Date | null;
}

// the form's update ($1 form, $2 link version), answering its state as updated or as it was
const MARK_SENT_SQL = `updated AS (
         UPDATE feedback_forms
            SET status = CASE WHEN status = 'PENDING' THEN 'SENT' ELSE status END,
                sent_at = CASE WHEN status = 'PENDING' OR sent_at IS NULL THEN now() ELSE sent_at END,
                last_error = NULL
          WHERE id = $1 AND link_version = $2 AND status IN ('PENDING', 'OPENED')
            AND (status = 'PENDING' OR sent_at IS NULL)
      RETURNING status, link_version, sent_at, expires_at)
       SELECT status, link_version AS "linkVersion", sent_at AS "sentAt", expires_at AS "expiresAt" FROM updated
        UNION ALL
       SELECT status, link_version, sent_at, expires_at FROM feedback_forms WHERE id = $1 AND NOT EXISTS (SELECT FROM updated)`;

const MARK_SENT = { name: 'feedback-form-mail.mark-sent', text: `WITH ${MARK_SENT_SQL}` };

// one round trip and one commit for the delivery row and the form, rather than two of each
const RECORD_AND_MARK_SENT = {
  name: 'feedback-form-mail.record-and-mark-sent',
  text: `WITH delivery AS (${insertDelivery(3)}), ${MARK_SENT_SQL}`,
};

/** The SQL of the mails sent to an interviewer about their feedback form. */
@Injectable()
export class FeedbackFormMailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(organizationId: string, formId: string): Promise<FeedbackFormMail | undefined> {
    const [form] = await preparedQuery<FeedbackFormMail>(
      this.dataSource.manager,
      {
        name: 'feedback-form-mail.find',
        text: `SELECT f.link_version AS "linkVersion", f.status, f.sent_at AS "sentAt", f.expires_at AS "expiresAt",
              s.status AS "sessionStatus", s.title AS "sessionTitle",
              c.name AS "candidateName", c.erased_at IS NOT NULL AS "candidateErased", r.title AS "roleTitle",
              ARRAY(SELECT k.label FROM criteria k WHERE k.role_id = r.id AND k.retired_at IS NULL ORDER BY k.position) AS criteria,
              i.name AS "interviewerName", i.email AS "interviewerEmail", o.name AS "organizationName",
              o.reminder_hours AS "reminderHours", o.feedback_deadline_hours AS "feedbackDeadlineHours",
              EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id) AS "candidateAsked",
              now() AS "dbNow"
         FROM feedback_forms f
         JOIN interview_sessions s ON s.id = f.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN interviewers i ON i.id = f.interviewer_id
         JOIN organizations o ON o.id = f.organization_id
        WHERE f.id = $1 AND f.organization_id = $2`,
      },
      [formId, organizationId],
    );
    return form;
  }

  /**
   * The invitation of this link version went out. PENDING means it was never sent: sent_at starts
   * now (a re-sent form keeps the previous version's sent_at until here). OPENED before this update
   * only when the link was clicked within moments of delivery; then sent_at is kept unless it is
   * missing. Answers the form's state either way (updated now, or as a previous attempt left it).
   */
  async markInvitationSent(formId: string, linkVersion: number): Promise<SentForm | undefined> {
    const [state] = await preparedQuery<SentForm>(this.dataSource.manager, MARK_SENT, [formId, linkVersion]);
    return state;
  }

  /** The same in one statement with the invitation's delivery row, as the mail has just been sent. */
  async recordInvitationSent(
    delivery: DeliveryRecord,
    formId: string,
    linkVersion: number,
    manager: EntityManager,
  ): Promise<SentForm | undefined> {
    const [state] = await preparedQuery<SentForm>(manager, RECORD_AND_MARK_SENT, [formId, linkVersion, ...deliveryValues(delivery)]);
    return state;
  }

  /**
   * Counts the reminders sent from their delivery rows (`reminderKeys`: every key this link version
   * can have), so a repeated job, or two at once, never counts twice.
   */
  async recordRemindersSent(formId: string, linkVersion: number, reminderKeys: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE feedback_forms
          SET reminders_sent = GREATEST(reminders_sent,
                (SELECT count(*)::int FROM email_deliveries WHERE idempotency_key = ANY($3::text[]) AND status = 'SENT'))
        WHERE id = $1 AND link_version = $2`,
      [formId, linkVersion, reminderKeys],
    );
  }
}
