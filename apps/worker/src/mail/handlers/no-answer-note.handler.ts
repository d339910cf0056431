import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { mailKeys } from '../../queue/job-ids';
import { MailSender, SendOutcome } from '../mail-sender.service';
import { SessionMailRepository } from '../session-mail.repository';
import { toCandidate } from '../session-mail-parts';
import { noAnswerNoteMail } from '../templates/no-answer-note.template';

export type NoAnswerNoteOutcome = SendOutcome | 'candidate-gone' | 'not-withheld';

/**
 * Tells the candidate not enough feedback could be gathered, if the answer is still withheld
 * when the job runs: one mail per answer, ever.
 */
@Injectable()
export class NoAnswerNoteHandler {
  constructor(
    private readonly sessions: SessionMailRepository,
    private readonly mail: MailSender,
  ) {}

  async handleSendNoAnswerNote(payload: JobPayloads[JobName.SendNoAnswerNote]): Promise<NoAnswerNoteOutcome> {
    const session = await this.sessions.find(payload.organizationId, payload.sessionId);
    if (!session || session.candidateErased) return 'candidate-gone';
    // reopened (an interviewer was added) or released by hand meanwhile: the answer is coming after all
    if (session.answerStatus !== 'WITHHELD' || !session.candidateNotified) return 'not-withheld';
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.noAnswerNote(payload.answerId),
      kind: 'no-answer-note',
      ...toCandidate(session),
      ...noAnswerNoteMail({
        candidateName: session.candidateName,
        organizationName: session.organizationName,
        roleTitle: session.roleTitle,
      }),
    });
  }
}
