import { CloserConfig } from '@closer/config';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { sentFormReminderTimes } from '../../feedback/feedback-timing';
import { mailKeys } from '../../queue/job-ids';
import { NotYetDueError } from '../../queue/not-yet-due.error';
import { FeedbackFormMailRepository } from '../feedback-form-mail.repository';
import { FormMailSender } from '../form-mail-sender.service';
import { SendOutcome } from '../mail-sender.service';
import { formReminderMail } from '../templates/form-reminder.template';

export type FormReminderOutcome = SendOutcome | 'superseded' | 'answered' | 'not-open' | 'not-scheduled' | 'overtaken';

/** Every reminder key a form's link version can have (the settings allow at most a handful). */
const reminderKeys = (formId: string, linkVersion: number, count: number) =>
  Array.from({ length: Math.max(count, 5) }, (_, index) => mailKeys.formReminder(formId, linkVersion, index));

@Injectable()
export class FormReminderHandler {
  constructor(
    private readonly forms: FeedbackFormMailRepository,
    private readonly mail: FormMailSender,
    private readonly config: CloserConfig,
  ) {}

  /**
   * Re-reads the form and reminds only while it is still unanswered at the same link version of
   * a completed session, with the invitation's link and due date. When a later reminder is due
   * already (the worker was down), this one is skipped: one reminder, not a burst.
   */
  async handleSendFormReminder(payload: JobPayloads[JobName.SendFormReminder]): Promise<FormReminderOutcome> {
    const { organizationId, formId, linkVersion, index } = payload;
    const form = await this.forms.find(organizationId, formId);
    if (!form || form.candidateErased || form.sessionStatus !== 'COMPLETED') return 'not-open';
    if (form.linkVersion !== linkVersion) return 'superseded';
    if (form.status !== 'SENT' && form.status !== 'OPENED') return 'answered';
    if (!form.sentAt) return 'not-scheduled';
    const now = form.dbNow.getTime();
    if (form.expiresAt && form.expiresAt.getTime() <= now) return 'not-open';

    const times = sentFormReminderTimes({ ...form, sentAt: form.sentAt }, this.config.hourMs);
    const own = times.find((reminder) => reminder.index === index);
    if (!own) return 'not-scheduled';
    if (own.at.getTime() > now) throw new NotYetDueError(own.at);
    if (times.some((reminder) => reminder.hours > own.hours && reminder.at.getTime() <= now)) return 'overtaken';

    const outcome = await this.mail.send(formId, linkVersion, {
      organizationId,
      idempotencyKey: mailKeys.formReminder(formId, linkVersion, index),
      kind: 'form-reminder',
      to: form.interviewerEmail,
      ...formReminderMail({
        interviewerName: form.interviewerName,
        candidateName: form.candidateName,
        roleTitle: form.roleTitle,
        sessionTitle: form.sessionTitle,
        organizationName: form.organizationName,
        candidateAsked: form.candidateAsked,
        dueAt: form.expiresAt,
        link: this.mail.link(formId, linkVersion),
      }),
    });
    await this.forms.recordRemindersSent(formId, linkVersion, reminderKeys(formId, linkVersion, form.reminderHours.length));
    return outcome;
  }
}
