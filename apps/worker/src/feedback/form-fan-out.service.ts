import { CloserConfig } from '@closer/config';
import { preparedQuery } from '@closer/database';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { jobIds } from '../queue/job-ids';
import { JobProducer, JobToAdd } from '../queue/job-producer';
import { delayUntil, escalationAt } from './feedback-timing';

interface CompletedSession {
  status: string;
  completed_at: Date | null;
  feedback_due_at: Date | null;
  scheduled_by: string | null;
  candidate_erased: boolean;
  reminder_hours: number[];
  feedback_deadline_hours: number;
  /** The session's unsent forms, oldest first. */
  forms: { id: string; link_version: number }[];
}

@Injectable()
export class FormFanOutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: CloserConfig,
  ) {}

  /**
   * A session completed: one invitation job per unsent form, the escalation at its time and the
   * deadline at feedbackDueAt, all as delayed jobs with ids derived from the form or session, so
   * a retried or repeated fan-out adds nothing twice. Nothing goes out about an erased candidate:
   * their forms expired with the erasure, and the deadline job finds nothing to compose.
   */
  async handleFanOutForms(payload: JobPayloads[JobName.FanOutForms]): Promise<string> {
    const { organizationId, sessionId } = payload;
    const [session] = await preparedQuery<CompletedSession>(
      this.dataSource.manager,
      {
        name: 'fan-out.session',
        text: `SELECT s.status, s.completed_at, s.feedback_due_at, s.scheduled_by, c.erased_at IS NOT NULL AS candidate_erased,
              o.reminder_hours, o.feedback_deadline_hours,
              COALESCE((SELECT json_agg(json_build_object('id', f.id, 'link_version', f.link_version) ORDER BY f.created_at, f.id)
                          FROM feedback_forms f
                         WHERE f.session_id = s.id AND f.organization_id = s.organization_id AND f.status = 'PENDING'), '[]') AS forms
         FROM interview_sessions s
         JOIN candidates c ON c.id = s.candidate_id
         JOIN organizations o ON o.id = s.organization_id
        WHERE s.id = $1 AND s.organization_id = $2`,
      },
      [sessionId, organizationId],
    );
    if (!session || session.status !== 'COMPLETED' || !session.completed_at) return 'session-not-completed';

    const jobs: JobToAdd[] = [];
    if (session.feedback_due_at) {
      jobs.push({
        id: jobIds.closeFeedback(sessionId),
        job: { name: JobName.CloseSessionFeedback, data: { organizationId, sessionId } },
        delay: delayUntil(session.feedback_due_at),
      });
    }
    if (session.candidate_erased) {
      await this.producer.add(jobs);
      return 'candidate-erased';
    }
    const { forms } = session;
    for (const form of forms) {
      jobs.push({
        id: jobIds.formInvite(form.id, form.link_version),
        job: { name: JobName.SendFormInvite, data: { organizationId, formId: form.id, linkVersion: form.link_version } },
      });
    }
    if (session.scheduled_by) {
      const at = escalationAt(session.completed_at, session.reminder_hours, session.feedback_deadline_hours, this.config.hourMs);
      jobs.push({
        id: jobIds.escalation(sessionId),
        job: { name: JobName.SendEscalation, data: { organizationId, sessionId } },
        delay: delayUntil(at),
      });
    }
    await this.producer.add(jobs);
    return `queued ${forms.length}`;
  }
}
