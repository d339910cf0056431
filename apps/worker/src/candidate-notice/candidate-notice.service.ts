import { preparedQuery } from '@closer/database';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { mailKeys } from '../jobs/job-ids';
import { MailSender, SendOutcome } from '../mail/mail-sender.service';
import { noAnswerNoteMail } from '../mail/templates/no-answer-note.template';
import { sessionCancelledMail } from '../mail/templates/session-cancelled.template';

export type CandidateNoticeOutcome = SendOutcome | 'candidate-gone' | 'not-cancelled' | 'not-withheld';

interface SessionRow {
  session_status: string;
  starts_at: Date;
  candidate_id: string;
  candidate_name: string;
  candidate_email: string;
  candidate_erased: boolean;
  role_title: string;
  organization_name: string;
  answer_status: string | null;
  candidate_notified: boolean;
}

/**
 * Mails that tell a candidate something about one session: that it was cancelled, or that not
 * enough feedback could be gathered. Each checks, when it runs, that what it announces still
 * holds, and has one idempotency key per session or answer: one mail, ever.
 */
@Injectable()
export class CandidateNoticeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
  ) {}

  async handleSendSessionCancelled(payload: JobPayloads[JobName.SendSessionCancelled]): Promise<CandidateNoticeOutcome> {
    const session = await this.load(payload.organizationId, payload.sessionId);
    if (!session || session.candidate_erased) return 'candidate-gone';
    if (session.session_status !== 'CANCELLED') return 'not-cancelled';
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.sessionCancelled(payload.sessionId),
      kind: 'session-cancelled',
      to: session.candidate_email,
      // re-checked just before sending: an erasure landing meanwhile stops the mail
      candidateId: session.candidate_id,
      ...sessionCancelledMail({
        candidateName: session.candidate_name,
        organizationName: session.organization_name,
        roleTitle: session.role_title,
        startsAt: session.starts_at,
      }),
    });
  }

  async handleSendNoAnswerNote(payload: JobPayloads[JobName.SendNoAnswerNote]): Promise<CandidateNoticeOutcome> {
    const session = await this.load(payload.organizationId, payload.sessionId);
    if (!session || session.candidate_erased) return 'candidate-gone';
    // reopened (an interviewer was added) or released by hand meanwhile: the answer is coming after all
    if (session.answer_status !== 'WITHHELD' || !session.candidate_notified) return 'not-withheld';
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.noAnswerNote(payload.answerId),
      kind: 'no-answer-note',
      to: session.candidate_email,
      // re-checked just before sending: an erasure landing meanwhile stops the mail
      candidateId: session.candidate_id,
      ...noAnswerNoteMail({
        candidateName: session.candidate_name,
        organizationName: session.organization_name,
        roleTitle: session.role_title,
      }),
    });
  }

  private async load(organizationId: string, sessionId: string): Promise<SessionRow | undefined> {
    const [row] = await preparedQuery<SessionRow>(
      this.dataSource.manager,
      {
        name: 'candidate-notice.load',
        text: `SELECT s.status AS session_status, s.starts_at, c.id AS candidate_id, c.name AS candidate_name, c.email AS candidate_email,
                      c.erased_at IS NOT NULL AS candidate_erased, r.title AS role_title, o.name AS organization_name,
                      a.status AS answer_status, a.candidate_notified_at IS NOT NULL AS candidate_notified
                 FROM interview_sessions s
                 JOIN candidates c ON c.id = s.candidate_id
                 JOIN roles r ON r.id = s.role_id
                 JOIN organizations o ON o.id = s.organization_id
                 LEFT JOIN candidate_answers a ON a.session_id = s.id
                WHERE s.id = $1 AND s.organization_id = $2`,
      },
      [sessionId, organizationId],
    );
    return row;
  }
}
