import { CloserConfig } from '@closer/config';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { DECIDED_ANSWER_STATUSES } from '../../feedback/feedback-statuses';
import { mailKeys } from '../../queue/job-ids';
import { NotYetDueError } from '../../queue/not-yet-due.error';
import { MailSender, SendOutcome } from '../mail-sender.service';
import { SessionMailRepository } from '../session-mail.repository';
import { sessionForRecruiter } from '../session-mail-parts';
import { answerLateMail } from '../templates/answer-late.template';

export type AnswerLateOutcome = SendOutcome | 'no-promise' | 'candidate-gone' | 'answer-decided' | 'no-scheduler';

@Injectable()
export class AnswerLateHandler {
  constructor(
    private readonly sessions: SessionMailRepository,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  /**
   * The one mail telling the recruiter who scheduled the session that the date promised to the
   * candidate passed without an answer (key `answer-late:<sessionId>`); once sent, the request
   * records when, and the portal says so.
   */
  async handleSendAnswerLate(payload: JobPayloads[JobName.SendAnswerLate]): Promise<AnswerLateOutcome> {
    const { organizationId, sessionId } = payload;
    const session = await this.sessions.find(organizationId, sessionId);
    if (!session?.answerExpectedBy) return 'no-promise';
    if (session.candidateErased) return 'candidate-gone';
    if ((DECIDED_ANSWER_STATUSES as readonly (string | null)[]).includes(session.answerStatus)) return 'answer-decided';
    if (session.answerExpectedBy.getTime() > session.dbNow.getTime()) throw new NotYetDueError(session.answerExpectedBy);
    if (!session.recruiterEmail) return 'no-scheduler';
    const outcome = await this.mail.send({
      organizationId,
      idempotencyKey: mailKeys.answerLate(sessionId),
      kind: 'answer-late',
      to: session.recruiterEmail,
      candidateId: session.candidateId,
      ...answerLateMail({
        ...sessionForRecruiter(session),
        promisedAt: session.answerExpectedBy,
        link: `${this.config.publicUrl}/dashboard/sessions/${sessionId}`,
      }),
    });
    if (outcome !== 'candidate-gone') await this.sessions.markLateNotified(sessionId);
    return outcome;
  }
}
