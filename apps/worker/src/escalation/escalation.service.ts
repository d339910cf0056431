import { CloserConfig } from '@closer/config';
import { requiredResponses } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { escalationAt } from '../feedback/feedback-timing';
import { OPEN_FORM_STATUSES } from '../feedback/session-settlement.service';
import { mailKeys } from '../jobs/job-ids';
import { NotYetDueError } from '../jobs/not-yet-due.error';
import { MailSender, SendOutcome } from '../mail/mail-sender.service';
import { escalationMail } from '../mail/templates/escalation.template';

export type EscalationOutcome = SendOutcome | 'not-open' | 'answer-decided' | 'too-late' | 'no-scheduler' | 'nobody-overdue';

interface SessionRow {
  status: string;
  title: string;
  completed_at: Date | null;
  feedback_due_at: Date | null;
  candidate_name: string;
  candidate_erased: boolean;
  role_title: string;
  organization_name: string;
  reminder_hours: number[];
  feedback_deadline_hours: number;
  min_responses_for_answer: number;
  answer_status: string | null;
  recruiter_name: string | null;
  recruiter_email: string | null;
  db_now: Date;
}

@Injectable()
export class EscalationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  /**
   * One mail per session, to the recruiter who scheduled it, naming the interviewers whose forms
   * are still unanswered; nothing when nobody is overdue, the deadline has passed, the answer is
   * already decided, or nobody scheduled it (the user was removed).
   */
  async handleSendEscalation(payload: JobPayloads[JobName.SendEscalation]): Promise<EscalationOutcome> {
    const { organizationId, sessionId } = payload;
    const [session] = (await this.dataSource.query(
      `SELECT s.status, s.title, s.completed_at, s.feedback_due_at, c.name AS candidate_name,
              c.erased_at IS NOT NULL AS candidate_erased, r.title AS role_title, o.name AS organization_name,
              o.reminder_hours, o.feedback_deadline_hours, o.min_responses_for_answer, a.status AS answer_status,
              u.name AS recruiter_name, u.email AS recruiter_email, now() AS db_now
         FROM interview_sessions s
         JOIN candidates c ON c.id = s.candidate_id
         JOIN roles r ON r.id = s.role_id
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN candidate_answers a ON a.session_id = s.id
         LEFT JOIN users u ON u.id = s.scheduled_by
        WHERE s.id = $1 AND s.organization_id = $2`,
      [sessionId, organizationId],
    )) as SessionRow[];
    if (!session || session.candidate_erased || session.status !== 'COMPLETED' || !session.completed_at) return 'not-open';
    if (session.answer_status !== null && session.answer_status !== 'WAITING_FOR_FEEDBACK') return 'answer-decided';
    const now = session.db_now.getTime();
    const at = escalationAt(session.completed_at, session.reminder_hours, session.feedback_deadline_hours, this.config.hourMs);
    if (at.getTime() > now) throw new NotYetDueError(at);
    if (session.feedback_due_at && session.feedback_due_at.getTime() <= now) return 'too-late';
    if (!session.recruiter_email) return 'no-scheduler';

    const forms = (await this.dataSource.query(
      `SELECT f.status, f.reminders_sent, i.name, i.email
         FROM feedback_forms f JOIN interviewers i ON i.id = f.interviewer_id
        WHERE f.session_id = $1
        ORDER BY f.created_at, f.id`,
      [sessionId],
    )) as { status: string; reminders_sent: number; name: string; email: string }[];
    const overdue = forms.filter((form) => (OPEN_FORM_STATUSES as readonly string[]).includes(form.status));
    if (overdue.length === 0) return 'nobody-overdue';

    const content = escalationMail({
      recruiterName: session.recruiter_name ?? 'there',
      candidateName: session.candidate_name,
      roleTitle: session.role_title,
      sessionTitle: session.title,
      organizationName: session.organization_name,
      panelSize: forms.length,
      overdue: overdue.map((form) => ({ name: form.name, email: form.email, opened: form.status === 'OPENED' })),
      remindersSent: Math.max(0, ...overdue.map((form) => form.reminders_sent)),
      dueAt: session.feedback_due_at,
      minResponses: requiredResponses(forms.length, session.min_responses_for_answer),
      responses: forms.filter((form) => form.status === 'SUBMITTED').length,
      link: `${this.config.publicUrl}/dashboard`,
    });
    return this.mail.send({
      organizationId,
      idempotencyKey: mailKeys.escalation(sessionId),
      kind: 'escalation',
      to: session.recruiter_email,
      ...content,
    });
  }
}
