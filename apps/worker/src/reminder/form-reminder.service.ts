import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { reminderTimes } from '../feedback/feedback-timing';
import { SessionSettlement } from '../feedback/session-settlement.service';
import { mailKeys } from '../jobs/job-ids';
import { NotYetDueError } from '../jobs/not-yet-due.error';
import { MailSender, PermanentMailError, SendOutcome } from '../mail/mail-sender.service';
import { formReminderMail } from '../mail/templates/form-reminder.template';

export type FormReminderOutcome = SendOutcome | 'superseded' | 'answered' | 'not-open' | 'not-scheduled' | 'overtaken';

interface ReminderRow {
  link_version: number;
  status: string;
  sent_at: Date | null;
  expires_at: Date | null;
  session_status: string;
  session_title: string;
  candidate_name: string;
  candidate_erased: boolean;
  role_title: string;
  interviewer_name: string;
  interviewer_email: string;
  organization_name: string;
  reminder_hours: number[];
  feedback_deadline_hours: number;
  candidate_asked: boolean;
  db_now: Date;
}

/** Every reminder key a form's link version can have (the settings allow at most a handful). */
const reminderKeys = (formId: string, linkVersion: number, count: number) =>
  Array.from({ length: Math.max(count, 5) }, (_, index) => mailKeys.formReminder(formId, linkVersion, index));

@Injectable()
export class FormReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
    private readonly settlement: SessionSettlement,
  ) {}

  /**
   * Re-reads the form and reminds only while it is still unanswered at the same link version of
   * a completed session, with the invitation's link and due date. When a later reminder is due
   * already (the worker was down), this one is skipped: one reminder, not a burst.
   */
  async handleSendFormReminder(payload: JobPayloads[JobName.SendFormReminder]): Promise<FormReminderOutcome> {
    const { organizationId, formId, linkVersion, index } = payload;
    const [form] = (await this.dataSource.query(
      `SELECT f.link_version, f.status, f.sent_at, f.expires_at, s.status AS session_status, s.title AS session_title,
              c.name AS candidate_name, c.erased_at IS NOT NULL AS candidate_erased, r.title AS role_title,
              i.name AS interviewer_name, i.email AS interviewer_email, o.name AS organization_name,
              o.reminder_hours, o.feedback_deadline_hours,
              EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id) AS candidate_asked,
              now() AS db_now
         FROM feedback_forms f
         JOIN interview_sessions s ON s.id = f.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN interviewers i ON i.id = f.interviewer_id
         JOIN organizations o ON o.id = f.organization_id
        WHERE f.id = $1 AND f.organization_id = $2`,
      [formId, organizationId],
    )) as ReminderRow[];
    if (!form || form.candidate_erased || form.session_status !== 'COMPLETED') return 'not-open';
    if (form.link_version !== linkVersion) return 'superseded';
    if (form.status !== 'SENT' && form.status !== 'OPENED') return 'answered';
    if (!form.sent_at) return 'not-scheduled';
    const now = form.db_now.getTime();
    if (form.expires_at && form.expires_at.getTime() <= now) return 'not-open';

    const times = reminderTimes({
      sentAt: form.sent_at,
      reminderHours: form.reminder_hours,
      deadlineHours: form.feedback_deadline_hours,
      expiresAt: form.expires_at,
      hourMs: this.config.hourMs,
    });
    const own = times.find((reminder) => reminder.index === index);
    if (!own) return 'not-scheduled';
    if (own.at.getTime() > now) throw new NotYetDueError(own.at);
    if (times.some((reminder) => reminder.hours > own.hours && reminder.at.getTime() <= now)) return 'overtaken';

    const token = createLinkToken(this.config.links.secret, { purpose: 'form', id: formId, version: linkVersion });
    const content = formReminderMail({
      interviewerName: form.interviewer_name,
      candidateName: form.candidate_name,
      roleTitle: form.role_title,
      sessionTitle: form.session_title,
      organizationName: form.organization_name,
      candidateAsked: form.candidate_asked,
      dueAt: form.expires_at,
      link: `${this.config.publicUrl}/f/${token}`,
    });
    let outcome: SendOutcome;
    try {
      outcome = await this.mail.send({
        organizationId,
        idempotencyKey: mailKeys.formReminder(formId, linkVersion, index),
        kind: 'form-reminder',
        to: form.interviewer_email,
        ...content,
      });
    } catch (error) {
      if (error instanceof PermanentMailError) await this.settlement.markFormFailed(formId, linkVersion, error.message);
      throw error;
    }
    // the count is derived from the delivery rows, so a repeated job (or two at once) never counts twice
    await this.dataSource.query(
      `UPDATE feedback_forms
          SET reminders_sent = GREATEST(reminders_sent,
                (SELECT count(*)::int FROM email_deliveries WHERE idempotency_key = ANY($3::text[]) AND status = 'SENT'))
        WHERE id = $1 AND link_version = $2`,
      [formId, linkVersion, reminderKeys(formId, linkVersion, form.reminder_hours.length)],
    );
    return outcome;
  }
}
