import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { ReminderScheduler } from '../../feedback/reminder-scheduler.service';
import { mailKeys } from '../../queue/job-ids';
import { RecordSent } from '../email-delivery';
import { FeedbackFormMailRepository, SentForm } from '../feedback-form-mail.repository';
import { FormMailSender } from '../form-mail-sender.service';
import { SendOutcome } from '../mail-sender.service';
import { formInviteMail } from '../templates/form-invite.template';

export type FormInviteOutcome = SendOutcome | 'superseded' | 'not-open' | 'session-not-ended' | 'failed';

@Injectable()
export class FormInviteHandler {
  constructor(
    private readonly forms: FeedbackFormMailRepository,
    private readonly mail: FormMailSender,
    private readonly reminders: ReminderScheduler,
  ) {}

  /**
   * One invitation per form and link version; a permanent refusal marks the form FAILED. Once
   * sent, the form's reminders are queued, counting from this link version's sent_at. Two
   * statements of its own around the send (one read, one update that also answers what the
   * reminders need and, when this job sent the mail, records its delivery row), because at a
   * hiring spree's volume every round trip to PostgreSQL shows.
   */
  async handleSendFormInvite(payload: JobPayloads[JobName.SendFormInvite]): Promise<FormInviteOutcome> {
    const { organizationId, formId, linkVersion } = payload;
    const form = await this.forms.find(organizationId, formId);
    if (!form || form.candidateErased) return 'not-open';
    // a re-sent form has a newer link: its own job mails that one
    if (form.linkVersion !== linkVersion) return 'superseded';
    if (form.sessionStatus !== 'COMPLETED') return 'session-not-ended';
    if (!['PENDING', 'SENT', 'OPENED'].includes(form.status)) return 'not-open';

    // sent by this job: its delivery row and the form's update go in one statement and one commit
    let recorded: { state: SentForm | undefined } | undefined;
    const recordSent: RecordSent = async (delivery, manager) => {
      recorded = { state: await this.forms.recordInvitationSent(delivery, formId, linkVersion, manager) };
    };
    const outcome = await this.mail.send(
      formId,
      linkVersion,
      {
        organizationId,
        idempotencyKey: mailKeys.formInvite(formId, linkVersion),
        kind: 'form-invite',
        to: form.interviewerEmail,
        ...formInviteMail({
          interviewerName: form.interviewerName,
          candidateName: form.candidateName,
          roleTitle: form.roleTitle,
          sessionTitle: form.sessionTitle,
          organizationName: form.organizationName,
          criteria: form.criteria,
          candidateAsked: form.candidateAsked,
          dueAt: form.expiresAt,
          link: this.mail.link(formId, linkVersion),
        }),
      },
      recordSent,
    );
    const sent = recorded ? recorded.state : await this.forms.markInvitationSent(formId, linkVersion);
    if (sent) {
      await this.reminders.schedule(organizationId, formId, linkVersion, {
        ...sent,
        reminderHours: form.reminderHours,
        feedbackDeadlineHours: form.feedbackDeadlineHours,
      });
    }
    return outcome;
  }
}
