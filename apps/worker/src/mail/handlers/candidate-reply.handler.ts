import { CloserConfig } from '@closer/config';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { mailKeys } from '../../queue/job-ids';
import { MailSender, SendOutcome } from '../mail-sender.service';
import { SessionMailRepository } from '../session-mail.repository';
import { sessionForRecruiter } from '../session-mail-parts';
import { candidateReplyMail } from '../templates/candidate-reply.template';

export type CandidateReplyOutcome = SendOutcome | 'no-reply' | 'candidate-gone' | 'no-scheduler';

@Injectable()
export class CandidateReplyHandler {
  constructor(
    private readonly sessions: SessionMailRepository,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  /** One mail per answer's reply (the key), to the recruiter who scheduled the session; nothing once the candidate is erased. */
  async handleSendCandidateReply(payload: JobPayloads[JobName.SendCandidateReply]): Promise<CandidateReplyOutcome> {
    const session = await this.sessions.find(payload.organizationId, payload.sessionId);
    if (!session?.answerId) return 'no-reply';
    if (session.candidateErased) return 'candidate-gone';
    if (session.candidateReply === null) return 'no-reply';
    if (!session.recruiterEmail) return 'no-scheduler';
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.candidateReply(session.answerId),
      kind: 'candidate-reply',
      to: session.recruiterEmail,
      // about the candidate: an erasure before it goes out stops it
      candidateId: session.candidateId,
      ...candidateReplyMail({
        ...sessionForRecruiter(session),
        reply: session.candidateReply,
        flags: session.candidateReplyFlags ?? [],
        link: `${this.config.publicUrl}/dashboard/sessions/${payload.sessionId}`,
      }),
    });
  }
}
