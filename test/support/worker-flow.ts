import { CloserConfig } from '@closer/config';
import { verifyLinkToken } from '@closer/domain';
import { CapturedMail, SmtpMailbox, SmtpMailboxOptions } from '@closer/mailbox';
import { MetricsService } from '@closer/observability';
import { QueueName } from '@closer/queue';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';

import { JobProducer } from '../../apps/worker/src/queue/job-producer';
import { graphql, RunningHttpApp, RunningWorker, startCandidateService, startGateway, startWorker } from './apps';

/** What a mail is, by its subject (the templates in apps/worker/src/mail/templates). */
export type MailKind = 'portal-invite' | 'form-invite' | 'form-reminder' | 'escalation' | 'answer-ready';

export function kindOf(mail: CapturedMail): MailKind | 'other' {
  if (mail.subject.startsWith('Your interview with')) return 'portal-invite';
  if (mail.subject.startsWith('Your feedback on')) return 'form-invite';
  if (mail.subject.startsWith('Reminder: your feedback on')) return 'form-reminder';
  if (mail.subject.startsWith('Feedback overdue:')) return 'escalation';
  if (mail.subject.startsWith('Your answer from')) return 'answer-ready';
  return 'other';
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole suite in-process — candidate service, gateway, one or more workers, an SMTP capture
 * server — driven as people would: the recruiter through the gateway with a JWT, interviewers and
 * candidates with the links they were mailed.
 */
export class WorkerFlow {
  readonly gatewayUrl: string;
  recruiterEmail = 'recruiter@acme.test';

  private constructor(
    readonly database: TestDatabase,
    readonly redis: TestRedis,
    readonly smtp: SmtpMailbox,
    readonly config: CloserConfig,
    readonly candidateService: RunningHttpApp,
    readonly gateway: RunningHttpApp,
    readonly workers: RunningWorker[],
    private readonly auth: Record<string, string>,
  ) {
    this.gatewayUrl = `${gateway.baseUrl}/graphql`;
  }

  static async start(options: {
    hourMs: number;
    workers?: number;
    smtp?: SmtpMailboxOptions;
    env?: Record<string, string>;
  }): Promise<WorkerFlow> {
    const database = await TestDatabase.create();
    const redis = new TestRedis();
    const smtp = new SmtpMailbox(5_000, options.smtp);
    await smtp.start();
    const env = { CLOSER_HOUR_MS: String(options.hourMs), LINK_RATE_LIMIT_PER_MINUTE: '100000', ...options.env };
    const config = testConfig({ database, redis, smtpUrl: smtp.url, env });
    const candidateService = await startCandidateService(config);
    const gateway = await startGateway(
      testConfig({ database, redis, smtpUrl: smtp.url, env: { ...env, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` } }),
    );
    const workers: RunningWorker[] = [];
    for (let index = 0; index < (options.workers ?? 1); index++) workers.push(await startWorker(config));
    const auth = { authorization: `Bearer ${await signTestJwt(config.auth.jwtSecret!, { org: 'acme', sub: 'rae' })}` };
    return new WorkerFlow(database, redis, smtp, config, candidateService, gateway, workers, auth);
  }

  async close(): Promise<void> {
    for (const worker of this.workers) await worker.close();
    await this.gateway?.close();
    await this.candidateService?.close();
    await this.smtp?.stop();
    await this.redis?.flush();
    await this.database?.drop();
  }

  /** A recruiter operation through the gateway; fails the test on any GraphQL error. */
  async recruiter<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.call<T>(query, variables, this.auth);
  }

  /** An operation with an emailed link (no account). */
  async anonymous<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.call<T>(query, variables, {});
  }

  private async call<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> {
    const { body } = await graphql<T>(this.gatewayUrl, query, variables, headers);
    if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.database.query<T>(sql, params);
  }

  async configureOrganization(settings: { feedbackDeadlineHours: number; reminderHours: number[]; minResponsesForAnswer: number }) {
    await this.recruiter('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }', {
      input: settings,
    });
  }

  async createRole(title: string, criteria: string[]): Promise<{ id: string; criteria: { id: string }[] }> {
    const data = await this.recruiter<{ createRole: { id: string; criteria: { id: string }[] } }>(
      'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
      {
        input: { title, criteria: criteria.map((label) => ({ label, kind: 'SKILL', weight: 4 })), nextSteps: 'A call with the team lead' },
      },
    );
    return data.createRole;
  }

  async addInterviewer(name: string, email: string): Promise<string> {
    const data = await this.recruiter<{ addInterviewer: { id: string } }>(
      'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }',
      { input: { name, email } },
    );
    return data.addInterviewer.id;
  }

  async addCandidate(name: string, email: string): Promise<string> {
    const data = await this.recruiter<{ addCandidate: { id: string } }>(
      'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
      {
        input: { name, email },
      },
    );
    return data.addCandidate.id;
  }

  /** Schedules a session (started an hour ago) that ends `endsInMs` from now; returns its id. */
  async schedule(input: {
    candidateId: string;
    roleId: string;
    interviewerIds: string[];
    title: string;
    endsInMs?: number;
  }): Promise<string> {
    const endsAt = new Date(Date.now() + (input.endsInMs ?? 3_600_000));
    const data = await this.recruiter<{ scheduleSession: { id: string } }>(
      'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
      {
        input: {
          candidateId: input.candidateId,
          roleId: input.roleId,
          interviewerIds: input.interviewerIds,
          title: input.title,
          startsAt: new Date(endsAt.getTime() - 3_600_000).toISOString(),
          endsAt: endsAt.toISOString(),
        },
      },
    );
    return data.scheduleSession.id;
  }

  async completeSession(id: string): Promise<void> {
    await this.recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id });
  }

  async submitFeedback(token: string, criteria: { id: string }[], overallFit = 'GOOD_FIT'): Promise<void> {
    await this.anonymous(
      'mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { formId } }',
      {
        token,
        input: {
          overallFit,
          ratings: criteria.map((criterion) => ({ criterionId: criterion.id, rating: 3 })),
          strengths: 'Clear reasoning about trade-offs',
          gaps: 'Little evidence of on-call work',
          candidateMessage: 'Thank you for a thoughtful conversation.',
        },
      },
    );
  }

  async requestFitFeedback(portalToken: string, sessionId: string): Promise<void> {
    await this.anonymous('mutation($token: String!, $id: ID!) { requestFitFeedback(token: $token, sessionId: $id) { sessionId } }', {
      token: portalToken,
      id: sessionId,
    });
  }

  mailsTo(address: string, kind?: MailKind): CapturedMail[] {
    return this.smtp.mails.filter((mail) => mail.to.includes(address) && (kind === undefined || kindOf(mail) === kind));
  }

  waitForMail(address: string, kind: MailKind, timeoutMs = 10_000, count = 1): Promise<CapturedMail> {
    return this.smtp.waitFor(
      (mail) => mail.to.includes(address) && kindOf(mail) === kind && this.mailsTo(address, kind).length >= count,
      timeoutMs,
    );
  }

  /** The token of the single link a mail carries (`/f/<token>` or `/c/<token>`). */
  tokenIn(mail: CapturedMail, purpose: 'form' | 'portal'): string {
    const prefix = `${this.config.publicUrl}/${purpose === 'form' ? 'f' : 'c'}/`;
    const links = mail.links.filter((link) => link.startsWith(prefix));
    if (links.length !== 1) throw new Error(`expected one ${purpose} link in "${mail.subject}", found ${links.length}`);
    const token = links[0].slice(prefix.length);
    if (!verifyLinkToken(this.config.links.secret, purpose, token)) throw new Error(`the ${purpose} link does not verify`);
    return token;
  }

  /** Sweeps finished by this flow's workers so far (counted by each worker's job-duration histogram). */
  async sweepsDone(): Promise<number> {
    let done = 0;
    for (const worker of this.workers) {
      const metrics = await worker.app.get(MetricsService).render();
      for (const [, count] of metrics.matchAll(/^closer_job_duration_seconds_count\{[^}]*name="sweep"[^}]*\} (\d+)$/gm))
        done += Number(count);
    }
    return done;
  }

  /**
   * The positive signal a "nothing more happened" check waits for, instead of a fixed sleep:
   * `sweeps` sweeps started and finished after this call (so whatever was due has been found and
   * queued), and then no mail job is waiting or running (so whatever was queued has been sent).
   */
  async settled(sweeps = 2, timeoutMs = 20_000): Promise<void> {
    const mail = this.workers[0].app.get(JobProducer).queue(QueueName.Mail);
    // a sweep running now may have started before the call: it counts only beyond one more
    const target = (await this.sweepsDone()) + sweeps + 1;
    await this.until(
      `${sweeps} sweeps and an idle mail queue`,
      async () => {
        if ((await this.sweepsDone()) < target) return false;
        const counts = await mail.getJobCounts('waiting', 'active', 'prioritized');
        return counts.waiting + counts.active + counts.prioritized === 0;
      },
      timeoutMs,
    );
  }

  /** Polls PostgreSQL until `check` returns a truthy value (or fails the test after `timeoutMs`). */
  async until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }
}
