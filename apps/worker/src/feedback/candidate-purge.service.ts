import { JobName, JobPayloads, QueueName } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { jobIds } from '../queue/job-ids';
import { JobProducer } from '../queue/job-producer';

/** The settings allow at most five reminders; ids of indexes beyond the current list may still be queued. */
const MAX_REMINDERS = 5;

@Injectable()
export class CandidatePurgeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  /**
   * An erased candidate: removes the queued (waiting or delayed) invitations, reminders and
   * escalations about their sessions, found by their deterministic ids, so no mail about them
   * goes out. A job already running, or one with an outbox-derived id (portal invite, answer
   * ready), is stopped by its processor, which skips erased candidates. The deadline job stays:
   * it finds the erasure (the forms expired with it, the answer is never composed) and does nothing.
   */
  async handlePurgeCandidateJobs(payload: JobPayloads[JobName.PurgeCandidateJobs]): Promise<string> {
    const rows = await this.dataSource.query<
      { session_id: string; form_id: string | null; link_version: number | null; reminders: number | null }[]
    >(
      `SELECT s.id AS session_id, f.id AS form_id, f.link_version, cardinality(o.reminder_hours) AS reminders
         FROM interview_sessions s
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN feedback_forms f ON f.session_id = s.id
        WHERE s.candidate_id = $1 AND s.organization_id = $2`,
      [payload.candidateId, payload.organizationId],
    );
    const ids = new Set<string>();
    for (const row of rows) {
      ids.add(jobIds.escalation(row.session_id));
      if (!row.form_id || !row.link_version) continue;
      for (let version = 1; version <= row.link_version; version++) {
        ids.add(jobIds.formInvite(row.form_id, version));
        for (let index = 0; index < Math.max(MAX_REMINDERS, row.reminders ?? 0); index++) {
          ids.add(jobIds.formReminder(row.form_id, version, index));
        }
      }
    }
    let removed = 0;
    const queue = this.producer.queue(QueueName.Mail);
    for (const id of ids) {
      const job = await queue.getJob(id);
      if (!job) continue;
      const state = await job.getState();
      if ((state === 'waiting' || state === 'delayed' || state === 'prioritized') && (await this.producer.remove(QueueName.Mail, id))) {
        removed++;
      }
    }
    return `removed ${removed}`;
  }
}
