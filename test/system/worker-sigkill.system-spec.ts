import { inviteLedger, isFormInvite, recordFigures, seconds, SESSIONS } from './support/ledger';
import { completeInSql, SeededForm, SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;

/**
 * Scenario 1: the only worker is SIGKILLed while the invitations of a fan-out of 510 forms (150
 * reduced) go out, then started again. Its active jobs are lost with it; BullMQ finds them stalled
 * once their locks expire, the mail lock of a mail in flight expires on its own, and the sweeper
 * covers anything else, so every form still gets exactly one delivery row and at least one mail —
 * a second copy only for a mail that left before the crash and was not recorded yet, with the
 * same Message-ID.
 */
describe('worker SIGKILLed during a fan-out', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];
  let forms: SeededForm[];

  beforeAll(async () => {
    stack = await SystemStack.start({ name: 'worker-sigkill', env: { CLOSER_HOUR_MS: String(HOUR_MS) } });
    org = await seedOrganization(stack);
    sessions = await seedSessions(stack, org, { count: SESSIONS, tag: 'fan' });
    forms = sessions.flatMap((session) => session.forms);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('delivers every invitation exactly once after the restart; repeats only with the same Message-ID', async () => {
    const [worker] = stack.workers;
    const killAt = Math.floor(forms.length * 0.3);
    let capturedAtKill = -1;
    // SIGKILL the moment the killAt-th invitation arrives: mid-flight, with mail jobs active
    const onMail = () => {
      const count = stack.smtp.mails.filter(isFormInvite).length;
      if (count >= killAt && capturedAtKill < 0) {
        capturedAtKill = count;
        void worker.kill('SIGKILL', false);
      }
    };
    stack.smtp.on('mail', onMail);

    const started = Date.now();
    expect(
      await completeInSql(
        stack,
        org,
        sessions.map((session) => session.id),
        HOUR_MS,
      ),
    ).toBe(sessions.length);
    const exit = await until('the SIGKILL', async () => (capturedAtKill >= 0 ? worker.waitForExit() : undefined), 60_000, 20);
    stack.smtp.off('mail', onMail);
    const killedAt = Date.now();
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    const [atKill] = await stack.query<{ deliveries: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM email_deliveries WHERE kind = 'form-invite') AS deliveries,
              (SELECT count(*)::int FROM feedback_forms WHERE status = 'PENDING') AS pending`,
    );
    expect(atKill.pending).toBeGreaterThan(0); // the fan-out was really interrupted

    await sleep(1_000);
    await worker.start();
    const restartedAt = Date.now();
    await until(
      'every form SENT with its delivery row',
      async () => {
        const [state] = await stack.query<{ open: number; deliveries: number }>(
          `SELECT (SELECT count(*)::int FROM feedback_forms WHERE status <> 'SENT') AS open,
                  (SELECT count(*)::int FROM email_deliveries WHERE kind = 'form-invite') AS deliveries`,
        );
        return state.open === 0 && state.deliveries === forms.length;
      },
      300_000,
      500,
    );
    const drainedAt = Date.now();
    await sleep(3_000); // late copies would arrive now

    const ledger = await inviteLedger(stack, forms);
    expect(ledger.problems).toEqual([]);
    expect(ledger).toMatchObject({ forms: forms.length, deliveries: forms.length, sent: forms.length, distinctMessageIds: forms.length });
    const [outbox] = await stack.query<{ unrelayed: number }>(
      'SELECT count(*)::int AS unrelayed FROM outbox_events WHERE relayed_at IS NULL',
    );
    expect(outbox.unrelayed).toBe(0);

    recordFigures('1-worker-sigkill', {
      forms: forms.length,
      capturedAtKill,
      deliveriesAtKill: atKill.deliveries,
      pendingAtKill: atKill.pending,
      captured: ledger.captured,
      deliveries: ledger.deliveries,
      repeatsSameMessageId: ledger.repeats,
      secondsToKill: seconds(killedAt - started),
      secondsFromRestartToAllDelivered: seconds(drainedAt - restartedAt),
      secondsTotal: seconds(drainedAt - started),
    });
  });
});
