import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { SessionSettlement } from '../feedback/session-settlement.service';
import { mailKeys } from '../jobs/job-ids';
import { MailSender, PermanentMailError, SendOutcome } from '../mail/mail-sender.service';
import { formInviteMail } from '../mail/templates/form-invite.template';
import { ReminderScheduler } from '../reminder/reminder-scheduler.service';

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
  role_id: string;
  role_title: string;
  interviewer_name: string;
  interviewer_email: string;
  organization_name: string;
  candidate_asked: boolean;
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
   * reminders are queued, counting from this link version's sent_at.
   */
  async handleSendFormInvite(payload: JobPayloads[JobName.SendFormInvite]): Promise<FormInviteOutcome> {
    const [form]: FormRow[] = await this.dataSource.query(
      `SELECT f.organization_id, f.link_version, f.status, f.expires_at, s.status AS session_status, s.title AS session_title,
              c.name AS candidate_name, c.erased_at IS NOT NULL AS candidate_erased, r.id AS role_id, r.title AS role_title,
              i.name AS interviewer_name, i.email AS interviewer_email, o.name AS organization_name,
              EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id) AS candidate_asked
         FROM feedback_forms f
         JOIN interview_sessions s ON s.id = f.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN interviewers i ON i.id = f.interviewer_id
         JOIN organizations o ON o.id = f.organization_id
        WHERE f.id = $1 AND f.organization_id = $2`,
      [payload.formId, payload.organizationId],
    );
    if (!form || form.candidate_erased) return 'not-open';
    // a re-sent form has a newer link: its own job mails that one
    if (form.link_version !== payload.linkVersion) return 'superseded';
    if (form.session_status !== 'COMPLETED') return 'session-not-ended';
    if (!['PENDING', 'SENT', 'OPENED'].includes(form.status)) return 'not-open';

    const criteria: { label: string }[] = await this.dataSource.query(
      'SELECT label FROM criteria WHERE role_id = $1 AND retired_at IS NULL ORDER BY position',
      [form.role_id],
    );
    const token = createLinkToken(this.config.links.secret, { purpose: 'form', id: payload.formId, version: payload.linkVersion });
    const content = formInviteMail({
      interviewerName: form.interviewer_name,
      candidateName: form.candidate_name,
      roleTitle: form.role_title,
      sessionTitle: form.session_title,
      organizationName: form.organization_name,
      criteria: criteria.map((c) => c.label),
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
    // clicked within moments of delivery; then sent_at is kept unless it is missing.
    await this.dataSource.query(
      `UPDATE feedback_forms
          SET status = CASE WHEN status = 'PENDING' THEN 'SENT' ELSE status END,
              sent_at = CASE WHEN status = 'PENDING' OR sent_at IS NULL THEN now() ELSE sent_at END,
              last_error = NULL
        WHERE id = $1 AND link_version = $2 AND status IN ('PENDING', 'OPENED')
          AND (status = 'PENDING' OR sent_at IS NULL)`,
      [payload.formId, payload.linkVersion],
    );
    await this.reminders.scheduleForForm(payload.organizationId, payload.formId, payload.linkVersion);
    return outcome;
  }
}
