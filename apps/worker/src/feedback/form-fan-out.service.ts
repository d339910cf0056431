import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { JobProducer } from '../outbox/job-producer';

@Injectable()
export class FormFanOutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  /**
   * One invitation job per unsent form of a completed session. Job ids derive from form and link
   * version, so a retried or repeated fan-out adds nothing twice.
   */
  async handleFanOutForms(payload: JobPayloads[JobName.FanOutForms]): Promise<string> {
    const forms: { id: string; link_version: number }[] = await this.dataSource.query(
      `SELECT f.id, f.link_version FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id
        WHERE f.session_id = $1 AND f.organization_id = $2 AND f.status = 'PENDING' AND s.status = 'COMPLETED'
        ORDER BY f.created_at, f.id`,
      [payload.sessionId, payload.organizationId],
    );
    await this.producer.add(
      forms.map((form) => ({
        id: `form-invite-${form.id}-${form.link_version}`,
        job: {
          name: JobName.SendFormInvite,
          data: { organizationId: payload.organizationId, formId: form.id, linkVersion: form.link_version },
        },
      })),
    );
    return `queued ${forms.length}`;
  }
}
