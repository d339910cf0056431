import { CloserConfig } from '@closer/config';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { mailKeys } from '../jobs/job-ids';
import { NotYetDueError } from '../jobs/not-yet-due.error';
import { MailSender, SendOutcome } from '../mail/mail-sender.service';
import { answerLateMail } from '../mail/templates/answer-late.template';

export type AnswerLateOutcome = SendOutcome | 'no-promise' | 'candidate-gone' | 'answer-decided' | 'no-scheduler';

/** Answers that are decided are not late: released, or withheld (the portal then says so). */
export const DECIDED_ANSWER_STATUSES = ['RELEASED', 'WITHHELD'] as const;

interface PromiseRow {
  answer_expected_by: Date | null;
  answer_status: string | null;
  candidate_id: string;
  candidate_name: string;
  candidate_erased: boolean;
  session_title: string;
  role_title: string;
  organization_name: string;
  recruiter_name: string | null;
  recruiter_email: string | null;
  db_now: Date;
}

@Injectable()
export class AnswerLateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const [row] = (await this.dataSource.query(
      `SELECT q.answer_expected_by, a.status AS answer_status, c.id AS candidate_id, c.name AS candidate_name,
              c.erased_at IS NOT NULL AS candidate_erased, s.title AS session_title, r.title AS role_title,
              o.name AS organization_name, u.name AS recruiter_name, u.email AS recruiter_email, now() AS db_now
         FROM fit_feedback_requests q
         JOIN interview_sessions s ON s.id = q.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN candidate_answers a ON a.session_id = s.id
         LEFT JOIN users u ON u.id = s.scheduled_by
        WHERE q.session_id = $1 AND q.organization_id = $2`,
      [sessionId, organizationId],
    )) as PromiseRow[];
    if (!row || !row.answer_expected_by) return 'no-promise';
    if (row.candidate_erased) return 'candidate-gone';
    if ((DECIDED_ANSWER_STATUSES as readonly (string | null)[]).includes(row.answer_status)) return 'answer-decided';
    if (row.answer_expected_by.getTime() > row.db_now.getTime()) throw new NotYetDueError(row.answer_expected_by);
    if (!row.recruiter_email) return 'no-scheduler';
    const content = answerLateMail({
      recruiterName: row.recruiter_name ?? 'there',
      candidateName: row.candidate_name,
      roleTitle: row.role_title,
      sessionTitle: row.session_title,
      organizationName: row.organization_name,
      promisedAt: row.answer_expected_by,
      link: `${this.config.publicUrl}/dashboard/sessions/${sessionId}`,
    });
    const outcome = await this.mail.send({
      organizationId,
      idempotencyKey: mailKeys.answerLate(sessionId),
      kind: 'answer-late',
      to: row.recruiter_email,
      candidateId: row.candidate_id,
      ...content,
    });
    if (outcome !== 'candidate-gone') {
      await this.dataSource.query(
        `UPDATE fit_feedback_requests SET late_notified_at = COALESCE(late_notified_at, now()) WHERE session_id = $1`,
        [sessionId],
      );
    }
    return outcome;
  }
}
