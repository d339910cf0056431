import { CloserConfig } from '@closer/config';
import { requiredResponses } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { OPEN_FORM_STATUSES } from '../../feedback/feedback-statuses';
import { escalationAt } from '../../feedback/feedback-timing';
import { mailKeys } from '../../queue/job-ids';
import { NotYetDueError } from '../../queue/not-yet-due.error';
import { MailSender, SendOutcome } from '../mail-sender.service';
import { SessionMailRepository } from '../session-mail.repository';
import { sessionForRecruiter } from '../session-mail-parts';
import { escalationMail } from '../templates/escalation.template';

export type EscalationOutcome = SendOutcome | 'not-open' | 'answer-decided' | 'too-late' | 'no-scheduler' | 'nobody-overdue';

@Injectable()
export class EscalationHandler {
  constructor(
    private readonly sessions: SessionMailRepository,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  /**
   * One mail per session, to the recruiter who scheduled it, naming the interviewers whose forms
   * are still unanswered; nothing when nobody is overdue, the deadline has passed, the answer is
   * already decided, or nobody scheduled it (the user was removed).
   */
  async handleSendEscalation(payload: JobPayloads[JobName.SendEscalation]): Promise<EscalationOutcome> {
    const { organizationId, sessionId } = payload;
    const session = await this.sessions.find(organizationId, sessionId);
    if (!session || session.candidateErased || session.sessionStatus !== 'COMPLETED' || !session.completedAt) return 'not-open';
    if (session.answerStatus !== null && session.answerStatus !== 'WAITING_FOR_FEEDBACK') return 'answer-decided';
    const now = session.dbNow.getTime();
    const at = escalationAt(session.completedAt, session.reminderHours, session.feedbackDeadlineHours, this.config.hourMs);
    if (at.getTime() > now) throw new NotYetDueError(at);
    if (session.feedbackDueAt && session.feedbackDueAt.getTime() <= now) return 'too-late';
    if (!session.recruiterEmail) return 'no-scheduler';

    const forms = await this.sessions.panelForms(sessionId);
    const overdue = forms.filter((form) => (OPEN_FORM_STATUSES as readonly string[]).includes(form.status));
    if (overdue.length === 0) return 'nobody-overdue';

    return this.mail.send({
      organizationId,
      idempotencyKey: mailKeys.escalation(sessionId),
      kind: 'escalation',
      to: session.recruiterEmail,
      ...escalationMail({
        ...sessionForRecruiter(session),
        panelSize: forms.length,
        overdue: overdue.map((form) => ({ name: form.name, email: form.email, opened: form.status === 'OPENED' })),
        remindersSent: Math.max(0, ...overdue.map((form) => form.remindersSent)),
        dueAt: session.feedbackDueAt,
        minResponses: requiredResponses(forms.length, session.minResponsesForAnswer),
        responses: forms.filter((form) => form.status === 'SUBMITTED').length,
        link: `${this.config.publicUrl}/dashboard`,
      }),
    });
  }
}
