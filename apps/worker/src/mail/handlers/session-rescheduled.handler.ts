import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { MailSender, SendOutcome } from '../mail-sender.service';
import { SessionMailRepository } from '../session-mail.repository';
import { toCandidate } from '../session-mail-parts';
import { sessionRescheduledMail } from '../templates/session-rescheduled.template';

export type SessionRescheduledOutcome = SendOutcome | 'not-scheduled' | 'candidate-gone';

@Injectable()
export class SessionRescheduledHandler {
  constructor(
    private readonly sessions: SessionMailRepository,
    private readonly mail: MailSender,
  ) {}

  /**
   * Mails the time the session has now: one mail per new time (the idempotency key holds it), so
   * a repeated upsert mails nothing and two quick moves mail the latest time.
   */
  async handleSendSessionRescheduled(payload: JobPayloads[JobName.SendSessionRescheduled]): Promise<SessionRescheduledOutcome> {
    const session = await this.sessions.find(payload.organizationId, payload.sessionId);
    if (!session || session.candidateErased) return 'candidate-gone';
    if (session.sessionStatus !== 'SCHEDULED') return 'not-scheduled';
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: `session-rescheduled:${payload.sessionId}:${session.startsAt.getTime()}:${session.endsAt.getTime()}`,
      kind: 'session-rescheduled',
      ...toCandidate(session),
      ...sessionRescheduledMail({
        candidateName: session.candidateName,
        organizationName: session.organizationName,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
      }),
    });
  }
}
