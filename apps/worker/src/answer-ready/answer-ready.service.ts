import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { mailKeys } from '../jobs/job-ids';
import { MailSender, SendOutcome } from '../mail/mail-sender.service';
import { answerReadyMail } from '../mail/templates/answer-ready.template';

export type AnswerReadyOutcome = SendOutcome | 'no-answer' | 'candidate-gone' | 'not-released' | 'not-asked';

interface AnswerRow {
  answer_id: string;
  status: string;
  candidate_id: string;
  candidate_name: string;
  candidate_email: string;
  candidate_erased: boolean;
  portal_link_version: number;
  role_title: string;
  organization_name: string;
  asked: boolean;
}

@Injectable()
export class AnswerReadyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  /**
   * Started both by the release and by the candidate's request, whichever comes second finds
   * both true and mails; the key (one per answer) makes it one mail at most. A candidate who
   * did not ask gets nothing.
   */
  async handleSendAnswerReady(payload: JobPayloads[JobName.SendAnswerReady]): Promise<AnswerReadyOutcome> {
    const [answer] = (await this.dataSource.query(
      `SELECT a.id AS answer_id, a.status, c.id AS candidate_id, c.name AS candidate_name, c.email AS candidate_email,
              c.erased_at IS NOT NULL AS candidate_erased, c.portal_link_version, r.title AS role_title,
              o.name AS organization_name,
              EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id) AS asked
         FROM candidate_answers a
         JOIN interview_sessions s ON s.id = a.session_id
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN organizations o ON o.id = s.organization_id
        WHERE a.session_id = $1 AND a.organization_id = $2`,
      [payload.sessionId, payload.organizationId],
    )) as AnswerRow[];
    if (!answer) return 'no-answer';
    if (answer.candidate_erased) return 'candidate-gone';
    if (answer.status !== 'RELEASED') return 'not-released';
    if (!answer.asked) return 'not-asked';
    const token = createLinkToken(this.config.links.secret, {
      purpose: 'portal',
      id: answer.candidate_id,
      version: answer.portal_link_version,
    });
    const content = answerReadyMail({
      candidateName: answer.candidate_name,
      organizationName: answer.organization_name,
      roleTitle: answer.role_title,
      link: `${this.config.publicUrl}/c/${token}`,
    });
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: mailKeys.answerReady(answer.answer_id),
      kind: 'answer-ready',
      to: answer.candidate_email,
      candidateId: answer.candidate_id,
      ...content,
    });
  }
}
