import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { MailSender, SendOutcome } from '../mail/mail-sender.service';
import { sessionRescheduledMail } from '../mail/templates/session-rescheduled.template';

export type SessionRescheduledOutcome = SendOutcome | 'not-scheduled' | 'candidate-gone';

interface SessionRow {
  status: string;
  starts_at: Date;
  ends_at: Date;
  candidate_id: string;
  candidate_name: string;
  candidate_email: string;
  candidate_erased: boolean;
  organization_name: string;
}

@Injectable()
export class SessionRescheduledService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
  ) {}

  /**
   * Mails the time the session has now: one mail per new time (the idempotency key holds it), so
   * a repeated upsert mails nothing and two quick moves mail the latest time.
   */
  async handleSendSessionRescheduled(payload: JobPayloads[JobName.SendSessionRescheduled]): Promise<SessionRescheduledOutcome> {
    const [session] = (await this.dataSource.query(
      `SELECT s.status, s.starts_at, s.ends_at, c.id AS candidate_id, c.name AS candidate_name, c.email AS candidate_email,
              c.erased_at IS NOT NULL AS candidate_erased, o.name AS organization_name
         FROM interview_sessions s JOIN candidates c ON c.id = s.candidate_id JOIN organizations o ON o.id = s.organization_id
        WHERE s.id = $1 AND s.organization_id = $2`,
      [payload.sessionId, payload.organizationId],
    )) as SessionRow[];
    if (!session || session.candidate_erased) return 'candidate-gone';
    if (session.status !== 'SCHEDULED') return 'not-scheduled';
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: `session-rescheduled:${payload.sessionId}:${session.starts_at.getTime()}:${session.ends_at.getTime()}`,
      kind: 'session-rescheduled',
      to: session.candidate_email,
      // re-checked just before sending: an erasure landing meanwhile stops the mail
      candidateId: session.candidate_id,
      ...sessionRescheduledMail({
        candidateName: session.candidate_name,
        organizationName: session.organization_name,
        startsAt: session.starts_at,
        endsAt: session.ends_at,
      }),
    });
  }
}
