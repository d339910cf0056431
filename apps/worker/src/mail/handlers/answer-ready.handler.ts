import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { mailKeys } from '../../queue/job-ids';
import { MailSender, SendOutcome } from '../mail-sender.service';
import { SessionMailRepository } from '../session-mail.repository';
import { toCandidate } from '../session-mail-parts';
import { answerReadyMail } from '../templates/answer-ready.template';

export type AnswerReadyOutcome = SendOutcome | 'no-answer' | 'candidate-gone' | 'not-released' | 'not-asked';

@Injectable()
export class AnswerReadyHandler {
  constructor(
    private readonly sessions: SessionMailRepository,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  /**
   * Started both by the release and by the candidate's request, whichever comes second finds
   * both true and mails; the key (one per answer) makes it one mail at most. A candidate who
   * did not ask gets nothing.
   */
  async handleSendAnswerReady(payload: JobPayloads[JobName.SendAnswerReady]): Promise<AnswerReadyOutcome> {
    const session = await this.sessions.find(payload.organizationId, payload.sessionId);
    if (!session?.answerId) return 'no-answer';
    if (session.candidateErased) return 'candidate-gone';
    if (session.answerStatus !== 'RELEASED') return 'not-released';
    if (!session.candidateAsked) return 'not-asked';
    const token = createLinkToken(this.config.links.secret, {
      purpose: 'portal',
      id: session.candidateId,
      version: session.portalLinkVersion,
    });
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.answerReady(session.answerId),
      kind: 'answer-ready',
      ...toCandidate(session),
      ...answerReadyMail({
        candidateName: session.candidateName,
        organizationName: session.organizationName,
        roleTitle: session.roleTitle,
        link: `${this.config.publicUrl}/c/${token}`,
      }),
    });
  }
}
