import { CloserConfig } from '@closer/config';
import { JobName } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { jobIds } from '../queue/job-ids';
import { JobProducer } from '../queue/job-producer';
import { delayUntil, sentFormReminderTimes } from './feedback-timing';

/** What the reminders of a form's link version depend on. */
export interface SentFormState {
  status: string;
  linkVersion: number;
  sentAt: Date | null;
  expiresAt: Date | null;
  reminderHours: number[];
  feedbackDeadlineHours: number;
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
    const [form] = await this.dataSource.query<SentFormState[]>(
      `SELECT f.status, f.link_version AS "linkVersion", f.sent_at AS "sentAt", f.expires_at AS "expiresAt",
              o.reminder_hours AS "reminderHours", o.feedback_deadline_hours AS "feedbackDeadlineHours"
         FROM feedback_forms f JOIN organizations o ON o.id = f.organization_id
        WHERE f.id = $1 AND f.organization_id = $2`,
      [formId, organizationId],
    );
    return form ? this.schedule(organizationId, formId, linkVersion, form) : 0;
  }

  /** The same from a state the caller has just read (the invitation's update returns it). */
  async schedule(organizationId: string, formId: string, linkVersion: number, form: SentFormState): Promise<number> {
    if (form.linkVersion !== linkVersion || !form.sentAt || !['SENT', 'OPENED'].includes(form.status)) return 0;
    const times = sentFormReminderTimes({ ...form, sentAt: form.sentAt }, this.config.hourMs);
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
