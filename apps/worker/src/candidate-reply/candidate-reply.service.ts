import { CloserConfig } from '@closer/config';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { mailKeys } from '../jobs/job-ids';
import { MailSender, SendOutcome } from '../mail/mail-sender.service';
import { candidateReplyMail } from '../mail/templates/candidate-reply.template';

export type CandidateReplyOutcome = SendOutcome | 'no-reply' | 'candidate-gone' | 'no-scheduler';

interface ReplyRow {
  answer_id: string;
  reply: string | null;
  flags: string[];
  candidate_id: string;
  candidate_name: string;
  candidate_erased: boolean;
  session_title: string;
  role_title: string;
  organization_name: string;
  recruiter_name: string | null;
  recruiter_email: string | null;
}

@Injectable()
export class CandidateReplyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  /** One mail per answer's reply (the key), to the recruiter who scheduled the session; nothing once the candidate is erased. */
  async handleSendCandidateReply(payload: JobPayloads[JobName.SendCandidateReply]): Promise<CandidateReplyOutcome> {
    const [row] = (await this.dataSource.query(
      `SELECT a.id AS answer_id, a.candidate_reply AS reply, a.candidate_reply_flags AS flags, c.id AS candidate_id,
              c.name AS candidate_name, c.erased_at IS NOT NULL AS candidate_erased, s.title AS session_title,
              r.title AS role_title, o.name AS organization_name, u.name AS recruiter_name, u.email AS recruiter_email
         FROM candidate_answers a
         JOIN interview_sessions s ON s.id = a.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN users u ON u.id = s.scheduled_by
        WHERE a.session_id = $1 AND a.organization_id = $2`,
      [payload.sessionId, payload.organizationId],
    )) as ReplyRow[];
    if (!row) return 'no-reply';
    if (row.candidate_erased) return 'candidate-gone';
    if (row.reply === null) return 'no-reply';
    if (!row.recruiter_email) return 'no-scheduler';
    const content = candidateReplyMail({
      recruiterName: row.recruiter_name ?? 'there',
      candidateName: row.candidate_name,
      roleTitle: row.role_title,
      sessionTitle: row.session_title,
      organizationName: row.organization_name,
      reply: row.reply,
      flags: row.flags,
      link: `${this.config.publicUrl}/dashboard/sessions/${payload.sessionId}`,
    });
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.candidateReply(row.answer_id),
      kind: 'candidate-reply',
      to: row.recruiter_email,
      // about the candidate: an erasure before it goes out stops it
      candidateId: row.candidate_id,
      ...content,
    });
  }
}
