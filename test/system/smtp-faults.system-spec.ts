import { inviteLedger, isFormInvite, recordFigures, seconds, SESSIONS } from './support/ledger';
import { completeInSql, SeededForm, SeededOrganization, SeededSession, seedOrganization, seedSessions } from './support/seed';
import { sleep, SystemStack, until } from './support/system-stack';

const HOUR_MS = 10_000;
/** Sessions (of three forms) per fault; the rest of the fan-out is delivered normally. */
const PER_FAULT = 3;
/** Times the SMTP server answers 421 to each "busy-" recipient before accepting it. */
const BUSY_TIMES = 2;

/**
 * Scenario 5: the SMTP server misbehaves for some recipients while a fan-out goes out. It drops
 * the connection after receiving the message (the lost "250 OK": the sender retries, the receiver
 * holds two copies with one Message-ID), answers 421 twice (retried with backoff, delivered once),
 * or answers 550 (the form is FAILED with the reason, never retried: no retry storm). The other
 * recipients are unaffected.
 */
describe('SMTP drops the connection after DATA, answers 421, answers 550', () => {
  let stack: SystemStack;
  let org: SeededOrganization;
  let sessions: SeededSession[];
  let forms: SeededForm[];
  const busyAttempts = new Map<string, number>();
  const droppedOnce = new Set<string>();

  const formsTagged = (tag: string) => forms.filter((form) => form.email.startsWith(`${tag}-`));

  beforeAll(async () => {
    stack = await SystemStack.start({
      name: 'smtp-faults',
      env: { CLOSER_HOUR_MS: String(HOUR_MS) },
      smtp: {
        refuseRecipient: (address) => {
          if (address.startsWith('reject-')) return { code: 550, message: 'Mailbox unavailable' };
          if (!address.startsWith('busy-')) return null;
          const attempts = (busyAttempts.get(address) ?? 0) + 1;
          busyAttempts.set(address, attempts);
          return attempts <= BUSY_TIMES ? { code: 421, message: 'Try again later' } : null;
        },
        dropAfterData: (mail) => {
          const address = mail.to[0] ?? '';
          if (!address.startsWith('drop-') || droppedOnce.has(address)) return false;
          droppedOnce.add(address);
          return true;
        },
      },
    });
    org = await seedOrganization(stack);
    sessions = [
      ...(await seedSessions(stack, org, { count: PER_FAULT, tag: 'drop' })),
      ...(await seedSessions(stack, org, { count: PER_FAULT, tag: 'busy' })),
      ...(await seedSessions(stack, org, { count: PER_FAULT, tag: 'reject' })),
      ...(await seedSessions(stack, org, { count: SESSIONS - 3 * PER_FAULT, tag: 'plain' })),
    ];
    forms = sessions.flatMap((session) => session.forms);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('retries transient failures to exactly one delivery, fails 550 once, and only the lost reply doubles a mail', async () => {
    const started = Date.now();
    await completeInSql(
      stack,
      org,
      sessions.map((session) => session.id),
      HOUR_MS,
    );
    const rejected = formsTagged('reject');
    await until(
      'every form sent or failed',
      async () =>
        (await stack.query<{ open: number }>(`SELECT count(*)::int AS open FROM feedback_forms WHERE status NOT IN ('SENT', 'FAILED')`))[0]
          .open === 0,
      120_000,
      250,
    );
    const settledAt = Date.now();
    await sleep(3 * (HOUR_MS / 2)); // three sweeps: a 550 is never retried, by the job or the sweeper

    const ledger = await inviteLedger(stack, forms, { refused: new Set(rejected.map((form) => form.id)) });
    expect(ledger.problems).toEqual([]);
    expect(ledger).toMatchObject({ deliveries: forms.length, failed: rejected.length, sent: forms.length - rejected.length });

    // the lost reply: two copies of each "drop-" invitation, one Message-ID, one delivery row
    const dropped = formsTagged('drop');
    const copies = dropped.map((form) => stack.smtp.mails.filter((mail) => isFormInvite(mail) && mail.to[0] === form.email));
    expect(copies.map((mails) => mails.length)).toEqual(dropped.map(() => 2));
    expect(copies.every(([first, second]) => first.messageId === second.messageId)).toBe(true);
    expect(stack.smtp.dropped).toHaveLength(dropped.length);
    expect(ledger.repeats).toBe(dropped.length);

    // 421 twice, then delivered once
    const busy = formsTagged('busy');
    expect(busy.map((form) => busyAttempts.get(form.email))).toEqual(busy.map(() => BUSY_TIMES + 1));
    expect(busy.map((form) => stack.smtp.mails.filter((mail) => mail.to[0] === form.email).length)).toEqual(busy.map(() => 1));

    // 550: refused once each, FAILED with the reason the recruiter sees, never retried
    const refusals = rejected.map((form) => stack.smtp.refusals.filter((refusal) => refusal.address === form.email).length);
    expect(refusals).toEqual(rejected.map(() => 1));
    const failed = await stack.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM feedback_forms WHERE id = ANY($1::uuid[])',
      [rejected.map((form) => form.id)],
    );
    expect(failed).toEqual(rejected.map(() => ({ status: 'FAILED', last_error: expect.stringContaining('SMTP 550') })));
    // a session whose whole panel bounced still gets its (withheld) answer: nothing waits forever
    const answers = await stack.query<{ status: string }>(`SELECT a.status FROM candidate_answers a WHERE a.session_id = ANY($1::uuid[])`, [
      sessions.filter((session) => session.forms[0].email.startsWith('reject-')).map((session) => session.id),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 'WITHHELD'));

    recordFigures('5-smtp-faults', {
      forms: forms.length,
      droppedAfterData: stack.smtp.dropped.length,
      repeatsSameMessageId: ledger.repeats,
      answered421: [...busyAttempts.values()].reduce((sum, n) => sum + Math.min(n, BUSY_TIMES), 0),
      refused550: rejected.length,
      smtp550Attempts: refusals.reduce((sum, n) => sum + n, 0),
      deliveries: ledger.deliveries,
      failedDeliveries: ledger.failed,
      captured: ledger.captured,
      secondsToSettle: seconds(settledAt - started),
    });
  });
});
