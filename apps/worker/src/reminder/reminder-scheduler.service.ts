import { CloserConfig } from '@closer/config';
import { JobName } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { delayUntil, reminderTimes } from '../feedback/feedback-timing';
import { jobIds } from '../jobs/job-ids';
import { JobProducer } from '../outbox/job-producer';

/** What the reminders of a form's link version depend on. */
export interface SentFormState {
  status: string;
  link_version: number;
  sent_at: Date | null;
  expires_at: Date | null;
  reminder_hours: number[];
  feedback_deadline_hours: number;
}

/** Queues a sent form's reminders as delayed jobs; ids are deterministic, so repeating this adds nothing. */
@Injectable()
export class ReminderScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: CloserConfig,
  ) {}

  /** Returns how many reminders were (or already were) scheduled for this link version. */
  async scheduleForForm(organizationId: string, formId: string, linkVersion: number): Promise<number> {
    const [form] = (await this.dataSource.query(
      `SELECT f.status, f.link_version, f.sent_at, f.expires_at, o.reminder_hours, o.feedback_deadline_hours
         FROM feedback_forms f JOIN organizations o ON o.id = f.organization_id
        WHERE f.id = $1 AND f.organization_id = $2`,
      [formId, organizationId],
    )) as SentFormState[];
    return form ? this.schedule(organizationId, formId, linkVersion, form) : 0;
  }

  /** The same from a state the caller has just read (the invitation's update returns it). */
  async schedule(organizationId: string, formId: string, linkVersion: number, form: SentFormState): Promise<number> {
    if (form.link_version !== linkVersion || !form.sent_at || !['SENT', 'OPENED'].includes(form.status)) return 0;
    const times = reminderTimes({
      sentAt: form.sent_at,
      reminderHours: form.reminder_hours,
      deadlineHours: form.feedback_deadline_hours,
      expiresAt: form.expires_at,
      hourMs: this.config.hourMs,
    });
    await this.producer.add(
      times.map((reminder) => ({
        id: jobIds.formReminder(formId, linkVersion, reminder.index),
        job: { name: JobName.SendFormReminder, data: { organizationId, formId, linkVersion, index: reminder.index } },
        delay: delayUntil(reminder.at),
      })),
    );
    return times.length;
  }
}
