import { QueueName } from '@closer/queue';

import { inviteLedger, isFormInvite, recordFigures, seconds, SESSIONS } from './support/ledger';
import { jobCounts, jobsById } from './support/queues';
import { completeInSql, SeededForm, SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;
/** The SMTP server answers each message after this long, so jobs are in flight when SIGTERM arrives. */
const REPLY_DELAY_MS = 300;

/**
 * Scenario 6: SIGTERM while invitations are being sent. The worker stops taking jobs, lets the
 * active ones finish (their mails are answered and recorded), exits 0 and leaves no job active
 * in Redis; after a restart the rest go out and no job ever started twice.
 */
describe('worker SIGTERMed during active jobs', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];
  let forms: SeededForm[];

  beforeAll(async () => {
    stack = await SystemStack.start({
      name: 'worker-sigterm',
      env: { CLOSER_HOUR_MS: String(HOUR_MS) },
      smtp: { replyDelayMs: () => REPLY_DELAY_MS },
    });
    org = await seedOrganization(stack);
    sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'term' });
    forms = sessions.flatMap((session) => session.forms);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('finishes the active jobs, exits 0, and no job runs twice', async () => {
    const [worker] = stack.workers;
    const started = Date.now();
    await completeInSql(
      stack,
      org,
      sessions.map((session) => session.id),
      HOUR_MS,
    );
    await until('a third of the invitations', async () => stack.smtp.mails.filter(isFormInvite).length >= forms.length / 3, 120_000, 20);

    const before = await jobCounts(stack);
    // SIGTERM the moment the SMTP server holds a reply: that job is mid-send (on a loaded machine a
    // worker may be between its database work and SMTP when sampled, with nothing pending)
    await until('an SMTP reply held', async () => stack.smtp.pendingReplies > 0, 30_000, 5);
    const pendingReplies = stack.smtp.pendingReplies;
    const termAt = Date.now();
    const exit = await worker.kill('SIGTERM');
    const exitMs = Date.now() - termAt;
    expect(before.mail.active).toBeGreaterThan(0);
    expect(pendingReplies).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });

    // nothing left half-done: no job still active, every mail that left recorded, no reply pending
    const after = await jobCounts(stack);
    expect([after.mail.active, after.feedback.active]).toEqual([0, 0]);
    expect(stack.smtp.pendingReplies).toBe(0);
    const [recorded] = await stack.query<{ deliveries: number }>(
      `SELECT count(*)::int AS deliveries FROM email_deliveries WHERE kind = 'form-invite'`,
    );
    const capturedAtExit = stack.smtp.mails.filter(isFormInvite).length;
    expect(recorded.deliveries).toBe(capturedAtExit);
    expect(capturedAtExit).toBeLessThan(forms.length); // work remained for the next worker

    await worker.start();
    const restartedAt = Date.now();
    await until(
      'every form SENT',
      async () =>
        (await stack.query<{ open: number }>(`SELECT count(*)::int AS open FROM feedback_forms WHERE status <> 'SENT'`))[0].open === 0,
      120_000,
      250,
    );
    const drainedAt = Date.now();
    await sleep(2_000);

    const ledger = await inviteLedger(stack, forms);
    expect(ledger.problems).toEqual([]);
    expect(ledger).toMatchObject({ deliveries: forms.length, captured: forms.length, repeats: 0 });
    const jobs = await jobsById(
      stack,
      QueueName.Mail,
      forms.map((form) => `form-invite-${form.id}-1`),
    );
    expect(jobs).toHaveLength(forms.length);
    // Each invitation job ran one attempt to completion: none stalled (abandoned by the stopping
    // worker), none failed and retried. A job can also complete "already-sent": the sweeper re-ran
    // it right after it completed (it read the form still PENDING a moment before) and the re-run
    // found the delivery row — no mail, as the ledger above proves; counted, not a repeat.
    const repeated = jobs.filter((job) => job.attemptsStarted !== 1 || job.stalledCounter !== 0 || job.attemptsMade !== 1);
    expect(
      repeated.map((job) => ({ id: job.id, started: job.attemptsStarted, stalled: job.stalledCounter, made: job.attemptsMade })),
    ).toEqual([]);
    const outcomes = jobs.map((job) => job.returnvalue as string);
    const noOpReruns = outcomes.filter((outcome) => outcome === 'already-sent').length;
    expect(outcomes.filter((outcome) => outcome !== 'sent' && outcome !== 'already-sent')).toEqual([]);

    recordFigures('6-worker-sigterm', {
      forms: forms.length,
      activeMailJobsAtSigterm: before.mail.active,
      smtpRepliesPendingAtSigterm: pendingReplies,
      capturedAtExit,
      secondsSigtermToExit: seconds(exitMs),
      repeats: ledger.repeats,
      jobsStartedTwice: repeated.length,
      sweeperNoOpReruns: noOpReruns,
      secondsFromRestartToAllDelivered: seconds(drainedAt - restartedAt),
      secondsTotal: seconds(drainedAt - started),
    });
  });
});
