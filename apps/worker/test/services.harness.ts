import { randomUUID } from 'node:crypto';

import { CloserConfig } from '@closer/config';
import { dataSourceOptions } from '@closer/database';
import { SmtpMailbox, SmtpMailboxOptions } from '@closer/mailbox';
import { MetricsService } from '@closer/observability';
import { QueueName } from '@closer/queue';
import { testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { DataSource } from 'typeorm';

import { CandidatePurgeService } from '../src/feedback/candidate-purge.service';
import { FormFanOutService } from '../src/feedback/form-fan-out.service';
import { ReminderScheduler } from '../src/feedback/reminder-scheduler.service';
import { RetentionService } from '../src/feedback/retention.service';
import { SessionSettlement } from '../src/feedback/session-settlement.service';
import { SweeperRepository } from '../src/feedback/sweeper.repository';
import { SweeperService } from '../src/feedback/sweeper.service';
import { FeedbackFormMailRepository } from '../src/mail/feedback-form-mail.repository';
import { FormMailSender } from '../src/mail/form-mail-sender.service';
import { AnswerLateHandler } from '../src/mail/handlers/answer-late.handler';
import { AnswerReadyHandler } from '../src/mail/handlers/answer-ready.handler';
import { CandidateReplyHandler } from '../src/mail/handlers/candidate-reply.handler';
import { EscalationHandler } from '../src/mail/handlers/escalation.handler';
import { FormInviteHandler } from '../src/mail/handlers/form-invite.handler';
import { FormReminderHandler } from '../src/mail/handlers/form-reminder.handler';
import { LocalMailboxService } from '../src/mail/local-mailbox.service';
import { MailLock } from '../src/mail/mail-lock.service';
import { MailSender } from '../src/mail/mail-sender.service';
import { SessionMailRepository } from '../src/mail/session-mail.repository';
import { JobProducer } from '../src/queue/job-producer';

export interface SessionSpec {
  /** Interviewer form statuses, one per panel member. */
  forms?: string[];
  status?: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  /** For a completed session: how many "hours" ago it completed (forms sent then too). */
  completedHoursAgo?: number;
  /** For a scheduled session: when it ends, in "hours" from now (negative: in the past). */
  endsInHours?: number;
  asked?: boolean;
  scheduledBy?: boolean;
  /** Forms (by index) that have a response row (for composition). */
  responses?: number[];
}

export interface SessionFixture {
  sessionId: string;
  candidateId: string;
  formIds: string[];
  interviewers: { id: string; name: string; email: string }[];
}

/**
 * The worker's services wired by hand over a cloned database, a private queue prefix and an SMTP
 * capture server, with no BullMQ worker consuming: a test calls a handler and then looks at
 * PostgreSQL, the queues and the mailbox.
 */
export class WorkerServicesHarness {
  readonly metrics = new MetricsService();
  readonly producer: JobProducer;
  readonly lock: MailLock;
  readonly mail: MailSender;
  readonly settlement: SessionSettlement;
  readonly reminderScheduler: ReminderScheduler;
  readonly formInvites: FormInviteHandler;
  readonly reminders: FormReminderHandler;
  readonly escalations: EscalationHandler;
  readonly answers: AnswerReadyHandler;
  readonly replies: CandidateReplyHandler;
  readonly lateAnswers: AnswerLateHandler;
  readonly retention: RetentionService;
  readonly fanOut: FormFanOutService;
  readonly purge: CandidatePurgeService;
  readonly sweeper: SweeperService;

  private constructor(
    readonly database: TestDatabase,
    readonly redis: TestRedis,
    readonly smtp: SmtpMailbox,
    readonly config: CloserConfig,
    readonly dataSource: DataSource,
  ) {
    this.producer = new JobProducer(config);
    this.lock = new MailLock(config);
    this.mail = new MailSender(config, new LocalMailboxService(config), dataSource, this.lock, this.metrics);
    this.settlement = new SessionSettlement(dataSource, this.metrics);
    this.reminderScheduler = new ReminderScheduler(dataSource, this.producer, config);
    const forms = new FeedbackFormMailRepository(dataSource);
    const sessions = new SessionMailRepository(dataSource);
    const formMail = new FormMailSender(this.mail, this.settlement, config);
    this.formInvites = new FormInviteHandler(forms, formMail, this.reminderScheduler);
    this.reminders = new FormReminderHandler(forms, formMail, config);
    this.escalations = new EscalationHandler(sessions, this.mail, config);
    this.answers = new AnswerReadyHandler(sessions, this.mail, config);
    this.fanOut = new FormFanOutService(dataSource, this.producer, config);
    this.purge = new CandidatePurgeService(dataSource, this.producer);
    this.replies = new CandidateReplyHandler(sessions, this.mail, config);
    this.lateAnswers = new AnswerLateHandler(sessions, this.mail, config);
    this.retention = new RetentionService(dataSource, config);
    this.sweeper = new SweeperService(new SweeperRepository(dataSource, config), this.producer, this.settlement, config, this.retention);
  }

  static async start(options: { hourMs: number; smtp?: SmtpMailboxOptions }): Promise<WorkerServicesHarness> {
    const database = await TestDatabase.create();
    const redis = new TestRedis();
    const smtp = new SmtpMailbox(1_000, options.smtp);
    await smtp.start();
    const config = testConfig({ database, redis, smtpUrl: smtp.url, env: { CLOSER_HOUR_MS: String(options.hourMs) } });
    const dataSource = await new DataSource(
      dataSourceOptions(database.url, { applicationName: 'closer-worker-test', poolSize: 5 }),
    ).initialize();
    const harness = new WorkerServicesHarness(database, redis, smtp, config, dataSource);
    await harness.mail.onModuleInit();
    return harness;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /** An organization with its settings and a recruiter; returns ids. */
  async organization(settings: { deadline?: number; reminders?: number[]; minResponses?: number } = {}) {
    const slug = `org-${randomUUID().slice(0, 8)}`;
    const [org] = await this.query<{ id: string }>(
      `INSERT INTO organizations (slug, name, feedback_deadline_hours, reminder_hours, min_responses_for_answer)
       VALUES ($1, 'Acme & Co', $2, $3, $4) RETURNING id`,
      [slug, settings.deadline ?? 6, settings.reminders ?? [2, 4], settings.minResponses ?? 2],
    );
    const [user] = await this.query<{ id: string }>(
      `INSERT INTO users (organization_id, subject, email, name, role) VALUES ($1, $2, $3, 'Rae Recruiter', 'recruiter') RETURNING id`,
      [org.id, `rae-${slug}`, `rae-${slug}@example.test`],
    );
    const [role] = await this.query<{ id: string }>(
      `INSERT INTO roles (organization_id, title, answer_policy, next_steps) VALUES ($1, 'Backend engineer', 'AUTO_RELEASE', 'A call') RETURNING id`,
      [org.id],
    );
    await this.query(
      `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) VALUES ($1, $2, 'TypeScript', 'SKILL', 5, 0)`,
      [org.id, role.id],
    );
    return { organizationId: org.id, userId: user.id, userEmail: `rae-${slug}@example.test`, roleId: role.id };
  }

  /** A session with its candidate, panel, forms, answer row and (optionally) the candidate's request. */
  async session(org: { organizationId: string; userId: string; roleId: string }, spec: SessionSpec = {}): Promise<SessionFixture> {
    const hour = this.config.hourMs;
    const status = spec.status ?? 'COMPLETED';
    const suffix = randomUUID().slice(0, 8);
    const [candidate] = await this.query<{ id: string }>(
      `INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Ada Lovelace', $2) RETURNING id`,
      [org.organizationId, `ada-${suffix}@example.test`],
    );
    const completedAgoMs = (spec.completedHoursAgo ?? 0) * hour;
    const endsInMs = spec.endsInHours === undefined ? (status === 'COMPLETED' ? -completedAgoMs : 3_600_000) : spec.endsInHours * hour;
    const [session] = await this.query<{ id: string }>(
      `INSERT INTO interview_sessions
              (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at, feedback_due_at, cancelled_at, scheduled_by)
       SELECT $1, $2, $3, 'Final round', now() + ($4::float8 - 3600000) * interval '1 millisecond', now() + $4::float8 * interval '1 millisecond',
              $5::text,
              CASE WHEN $5 = 'COMPLETED' THEN now() - $6::float8 * interval '1 millisecond' END,
              CASE WHEN $5 = 'COMPLETED' THEN now() - $6::float8 * interval '1 millisecond'
                                              + (o.feedback_deadline_hours * $7::float8) * interval '1 millisecond' END,
              CASE WHEN $5 = 'CANCELLED' THEN now() END,
              $8
         FROM organizations o WHERE o.id = $1
       RETURNING id`,
      [
        org.organizationId,
        candidate.id,
        org.roleId,
        endsInMs,
        status,
        completedAgoMs,
        hour,
        spec.scheduledBy === false ? null : org.userId,
      ],
    );
    const statuses = spec.forms ?? (status === 'COMPLETED' ? ['SENT', 'SENT'] : ['PENDING', 'PENDING']);
    const formIds: string[] = [];
    const interviewers: SessionFixture['interviewers'] = [];
    for (const [index, formStatus] of statuses.entries()) {
      const name = `Interviewer ${index + 1} ${suffix}`;
      const email = `interviewer-${index + 1}-${suffix}@example.test`;
      const [interviewer] = await this.query<{ id: string }>(
        `INSERT INTO interviewers (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id`,
        [org.organizationId, name, email],
      );
      const [form] = await this.query<{ id: string }>(
        `INSERT INTO feedback_forms (organization_id, session_id, interviewer_id, status, expires_at, sent_at, created_at)
         SELECT $1, $2, $3, $4, s.feedback_due_at, CASE WHEN $4 NOT IN ('PENDING') THEN s.completed_at END,
                now() + $5 * interval '1 microsecond'
           FROM interview_sessions s WHERE s.id = $2
         RETURNING id`,
        [org.organizationId, session.id, interviewer.id, formStatus, index],
      );
      if (spec.responses?.includes(index)) {
        await this.query(
          `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, candidate_message)
           VALUES ($1, $2, $3, $4, 3, 'Clear', 'On-call', 'Thank you for your time')`,
          [org.organizationId, form.id, session.id, interviewer.id],
        );
      }
      formIds.push(form.id);
      interviewers.push({ id: interviewer.id, name, email });
    }
    await this.query(`INSERT INTO candidate_answers (organization_id, session_id) VALUES ($1, $2)`, [org.organizationId, session.id]);
    if (spec.asked) {
      await this.query(`INSERT INTO fit_feedback_requests (organization_id, session_id, source) VALUES ($1, $2, 'PORTAL')`, [
        org.organizationId,
        session.id,
      ]);
    }
    return { sessionId: session.id, candidateId: candidate.id, formIds, interviewers };
  }

  /** Job ids present in a queue, by state. */
  async jobState(queue: 'mail' | 'feedback', jobId: string): Promise<string | null> {
    const job = await this.producer.queue(queue === 'mail' ? QueueName.Mail : QueueName.Feedback).getJob(jobId);
    return job ? await job.getState() : null;
  }

  async close(): Promise<void> {
    await this.producer.onApplicationShutdown();
    this.lock.onApplicationShutdown();
    await this.mail.onApplicationShutdown();
    await this.dataSource.destroy();
    await this.smtp.stop();
    await this.redis.flush();
    await this.database.drop();
  }
}
