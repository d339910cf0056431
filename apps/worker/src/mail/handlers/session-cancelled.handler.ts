import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { mailKeys } from '../../queue/job-ids';
import { MailSender, SendOutcome } from '../mail-sender.service';
import { SessionMailRepository } from '../session-mail.repository';
import { toCandidate } from '../session-mail-parts';
import { sessionCancelledMail } from '../templates/session-cancelled.template';

export type SessionCancelledOutcome = SendOutcome | 'candidate-gone' | 'not-cancelled';

/** Tells the candidate their session was cancelled, if it still is when the job runs: one mail per session, ever. */
@Injectable()
export class SessionCancelledHandler {
  constructor(
    private readonly sessions: SessionMailRepository,
    private readonly mail: MailSender,
  ) {}

  async handleSendSessionCancelled(payload: JobPayloads[JobName.SendSessionCancelled]): Promise<SessionCancelledOutcome> {
    const session = await this.sessions.find(payload.organizationId, payload.sessionId);
    if (!session || session.candidateErased) return 'candidate-gone';
    if (session.sessionStatus !== 'CANCELLED') return 'not-cancelled';
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.sessionCancelled(payload.sessionId),
      kind: 'session-cancelled',
      ...toCandidate(session),
      ...sessionCancelledMail({
        candidateName: session.candidateName,
        organizationName: session.organizationName,
        roleTitle: session.roleTitle,
        startsAt: session.startsAt,
      }),
    });
  }
}
