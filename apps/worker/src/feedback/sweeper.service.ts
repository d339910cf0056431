import { CloserConfig } from '@closer/config';
import { JobName, QueueName } from '@closer/queue';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { jobIds } from '../queue/job-ids';
import { JobProducer, JobToAdd } from '../queue/job-producer';
import { RetentionService } from './retention.service';
import { SessionSettlement } from './session-settlement.service';
import { SweeperRepository } from './sweeper.repository';
export const SWEEPER_SCHEDULER_ID = 'feedback-sweeper';

/**
 * Every half "hour", at least every second and at most every minute: often enough that a lost
 * delayed job costs little time compared with the reminder and deadline offsets, rarely enough
 * to cost nothing with a real hour.
 */
export function sweepIntervalMs(hourMs: number): number {
  return Math.min(60_000, Math.max(1_000, Math.floor(hourMs / 2)));
}

export interface SweepReport {
  completed: number;
  settled: number;
  invites: number;
  reminders: number;
  escalations: number;
  lateAnswers: number;
  retentionErased: number;
}

/**
 * The self-healing half of "nothing lost": reads PostgreSQL (the source of truth) for work that
 * is due and not done, and does it or re-enqueues its job. Every step is conditional or
 * idempotent, so sweeps on several workers at once, or a sweep racing the job it covers for,
 * change nothing twice.
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SweeperService.name);
  private installing: Promise<void> = Promise.resolve();
  private reinstall?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly due: SweeperRepository,
    private readonly producer: JobProducer,
    private readonly settlement: SessionSettlement,
    private readonly config: CloserConfig,
    private readonly retention: RetentionService,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.installing = this.installScheduler();
    // the schedule lives only in Redis: a Redis that comes back without its data (no persistence,
    // failover, flush) would otherwise stop the sweeps until a worker restarts. Upserting again keeps
    // the next run's time.
    this.reinstall = setInterval(
      () => {
        this.installing = this.installing.then(() => this.installScheduler());
      },
      Math.max(sweepIntervalMs(this.config.hourMs), 15_000),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.reinstall);
    await this.installing;
  }

  /** Upserting the same scheduler id from every replica keeps one schedule; retried while Redis is away. */
  private async installScheduler(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.producer
          .queue(QueueName.Feedback)
          .upsertJobScheduler(
            SWEEPER_SCHEDULER_ID,
            { every: sweepIntervalMs(this.config.hourMs) },
            { name: JobName.Sweep, data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } } },
          );
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 30 === 0) this.logger.warn(`sweeper schedule not installed yet: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  async handleSweep(): Promise<string> {
    const report: SweepReport = {
      completed: await this.completeEndedSessions(),
      settled: await this.settleDueSessions(),
      invites: await this.ensureInvites(),
      reminders: await this.ensureReminders(),
      escalations: await this.ensureEscalations(),
      lateAnswers: await this.ensureLateAnswerMails(),
      retentionErased: await this.retention.eraseExpired(),
    };
    return Object.entries(report)
      .map(([what, count]) => `${what} ${count}`)
      .join(', ');
  }

  /** SCHEDULED sessions past endsAt complete on their own, exactly as completeSession does. */
  completeEndedSessions(): Promise<number> {
    return this.due.completeEndedSessions();
  }

  /** Sessions due to settle: expired and composed exactly as the deadline job would. */
  async settleDueSessions(): Promise<number> {
    let settled = 0;
    for (const session of await this.due.sessionsToSettle()) {
      const outcome = await this.settlement.settle(session.organizationId, session.sessionId, { dueOnly: false });
      if (outcome !== 'not-completed' && (outcome.expired > 0 || outcome.composed)) settled++;
    }
    return settled;
  }

  /** Unsent forms of completed sessions: their invitation job (same id as the fan-out's) runs or re-runs. */
  async ensureInvites(): Promise<number> {
    const forms = await this.due.unsentForms();
    return this.ensure(
      forms.map(({ organizationId, formId, linkVersion }) => ({
        id: jobIds.formInvite(formId, linkVersion),
        job: { name: JobName.SendFormInvite, data: { organizationId, formId, linkVersion } },
      })),
    );
  }

  /**
   * Unanswered forms whose latest due reminder has no delivery: that reminder's job runs or re-runs
   * (earlier missed ones are overtaken, as the reminder handler decides).
   */
  async ensureReminders(): Promise<number> {
    const reminders = await this.due.remindersDue();
    return this.ensure(
      reminders.map(({ organizationId, formId, linkVersion, index }) => ({
        id: jobIds.formReminder(formId, linkVersion, index),
        job: { name: JobName.SendFormReminder, data: { organizationId, formId, linkVersion, index } },
      })),
    );
  }

  /** Sessions past their escalation time with unanswered forms and no escalation mail: the escalation job. */
  async ensureEscalations(): Promise<number> {
    const sessions = await this.due.escalationsDue();
    return this.ensure(
      sessions.map(({ organizationId, sessionId }) => ({
        id: jobIds.escalation(sessionId),
        job: { name: JobName.SendEscalation, data: { organizationId, sessionId } },
      })),
    );
  }

  /** Promises to candidates that passed with no decided answer: the one answer-late mail to the recruiter. */
  async ensureLateAnswerMails(): Promise<number> {
    const sessions = await this.due.latePromises();
    return this.ensure(
      sessions.map(({ organizationId, sessionId }) => ({
        id: jobIds.answerLate(sessionId),
        job: { name: JobName.SendAnswerLate, data: { organizationId, sessionId } },
      })),
    );
  }

  /** How many of the jobs were added or re-run. */
  private async ensure(jobs: JobToAdd[]): Promise<number> {
    const result = await this.producer.ensure(jobs);
    return result.added + result.rerun;
  }
}
