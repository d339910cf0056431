import { InviteLedger, inviteLedger, isFormInvite, SCALE, seconds } from './ledger';
import { COMPLETE_SESSION, errorCode, feedbackInput, formTokenFor, SUBMIT_FEEDBACK, untilAnswered } from './operations';
import { completeInSql, SeededOrganization, SeededSession } from './seed';
import { inParallel, sleep, SystemStack, until } from './system-stack';

/** Sessions of three forms: a closing loop of 8 (24 forms), a fan-out of 30 (90 forms); full size 40 and 170 (510). */
export const LOOP_SESSIONS = SCALE === 'full' ? 40 : 8;
export const FAN_OUT_SESSIONS = SCALE === 'full' ? 170 : 30;

const count = async (stack: SystemStack, sql: string, params: unknown[] = []) => (await stack.query<{ n: number }>(sql, params))[0]!.n;
/** Forms of `sessions` whose status is not `status`: each scenario looks at its own sessions only. */
const formsNot = (stack: SystemStack, sessions: SeededSession[], status: string) =>
  count(stack, `SELECT count(*)::int AS n FROM feedback_forms WHERE session_id = ANY($1::uuid[]) AND status <> $2`, [
    sessions.map((session) => session.id),
    status,
  ]);
/** The ledger's totals count every invitation of the stack: the scenario's own are the growth since `before`. */
const growth = (after: InviteLedger, before: InviteLedger) => ({
  deliveries: after.deliveries - before.deliveries,
  sent: after.sent - before.sent,
  captured: after.captured - before.captured,
  distinctMessageIds: after.distinctMessageIds - before.distinctMessageIds,
  repeats: after.repeats - before.repeats,
});

/**
 * The whole closing loop through the gateway: every session completed, every interviewer invited
 * and answering through their link, every answer composed and released, each mail once.
 */
export async function closingLoop(stack: SystemStack, org: SeededOrganization, sessions: SeededSession[]): Promise<Record<string, number>> {
  const forms = sessions.flatMap((session) => session.forms);
  const before = await inviteLedger(stack, []);
  const started = Date.now();
  const completions = await inParallel(sessions, 4, (session) =>
    untilAnswered(() => stack.graphql<{ completeSession: { status: string } }>(COMPLETE_SESSION, { id: session.id })),
  );
  expect(completions.map((c) => c.result.body.data?.completeSession.status)).toEqual(sessions.map(() => 'COMPLETED'));
  await until('every form SENT', async () => (await formsNot(stack, sessions, 'SENT')) === 0, 60_000, 250);
  const invitedAt = Date.now();

  const submissions = await inParallel(forms, 4, (form) =>
    untilAnswered(() =>
      stack.graphql(SUBMIT_FEEDBACK, { token: formTokenFor(stack, form.email), input: feedbackInput(org.criteria) }, { auth: false }),
    ),
  );
  expect(submissions.map((attempt) => errorCode(attempt.result) ?? 'OK')).toEqual(forms.map(() => 'OK'));
  await until(
    'every answer released',
    async () =>
      (await count(
        stack,
        `SELECT count(*)::int AS n FROM candidate_answers WHERE session_id = ANY($1::uuid[]) AND status = 'RELEASED' AND responses_count = 3`,
        [sessions.map((session) => session.id)],
      )) === sessions.length,
    60_000,
    250,
  );
  const releasedAt = Date.now();
  await sleep(1_000); // a late duplicate would arrive now

  const ledger = await inviteLedger(stack, forms, { statuses: ['SUBMITTED'] });
  expect(ledger.problems).toEqual([]);
  expect(growth(ledger, before)).toEqual({
    deliveries: forms.length,
    sent: forms.length,
    captured: forms.length,
    distinctMessageIds: forms.length,
    repeats: 0,
  });
  expect(await count(stack, 'SELECT count(*)::int AS n FROM outbox_events WHERE relayed_at IS NULL')).toBe(0);
  return {
    forms: forms.length,
    secondsToInvite: seconds(invitedAt - started),
    secondsToRelease: seconds(releasedAt - invitedAt),
  };
}

/**
 * A fan-out interrupted by the loss of the Redis primary that holds the queues: `killPrimary`
 * SIGKILLs it once a third of the invitations went out. Redis' own failover promotes its replica;
 * every form is then mailed with one delivery row and distinct Message-IDs (a second copy only
 * with the same Message-ID), with no app restarted.
 */
export async function fanOutThroughPrimaryLoss(
  stack: SystemStack,
  org: SeededOrganization,
  sessions: SeededSession[],
  killPrimary: () => Promise<void>,
): Promise<Record<string, number>> {
  const forms = sessions.flatMap((session) => session.forms);
  const pids = stack.apps.map((app) => app.pid);
  const hourMs = Number(stack.env.CLOSER_HOUR_MS);
  const before = await inviteLedger(stack, []);
  const started = Date.now();
  expect(
    await completeInSql(
      stack,
      org,
      sessions.map((session) => session.id),
      hourMs,
    ),
  ).toBe(sessions.length);
  await until(
    'a third of the invitations',
    async () => stack.smtp.mails.filter(isFormInvite).length - before.captured >= forms.length / 3,
    60_000,
    20,
  );
  await killPrimary();
  const killedAt = Date.now();
  const pendingAtKill = forms.length - (await formsNot(stack, sessions, 'PENDING'));
  expect(pendingAtKill).toBeGreaterThan(0); // the fan-out was really interrupted

  await until('every form SENT', async () => (await formsNot(stack, sessions, 'SENT')) === 0, 300_000, 250);
  const drainedAt = Date.now();
  await sleep(2_000); // late copies would arrive now

  const ledger = await inviteLedger(stack, forms);
  expect(ledger.problems).toEqual([]);
  const own = growth(ledger, before);
  expect(own).toMatchObject({ deliveries: forms.length, sent: forms.length, distinctMessageIds: forms.length });
  expect(own.captured).toBe(forms.length + own.repeats);
  expect(stack.apps.map((app) => app.pid)).toEqual(pids);
  return {
    forms: forms.length,
    pendingAtKill,
    repeatsSameMessageId: own.repeats,
    secondsToKill: seconds(killedAt - started),
    secondsFromKillToAllSent: seconds(drainedAt - killedAt),
  };
}
