import { CloserConfig } from '@closer/config';
import { preparedQuery } from '@closer/database';
import { createLinkToken } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { SessionSettlement } from '../feedback/session-settlement.service';
import { mailKeys } from '../jobs/job-ids';
import { MailSender, PermanentMailError, SendOutcome } from '../mail/mail-sender.service';
import { formInviteMail } from '../mail/templates/form-invite.template';
import { ReminderScheduler, SentFormState } from '../reminder/reminder-scheduler.service';

export type FormInviteOutcome = SendOutcome | 'superseded' | 'not-open' | 'session-not-ended' | 'failed';

interface FormRow {
  organization_id: string;
  link_version: number;
  status: string;
  expires_at: Date | null;
  session_status: string;
  session_title: string;
  candidate_name: string;
  candidate_erased: boolean;
  role_title: string;
  criteria: string[];
  interviewer_name: string;
  interviewer_email: string;
  organization_name: string;
  candidate_asked: boolean;
  reminder_hours: number[];
  feedback_deadline_hours: number;
}

@Injectable()
export class FormInviteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
    private readonly settlement: SessionSettlement,
    private readonly reminders: ReminderScheduler,
  ) {}

  /**
   * One invitation per form and link version; a permanent refusal marks the form FAILED with the
   * reason (and composes the answer if that was the last open form). Once sent, the form's
   * reminders are queued, counting from this link version's sent_at. Two statements of its own
   * around the send (one read, one update that also answers what the reminders need), because at
   * a hiring spree's volume every round trip to PostgreSQL shows.
   */
  async handleSendFormInvite(payload: JobPayloads[JobName.SendFormInvite]): Promise<FormInviteOutcome> {
    const [form] = await preparedQuery<FormRow>(
      this.dataSource.manager,
      {
        name: 'form-invite.load',
        text: `SELECT f.organization_id, f.link_version, f.status, f.expires_at, s.status AS session_status, s.title AS session_title,
              c.name AS candidate_name, c.erased_at IS NOT NULL AS candidate_erased, r.title AS role_title,
              ARRAY(SELECT k.label FROM criteria k WHERE k.role_id = r.id AND k.retired_at IS NULL ORDER BY k.position) AS criteria,
              i.name AS interviewer_name, i.email AS interviewer_email, o.name AS organization_name,
              o.reminder_hours, o.feedback_deadline_hours,
              EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id) AS candidate_asked
         FROM feedback_forms f
         JOIN interview_sessions s ON s.id = f.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN interviewers i ON i.id = f.interviewer_id
         JOIN organizations o ON o.id = f.organization_id
        WHERE f.id = $1 AND f.organization_id = $2`,
      },
      [payload.formId, payload.organizationId],
    );
    if (!form || form.candidate_erased) return 'not-open';
    // a re-sent form has a newer link: its own job mails that one
    if (form.link_version !== payload.linkVersion) return 'superseded';
    if (form.session_status !== 'COMPLETED') return 'session-not-ended';
    if (!['PENDING', 'SENT', 'OPENED'].includes(form.status)) return 'not-open';

    const token = createLinkToken(this.config.links.secret, { purpose: 'form', id: payload.formId, version: payload.linkVersion });
    const content = formInviteMail({
      interviewerName: form.interviewer_name,
      candidateName: form.candidate_name,
      roleTitle: form.role_title,
      sessionTitle: form.session_title,
      organizationName: form.organization_name,
      criteria: form.criteria,
      candidateAsked: form.candidate_asked,
      dueAt: form.expires_at,
      link: `${this.config.publicUrl}/f/${token}`,
    });
    let outcome: SendOutcome;
    try {
      outcome = await this.mail.send({
        organizationId: payload.organizationId,
        idempotencyKey: mailKeys.formInvite(payload.formId, payload.linkVersion),
        kind: 'form-invite',
        to: form.interviewer_email,
        ...content,
      });
    } catch (error) {
      if (error instanceof PermanentMailError) await this.settlement.markFormFailed(payload.formId, payload.linkVersion, error.message);
      throw error;
    }
    // PENDING means this link version was never sent: sent_at starts now (a re-sent form keeps the
    // previous version's sent_at until here). OPENED before this update only when the link was
    // clicked within moments of delivery; then sent_at is kept unless it is missing. The statement
    // answers the form's state either way (updated now, or as a previous attempt left it).
    const [state] = await preparedQuery<Pick<SentFormState, 'status' | 'link_version' | 'sent_at' | 'expires_at'>>(
      this.dataSource.manager,
      {
        name: 'form-invite.mark-sent',
        text: `WITH updated AS (
         UPDATE feedback_forms
            SET status = CASE WHEN status = 'PENDING' THEN 'SENT' ELSE status END,
                sent_at = CASE WHEN status = 'PENDING' OR sent_at IS NULL THEN now() ELSE sent_at END,
                last_error = NULL
          WHERE id = $1 AND link_version = $2 AND status IN ('PENDING', 'OPENED')
            AND (status = 'PENDING' OR sent_at IS NULL)
      RETURNING status, link_version, sent_at, expires_at)
       SELECT status, link_version, sent_at, expires_at FROM updated
        UNION ALL
       SELECT status, link_version, sent_at, expires_at FROM feedback_forms WHERE id = $1 AND NOT EXISTS (SELECT FROM updated)`,
      },
      [payload.formId, payload.linkVersion],
    );
    if (state) {
      await this.reminders.schedule(payload.organizationId, payload.formId, payload.linkVersion, {
        ...state,
        reminder_hours: form.reminder_hours,
        feedback_deadline_hours: form.feedback_deadline_hours,
      });
    }
    return outcome;
  }
}
