import { OUTBOX_CHANNEL } from '@closer/database';
import { Client } from 'pg';

import { inviteLedger, recordFigures, seconds, SESSIONS } from './support/ledger';
import { Attempts, COMPLETE_SESSION, leakyFailures, untilAnswered } from './support/operations';
import { SeededForm, SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { inParallel, sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;
const KILLS = 2;

type Completion = Attempts<{ completeSession: { id: string; status: string; completedAt: string } }>;

/**
 * Scenario 2: recruiters complete sessions through the gateway while the candidate service is
 * SIGKILLed twice, each time the moment a completion commits (its NOTIFY reaches this test on
 * commit, before the response — the nested fields still resolve after it). Clients retry until
 * answered; a retry of a committed completion finds the session completed and changes nothing.
 * Every committed completion yields exactly one SessionCompleted event and its forms exactly once.
 */
describe('candidate service SIGKILLed between commit and response', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];
  let forms: SeededForm[];
  let listener: Client;

  beforeAll(async () => {
    stack = await SystemStack.start({ name: 'candidate-service-sigkill', env: { CLOSER_HOUR_MS: String(HOUR_MS) } });
    org = await seedOrganization(stack);
    sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'csk' });
    forms = sessions.flatMap((session) => session.forms);
    listener = new Client({ connectionString: stack.databaseUrl });
    await listener.connect();
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
  });

  afterAll(async () => {
    await listener?.end().catch(() => undefined);
    await stack?.close();
  });

  it('turns every committed completion into its invitations exactly once, however the response was lost', async () => {
    const service = stack.candidateService;
    const killPoints = Array.from({ length: KILLS }, (_, index) => Math.floor(((index + 1) * sessions.length) / (KILLS + 1)));
    const answered = new Set<string>();
    const kills: { at: number; unansweredCommitted?: number; downMs?: number }[] = [];
    let commits = 0;
    let restarting: Promise<void> | undefined;
    listener.on('notification', () => {
      commits++;
      if (!killPoints.includes(commits) || restarting) return;
      void service.kill('SIGKILL', false);
      const kill: (typeof kills)[number] = { at: Date.now() };
      kills.push(kill);
      const answeredAtKill = new Set(answered);
      restarting = (async () => {
        await service.waitForExit();
        // committed before the kill, and the client has no answer for it
        const completed = await stack.query<{ id: string }>(`SELECT id FROM interview_sessions WHERE status = 'COMPLETED'`);
        kill.unansweredCommitted = completed.filter((row) => !answeredAtKill.has(row.id)).length;
        await sleep(500);
        await service.start();
        kill.downMs = Date.now() - kill.at;
        restarting = undefined;
      })();
    });

    const started = Date.now();
    const completions: Completion[] = await inParallel(sessions, 8, async (session) => {
      const attempt: Completion = await untilAnswered(() => stack.graphql(COMPLETE_SESSION, { id: session.id }));
      answered.add(session.id);
      return attempt;
    });
    while (restarting) await restarting;
    const completedAt = Date.now();
    expect(kills).toHaveLength(KILLS);
    expect(service.exits.map((exit) => exit.signal)).toEqual(kills.map(() => 'SIGKILL'));
    expect(completions.map((c) => c.result.body.data?.completeSession.status)).toEqual(sessions.map(() => 'COMPLETED'));

    // the client saw a failure although its completion had committed: the retry found it done
    const lostResponses = completions.filter(
      (c) => c.firstFailureAt !== undefined && new Date(c.result.body.data!.completeSession.completedAt).getTime() < c.firstFailureAt,
    ).length;
    expect(lostResponses).toBeGreaterThan(0);
    expect(leakyFailures(completions)).toEqual([]);

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
    const [counts] = await stack.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM outbox_events WHERE type = 'session.completed') AS events,
              (SELECT count(DISTINCT payload->>'sessionId')::int FROM outbox_events WHERE type = 'session.completed') AS sessions,
              (SELECT count(*)::int FROM outbox_events WHERE relayed_at IS NULL) AS unrelayed`,
    );
    expect(counts).toEqual({ events: sessions.length, sessions: sessions.length, unrelayed: 0 });

    recordFigures('2-candidate-service-sigkill', {
      sessions: sessions.length,
      forms: forms.length,
      kills: kills.length,
      committedWithoutAnswerAtKill: kills.map((kill) => kill.unansweredCommitted),
      responsesLostAfterCommit: lostResponses,
      failedClientAttempts: completions.reduce((sum, c) => sum + c.failures, 0),
      secondsDownPerKill: kills.map((kill) => seconds(kill.downMs ?? 0)),
      deliveries: ledger.deliveries,
      captured: ledger.captured,
      repeats: ledger.repeats,
      secondsToCompleteAll: seconds(completedAt - started),
      secondsToAllDelivered: seconds(drainedAt - started),
    });
  });
});
