import { verifyLinkToken } from '@closer/domain';
import { JOB_QUEUE, JobName, QueueName } from '@closer/queue';
import fc from 'fast-check';
import { Client } from 'pg';

import type { RoutedJob } from '../../apps/worker/src/outbox/outbox-routes';
import { JobProducer } from '../../apps/worker/src/queue/job-producer';
import { CONTROL, LINE_BREAK } from './support/hostile';
import { checkOutcome } from './support/outcome';
import { Call, GqlResult, SecuritySuite, sleep } from './support/security-suite';
import {
  addCandidate,
  addInterviewer,
  answerOf,
  completeSession,
  createRole,
  DECLINE,
  formsOf,
  ok,
  Person,
  RoleRef,
  schedule,
  SUBMIT,
} from './support/world';

/** One "hour" of the organization's settings, so reminders and the escalation are queued and sent during the test. */
const HOUR = 400;

/** A realistic SMTP server names the refused address in its reply (Postfix: "550 5.1.1 <a@b>: Recipient address rejected"). */
const flaky = new Map<string, number>();
function refuseRecipient(address: string) {
  if (address.startsWith('refuse-')) return { code: 550, message: `5.1.1 <${address}>: Recipient address rejected: User unknown` };
  if (!address.startsWith('flaky-')) return null;
  const attempts = (flaky.get(address) ?? 0) + 1;
  flaky.set(address, attempts);
  return attempts <= 2 ? { code: 421, message: `4.7.1 <${address}>: Try again later` } : null;
}

/** Names of every script and shape, each carrying a marker no other data contains. */
const names = fc
  .sample(
    fc.tuple(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
      fc.constantFrom('Ada', 'Zoë', 'Ñandú', 'محمد', '李小龙', "O'Brien", '<b>Eve</b>'),
    ),
    3,
  )
  .map(([noise, name], i) => {
    const marker = `Qx${i}${Math.random().toString(36).slice(2, 8)}`;
    return {
      name: `${name} ${noise.replace(new RegExp(CONTROL.source, 'g'), '').replace(new RegExp(LINE_BREAK.source, 'g'), ' ')} ${marker}`
        .replace(/\s+/g, ' ')
        .trim(),
      marker,
    };
  });

/** Every place one of the needles still appears: table.column cells and Redis keys/values. */
async function tracesOf(suite: SecuritySuite, needles: string[]): Promise<string[]> {
  const lower = needles.map((n) => n.toLowerCase());
  const found: string[] = [];
  for (const cell of await suite.textCells()) {
    const value = cell.value.toLowerCase();
    const hit = lower.find((needle) => value.includes(needle));
    if (hit) found.push(`${cell.table}.${cell.column}: ${cell.value.slice(0, 160)}`);
  }
  for (const { key, values } of await suite.redisDump()) {
    for (const value of [key, ...values]) {
      const text = value.toLowerCase();
      if (lower.some((needle) => text.includes(needle)))
        found.push(`redis ${key.slice(suite.redis.prefix.length)}: ${value.slice(0, 200)}`);
    }
  }
  return found;
}

/**
 * After eraseCandidate, the candidate's name and address are gone from every text, jsonb and
 * array column of every table and from every Redis key and value under the suite's prefix (job
 * hashes, their data, return values and failure reasons, event streams) — once the worker has
 * sent, retried, failed and reminded about them.
 */
describe('eraseCandidate leaves no trace of the name or address', () => {
  let suite: SecuritySuite;
  let role: RoleRef;
  let panel: Person[];

  beforeAll(async () => {
    suite = await SecuritySuite.start({ worker: true, smtp: { refuseRecipient }, env: { CLOSER_HOUR_MS: String(HOUR) } });
    const call = suite.recruiter('acme');
    ok(
      await call(
        'mutation { updateOrganization(input: { feedbackDeadlineHours: 8, reminderHours: [1, 2], minResponsesForAnswer: 1 }) { id } }',
      ),
    );
    role = await createRole(call, 'Backend engineer', 'AUTO_RELEASE', ['TypeScript', 'PostgreSQL']);
    panel = [
      await addInterviewer(call, 'Grace Panel', 'grace@panel.example'),
      await addInterviewer(call, 'Linus Panel', 'linus@panel.example'),
      await addInterviewer(call, 'Slow Panel', 'slow@panel.example'),
    ];
  }, 60_000);

  afterAll(async () => suite?.close());

  const traces = (needles: string[]) => tracesOf(suite, needles);

  /** The candidate, their sessions, forms, free text about them, every mail about them — as the suite would see them in use. */
  async function lifeOf(name: string, email: string): Promise<Person> {
    const call = suite.recruiter('acme');
    const candidate = await addCandidate(call, name, email);
    const answered = await schedule(call, candidate.id, role.id, [panel[0].id, panel[1].id], `Final round with ${name}`);
    const waiting = await schedule(call, candidate.id, role.id, [panel[2].id], `Follow-up with ${name} <${email}>`);
    const portal = suite.portalToken(candidate.id);
    ok(
      await suite.anonymous('mutation($t: String!, $id: ID!) { requestFitFeedback(token: $t, sessionId: $id) { sessionId } }', {
        t: portal,
        id: answered,
      }),
    );
    await completeSession(call, answered);
    await completeSession(call, waiting);
    const [first, second] = await formsOf(suite, answered);
    ok(
      await suite.anonymous(SUBMIT, {
        token: suite.formToken(first),
        input: {
          overallFit: 'GOOD_FIT',
          strengths: `${name} explained trade-offs clearly`,
          gaps: `Reach ${name} at ${email} about on-call`,
          nextSteps: `Invite ${name} to meet the team`,
          candidateMessage: `Thank you, ${name}!`,
          privateNote: `${name} (${email}) reminded me of a former colleague`,
          ratings: role.criteria.map((criterionId) => ({ criterionId, rating: 3, note: `${name} was solid here` })),
        },
      }),
    );
    ok(await suite.anonymous(DECLINE, { token: suite.formToken(second), reason: `I never met ${name}` }));
    const [answer] = await suite.query<{ id: string; status: string }>('SELECT id, status FROM candidate_answers WHERE session_id = $1', [
      answered,
    ]);
    if (answer.status === 'AWAITING_REVIEW')
      ok(await call('mutation($id: ID!) { releaseCandidateAnswer(id: $id) { id } }', { id: answer.id }));
    ok(
      await suite.anonymous(
        'mutation($t: String!, $id: ID!, $c: String) { rateCandidateAnswer(token: $t, sessionId: $id, helpful: true, comment: $c) { sessionId } }',
        {
          t: portal,
          id: answered,
          c: `Signed, ${name}`,
        },
      ),
    );
    ok(await call('mutation($id: ID!) { sendCandidatePortalLink(candidateId: $id) }', { id: candidate.id }));
    return candidate;
  }

  async function eraseAndSearch(variant: 'plain' | 'refuse' | 'flaky'): Promise<string[]> {
    const index = ['plain', 'refuse', 'flaky'].indexOf(variant);
    const { name, marker } = names[index];
    const email = `${variant === 'plain' ? '' : `${variant}-`}${marker.toLowerCase()}@example.test`;
    const keep = { name: `Kept Candidate ${marker}K`, email: `kept-${marker.toLowerCase()}k@example.test` };
    const call = suite.recruiter('acme');

    const candidate = await lifeOf(name, email);
    await lifeOf(keep.name, keep.email);
    // two portal invitations (the first session's link, then a fresh one) and the answer: sent, or refused for good
    const mailsTo = (address: string) => suite.smtp.mails.filter((mail) => mail.to.includes(address)).length;
    const refusalsOf = (address: string) =>
      suite.smtp.refusals.filter((refusal) => refusal.address === address && refusal.code >= 500).length;
    const deadline = Date.now() + 20_000;
    while ((variant === 'refuse' ? refusalsOf(email) : mailsTo(email)) < 3 || mailsTo(keep.email) < 3) {
      if (Date.now() > deadline)
        throw new Error(`the mails to ${email} did not settle: ${mailsTo(email)} sent, ${refusalsOf(email)} refused`);
      await sleep(100);
    }
    await suite.drain(20_000);
    await sleep(3 * HOUR); // a reminder for the form still waiting, then the sweeps

    // the control: before erasure the search finds them everywhere they live
    const before = await traces([marker]);
    expect(before.length).toBeGreaterThan(5);

    ok(await call('mutation($id: ID!) { eraseCandidate(id: $id) }', { id: candidate.id }));
    await suite.drain(20_000);
    await sleep(2 * HOUR);

    const found = await traces([name, email, marker]);
    // the candidate kept is still findable by the same search: the search itself works
    expect(found.some((trace) => trace.startsWith('candidates.name') && trace.includes(keep.name))).toBe(true);
    const left = found.filter((trace) => !trace.toLowerCase().includes(`${marker.toLowerCase()}k`));
    const [row] = await suite.query<{ name: string; email: string; erased: boolean }>(
      'SELECT name, email, erased_at IS NOT NULL AS erased FROM candidates WHERE id = $1',
      [candidate.id],
    );
    expect(row).toMatchObject({ erased: true });
    console.log(
      `erasure (${variant}): ${before.length} traces before, ${left.length} after, over ${(await suite.tables()).length} tables and ${(await suite.redisDump()).length} Redis keys`,
    );
    return left;
  }

  it('after delivered mail', async () => expect(await eraseAndSearch('plain')).toEqual([]), 60_000);

  it(
    'after a mail the server refused twice before accepting it (421, naming the address)',
    async () => expect(await eraseAndSearch('flaky')).toEqual([]),
    60_000,
  );

  let refused: string[] | undefined;
  it('after a mail the server refused for good (550, naming the address): nothing in any table', async () => {
    refused = await eraseAndSearch('refuse');
    expect(refused.filter((trace) => !trace.startsWith('redis '))).toEqual([]);
  }, 60_000);

  // the refused mail's SMTP reply names the address: it must not outlive erasure in failed jobs
  it('after a mail the server refused for good (550, naming the address): nothing in Redis either', () => {
    expect(refused).toBeDefined();
    expect(refused!.filter((trace) => trace.startsWith('redis '))).toEqual([]);
  });
});

/** The organization's "hour" for the doors below: deadline 40 h = 20 s, reminders at 12 h and 24 h, escalation at 32 h. */
const DOOR_HOUR = 500;
const DEADLINE_HOURS = 40;

const VIEW = 'query($token: String!) { feedbackForm(token: $token) { formId status } }';
const PORTAL = 'query($t: String!) { candidatePortal(token: $t) { candidateName } }';
const REQUEST = 'mutation($t: String!, $id: ID!) { requestFitFeedback(token: $t, sessionId: $id) { sessionId } }';
const RATE =
  'mutation($t: String!, $id: ID!, $c: String) { rateCandidateAnswer(token: $t, sessionId: $id, helpful: false, comment: $c) { sessionId } }';
const ERASE = 'mutation($id: ID!) { eraseCandidate(id: $id) }';
const DASHBOARD = `{ closingFeedbackDashboard {
  sessionsCompleted fitFeedbackRequested formsSent formsSubmitted formsDeclined responseRate medianHoursToFeedback answersReleased
  answersWithheld medianHoursToAnswer helpfulRate fitDistribution { band count }
  criteria { criterion { id } averageRating ratedCount lackingCount }
  interviewers { interviewer { id } formsSent formsSubmitted medianHoursToFeedback averageOverallFit calibrationDelta }
  weekly { weekStart sessionsCompleted responseRate averageFitScore }
} }`;
const SCHEDULE_AT = 'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }';

/**
 * Everything stored about one candidate's sessions — the candidate, sessions, forms, responses,
 * ratings, requests, answers, the mails and outbox events naming their ids — as one text: equal
 * texts mean nothing about them was written.
 */
async function stateOf(suite: SecuritySuite, candidateId: string): Promise<string> {
  const [row] = await suite.query<{ state: string }>(
    `WITH s AS (SELECT * FROM interview_sessions WHERE candidate_id = $1),
          f AS (SELECT * FROM feedback_forms WHERE session_id IN (SELECT id FROM s)),
          r AS (SELECT * FROM feedback_responses WHERE session_id IN (SELECT id FROM s)),
          a AS (SELECT * FROM candidate_answers WHERE session_id IN (SELECT id FROM s)),
          ids AS (SELECT $1::text AS id UNION ALL SELECT id::text FROM s UNION ALL SELECT id::text FROM f UNION ALL SELECT id::text FROM a)
     SELECT json_build_object(
              'candidate', (SELECT row_to_json(c) FROM candidates c WHERE c.id = $1),
              'sessions', (SELECT json_agg(s ORDER BY s.id) FROM s),
              'forms', (SELECT json_agg(f ORDER BY f.id) FROM f),
              'responses', (SELECT json_agg(r ORDER BY r.id) FROM r),
              'ratings', (SELECT json_agg(k ORDER BY k.response_id, k.criterion_id) FROM criterion_ratings k WHERE k.response_id IN (SELECT id FROM r)),
              'requests', (SELECT json_agg(q ORDER BY q.id) FROM fit_feedback_requests q WHERE q.session_id IN (SELECT id FROM s)),
              'answers', (SELECT json_agg(a ORDER BY a.id) FROM a),
              'mails', (SELECT json_agg(d ORDER BY d.id) FROM email_deliveries d
                         WHERE EXISTS (SELECT 1 FROM ids WHERE d.idempotency_key LIKE '%' || ids.id || '%')),
              'events', (SELECT json_agg(json_build_object('type', o.type, 'payload', o.payload) ORDER BY o.id) FROM outbox_events o
                          WHERE EXISTS (SELECT 1 FROM ids, jsonb_each_text(o.payload) p WHERE p.value = ids.id))
            )::text AS state`,
    [candidateId],
  );
  return row.state;
}

/**
 * eraseCandidate closes every door: after it, nothing about the candidate can be submitted,
 * declined, composed, released, withheld, re-sent, recorded, completed, rated or mailed — tried
 * the way an interviewer with an old link, a recruiter, the candidate's portal link, and the
 * worker (reminders, escalation, deadline, sweeper, jobs queued before the erasure) would.
 */
describe('eraseCandidate closes every door', () => {
  let suite: SecuritySuite;
  const tag = () => Math.random().toString(36).slice(2, 8);
  const marker = `Dq${tag()}`;
  const keptMarker = `Kq${tag()}`;
  const panelTag = tag();
  const victim = { name: `Ada Doorway ${marker}`, email: `ada-${marker.toLowerCase()}@doors.test` };
  const kept = { name: `Kept Doorway ${keptMarker}`, email: `kept-${keptMarker.toLowerCase()}@doors.test` };
  const victimRecruiter = 'victim-recruiter';
  const keptRecruiter = 'kept-recruiter';
  let candidate: Person;
  let panel: Person[];
  let keptPanel: Person[];
  let roles: { auto: RoleRef; review: RoleRef };
  const sessions = { open: '', composing: '', review: '', released: '', scheduled: '', keptOpen: '', keptScheduled: '' };
  const forms = { drafted: '', untouched: '', composed: '', waiting: '', reviewed: '', released: '' };
  const answers = { open: '', composing: '', review: '', released: '' };
  let completedAt: number;
  let scheduledEndsAt: number;
  let erasedAt: Date;
  let stateAfterErasure: string;
  let dashboardBefore: Record<string, unknown>;
  let dashboardAfter: Record<string, unknown>;
  /** Jobs queued before the erasure under ids the purge cannot know, each due after it, with what its handler must answer. */
  const earlyJobs: { id: string; queue: QueueName; expected: string }[] = [];

  /** Free text about the candidate, as each door would write it: every one carries the marker. */
  const text = (what: string, who = victim) => `${what} about ${who.name} <${who.email}>`;
  const submission = (role: RoleRef, what: string, who = victim) => ({
    overallFit: 'GOOD_FIT',
    strengths: text(`${what} strengths`, who),
    gaps: text(`${what} gaps`, who),
    nextSteps: text(`${what} next steps`, who),
    candidateMessage: text(`${what} message`, who),
    privateNote: text(`${what} private note`, who),
    ratings: role.criteria.map((criterionId) => ({ criterionId, rating: 3, note: text(`${what} rating note`, who) })),
  });

  const asVictimRecruiter = () => suite.recruiter('acme', victimRecruiter);
  const mailsTo = (address: string) => suite.smtp.mails.filter((mail) => mail.to.includes(address));
  const victimAddresses = () => [victim.email, `${victimRecruiter}@acme.test`, ...panel.map((p) => p.email)];

  async function until<T>(what: string, probe: () => Promise<T | false | undefined | null> | T | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  async function scheduleAt(call: Call, who: Person, roleId: string, interviewerIds: string[], endsAt: Date): Promise<string> {
    const startsAt = new Date(Date.now() - 3_600_000);
    return ok<{ scheduleSession: { id: string } }>(
      await call(SCHEDULE_AT, {
        input: { candidateId: who.id, roleId, interviewerIds, title: `Round with ${who.name}`, startsAt, endsAt },
      }),
    ).scheduleSession.id;
  }

  beforeAll(async () => {
    suite = await SecuritySuite.start({ worker: true, env: { CLOSER_HOUR_MS: String(DOOR_HOUR) } });
    const call = asVictimRecruiter();
    const keep = suite.recruiter('acme', keptRecruiter);
    ok(
      await call(
        `mutation { updateOrganization(input: { feedbackDeadlineHours: ${DEADLINE_HOURS}, reminderHours: [12, 24], minResponsesForAnswer: 2 }) { id } }`,
      ),
    );
    roles = {
      auto: await createRole(call, 'Backend engineer', 'AUTO_RELEASE', ['TypeScript', 'PostgreSQL']),
      review: await createRole(call, 'Staff engineer', 'RECRUITER_REVIEW', ['Architecture']),
    };
    panel = [];
    for (let i = 1; i <= 6; i++) panel.push(await addInterviewer(call, `Door Panel ${i}`, `door-${i}-${panelTag}@panel.test`));
    keptPanel = [
      await addInterviewer(keep, 'Kept Panel 1', `kept-1-${panelTag}@panel.test`),
      await addInterviewer(keep, 'Kept Panel 2', `kept-2-${panelTag}@panel.test`),
    ];
    candidate = await addCandidate(call, victim.name, victim.email);
    const keptCandidate = await addCandidate(keep, kept.name, kept.email);

    const id = (p: Person) => p.id;
    sessions.open = await schedule(call, candidate.id, roles.auto.id, [panel[0], panel[1]].map(id), `Open round with ${victim.name}`);
    sessions.composing = await schedule(call, candidate.id, roles.auto.id, [panel[2], panel[3]].map(id), `Second round`);
    sessions.review = await schedule(call, candidate.id, roles.review.id, [panel[4].id], `Review round`);
    sessions.released = await schedule(call, candidate.id, roles.auto.id, [panel[5].id], `Released round`);
    sessions.keptOpen = await schedule(keep, keptCandidate.id, roles.auto.id, keptPanel.map(id), `Kept round`);
    // ends while the worker is watching: the sweeper completes the kept one, never the erased one
    scheduledEndsAt = Date.now() + 12_000;
    sessions.scheduled = await scheduleAt(call, candidate, roles.auto.id, [panel[0].id], new Date(scheduledEndsAt));
    sessions.keptScheduled = await scheduleAt(keep, keptCandidate, roles.auto.id, [keptPanel[0].id], new Date(scheduledEndsAt));

    ok(await suite.anonymous(REQUEST, { t: suite.portalToken(candidate.id), id: sessions.released }));
    completedAt = Date.now();
    for (const session of [sessions.open, sessions.composing, sessions.review, sessions.released]) await completeSession(call, session);
    await completeSession(keep, sessions.keptOpen);
    [forms.drafted, forms.untouched] = await formsOf(suite, sessions.open);
    [forms.composed, forms.waiting] = await formsOf(suite, sessions.composing);
    [forms.reviewed] = await formsOf(suite, sessions.review);
    [forms.released] = await formsOf(suite, sessions.released);
    for (const [key, session] of Object.entries(sessions).filter(([key]) => !key.startsWith('kept') && key !== 'scheduled'))
      answers[key as keyof typeof answers] = await answerOf(suite, session);
    const keptForms = await formsOf(suite, sessions.keptOpen);

    await until('the invitations', () => [...panel, ...keptPanel].every((p) => mailsTo(p.email).length > 0));
    // the interviewer opened the form and has a draft in their browser
    expect(
      ok<{ feedbackForm: { status: string } }>(await suite.anonymous(VIEW, { token: suite.formToken(forms.drafted) })).feedbackForm.status,
    ).toBe('OPENED');
    ok(await suite.anonymous(SUBMIT, { token: suite.formToken(forms.composed), input: submission(roles.auto, 'composing') }));
    ok(await suite.anonymous(SUBMIT, { token: suite.formToken(forms.reviewed), input: submission(roles.review, 'review') }));
    ok(await suite.anonymous(SUBMIT, { token: suite.formToken(forms.released), input: submission(roles.auto, 'released') }));
    ok(await suite.anonymous(SUBMIT, { token: suite.formToken(keptForms[0]), input: submission(roles.auto, 'kept', kept) }));
    await until('the answer-ready mail', async () => {
      const sent = await suite.query('SELECT 1 FROM email_deliveries WHERE idempotency_key = $1 AND status = $2', [
        `answer-ready:${answers.released}`,
        'SENT',
      ]);
      return sent.length === 1;
    });

    const statuses = await suite.query<{ session_id: string; status: string }>(
      'SELECT session_id, status FROM candidate_answers WHERE session_id = ANY($1)',
      [[sessions.open, sessions.composing, sessions.review, sessions.released]],
    );
    expect(Object.fromEntries(statuses.map((row) => [row.session_id, row.status]))).toEqual({
      [sessions.open]: 'WAITING_FOR_FEEDBACK',
      [sessions.composing]: 'WAITING_FOR_FEEDBACK',
      [sessions.review]: 'AWAITING_REVIEW',
      [sessions.released]: 'RELEASED',
    });

    // jobs already queued when the erasure happens, under ids the purge does not look for
    const producer = suite.worker!.app.get(JobProducer);
    const organizationId = (await suite.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'"))[0].id;
    const early: { job: RoutedJob; expected: string }[] = [
      {
        job: { name: JobName.SendFormReminder, data: { organizationId, formId: forms.drafted, linkVersion: 1, index: 0 } },
        expected: 'not-open',
      },
      { job: { name: JobName.SendFormInvite, data: { organizationId, formId: forms.untouched, linkVersion: 1 } }, expected: 'not-open' },
      { job: { name: JobName.SendEscalation, data: { organizationId, sessionId: sessions.open } }, expected: 'not-open' },
      { job: { name: JobName.SendAnswerReady, data: { organizationId, sessionId: sessions.released } }, expected: 'candidate-gone' },
      {
        job: { name: JobName.SendPortalInvite, data: { organizationId, candidateId: candidate.id, linkVersion: 1 } },
        expected: 'candidate-gone',
      },
      { job: { name: JobName.FanOutForms, data: { organizationId, sessionId: sessions.open } }, expected: 'candidate-erased' },
      // runs at the deadline (it waits until then): the composition that must not happen
      {
        job: { name: JobName.CloseSessionFeedback, data: { organizationId, sessionId: sessions.composing } },
        expected: 'expired 0, answer unchanged',
      },
    ];
    await producer.add(early.map(({ job }, index) => ({ id: `early-${index}-${job.name}`, job, delay: 3_000 })));
    earlyJobs.push(
      ...early.map(({ job, expected }, index) => ({ id: `early-${index}-${job.name}`, queue: JOB_QUEUE[job.name], expected })),
    );

    await suite.drain(20_000);
    // the reminders of the open forms are queued and not due yet: they would go out after the erasure
    const firstReminder = completedAt + 12 * DOOR_HOUR;
    if (Date.now() > firstReminder - 1_000) throw new Error('the set-up took too long: the first reminder is due before the erasure');
    expect(mailsTo(panel[0].email).filter((mail) => mail.subject.startsWith('Reminder'))).toEqual([]);

    dashboardBefore = ok(await call(DASHBOARD));
    erasedAt = new Date();
    expect(ok(await call(ERASE, { id: candidate.id }))).toEqual({ eraseCandidate: true });
    stateAfterErasure = await stateOf(suite, candidate.id);
    dashboardAfter = ok(await call(DASHBOARD));
  }, 90_000);

  afterAll(async () => suite?.close());

  /** Sends the request, holds it to the refusal, and checks it wrote nothing about the candidate. */
  async function refused(operation: string, code: 'GONE' | 'CONFLICT' | 'NOT_FOUND', send: () => Promise<GqlResult>): Promise<void> {
    checkOutcome(await send(), { kind: 'error', code }, operation);
    expect(await stateOf(suite, candidate.id)).toBe(stateAfterErasure);
  }

  it('expired the open forms and bumped every form link; the answers stay where they were', async () => {
    const rows = await suite.query<{ id: string; status: string; link_version: number }>(
      'SELECT id, status, link_version FROM feedback_forms WHERE id = ANY($1)',
      [Object.values(forms)],
    );
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.status, row.link_version]]))).toEqual({
      [forms.drafted]: ['EXPIRED', 2],
      [forms.untouched]: ['EXPIRED', 2],
      [forms.composed]: ['SUBMITTED', 2],
      [forms.waiting]: ['EXPIRED', 2],
      [forms.reviewed]: ['SUBMITTED', 2],
      [forms.released]: ['SUBMITTED', 2],
    });
  });

  it('keeps every dashboard figure as it was, the erased sessions still counted', async () => {
    expect(dashboardBefore).toMatchObject({ closingFeedbackDashboard: { sessionsCompleted: 5, formsSubmitted: 4, answersReleased: 1 } });
    expect(dashboardAfter).toEqual(dashboardBefore);
  });

  it('answers GONE to the old form links: view, submit (the draft), decline, and an answered form', async () => {
    await refused('feedbackForm', 'GONE', () => suite.anonymous(VIEW, { token: suite.formToken(forms.drafted) }));
    await refused('submitFeedback', 'GONE', () =>
      suite.anonymous(SUBMIT, { token: suite.formToken(forms.drafted), input: submission(roles.auto, 'draft') }),
    );
    await refused('declineFeedbackForm', 'GONE', () =>
      suite.anonymous(DECLINE, { token: suite.formToken(forms.untouched), reason: text('decline') }),
    );
    // the last open form of a session with a response: submitting it would compose the answer
    await refused('submitFeedback', 'GONE', () =>
      suite.anonymous(SUBMIT, { token: suite.formToken(forms.waiting), input: submission(roles.auto, 'last') }),
    );
    await refused('feedbackForm', 'GONE', () => suite.anonymous(VIEW, { token: suite.formToken(forms.composed) }));
    await refused('submitFeedback', 'GONE', () =>
      suite.anonymous(SUBMIT, { token: suite.formToken(forms.composed), input: submission(roles.auto, 'again') }),
    );
  });

  it('answers CONFLICT to the recruiter: resend, record a request, release, withhold, complete, schedule', async () => {
    const call = asVictimRecruiter();
    await refused('resendFeedbackForm', 'CONFLICT', () =>
      call('mutation($id: ID!) { resendFeedbackForm(formId: $id) { id } }', { id: forms.drafted }),
    );
    await refused('recordFitFeedbackRequest', 'CONFLICT', () =>
      call('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: sessions.open }),
    );
    for (const message of [text('release message'), null]) {
      await refused('releaseCandidateAnswer', 'CONFLICT', () =>
        call('mutation($id: ID!, $m: String) { releaseCandidateAnswer(id: $id, message: $m) { id } }', { id: answers.review, m: message }),
      );
    }
    for (const answer of [answers.review, answers.open]) {
      await refused('withholdCandidateAnswer', 'CONFLICT', () =>
        call('mutation($id: ID!, $r: String!) { withholdCandidateAnswer(id: $id, reason: $r) { id } }', {
          id: answer,
          r: text('withheld'),
        }),
      );
    }
    await refused('completeSession', 'CONFLICT', () =>
      call('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: sessions.scheduled }),
    );
    await refused('scheduleSession', 'CONFLICT', () =>
      call(SCHEDULE_AT, {
        input: {
          candidateId: candidate.id,
          roleId: roles.auto.id,
          interviewerIds: [panel[0].id],
          title: text('title'),
          startsAt: new Date(Date.now() - 3_600_000),
          endsAt: new Date(Date.now() - 1_800_000),
        },
      }),
    );
  });

  it('answers NOT_FOUND to the portal links, old and new: view, ask, rate with a comment', async () => {
    for (const version of [1, 2]) {
      const t = suite.portalToken(candidate.id, version);
      await refused('candidatePortal', 'NOT_FOUND', () => suite.anonymous(PORTAL, { t }));
      await refused('requestFitFeedback', 'NOT_FOUND', () => suite.anonymous(REQUEST, { t, id: sessions.open }));
      await refused('rateCandidateAnswer', 'NOT_FOUND', () => suite.anonymous(RATE, { t, id: sessions.released, c: text('reply') }));
    }
  });

  it('the worker composes nothing and mails nobody about them: reminders, escalation, deadline, sweeper, jobs queued before', async () => {
    const deadline = completedAt + DEADLINE_HOURS * DOOR_HOUR;
    // past the reminders, the escalation, the deadline, the scheduled session's end and two sweeps after them
    await sleep(Math.max(deadline, scheduledEndsAt) + 2 * DOOR_HOUR + 1_000 - Date.now());

    // the same paths worked meanwhile for the candidate kept: reminders, escalation, deadline, sweeper
    const keptMails = suite.smtp.mails.filter((mail) => mail.receivedAt >= erasedAt);
    expect(
      keptMails.filter((mail) => mail.to.includes(keptPanel[1].email) && mail.subject.startsWith('Reminder')).length,
    ).toBeGreaterThanOrEqual(1);
    expect(keptMails.filter((mail) => mail.to.includes(`${keptRecruiter}@acme.test`))).toHaveLength(1);
    const [keptAnswer] = await suite.query<{ status: string }>('SELECT status FROM candidate_answers WHERE session_id = $1', [
      sessions.keptOpen,
    ]);
    expect(keptAnswer.status).not.toBe('WAITING_FOR_FEEDBACK');
    const [keptScheduled] = await suite.query<{ status: string }>('SELECT status FROM interview_sessions WHERE id = $1', [
      sessions.keptScheduled,
    ]);
    expect(keptScheduled.status).toBe('COMPLETED');

    // and for the erased candidate: nothing at all
    const after = suite.smtp.mails.filter((mail) => mail.receivedAt >= erasedAt);
    expect(after.filter((mail) => victimAddresses().some((address) => mail.to.includes(address)))).toEqual([]);
    const about = [marker.toLowerCase(), 'erased candidate'];
    expect(
      after.filter((mail) => about.some((needle) => `${mail.subject}\n${mail.text}\n${mail.html}`.toLowerCase().includes(needle))),
    ).toEqual([]);
    const linked = after
      .flatMap((mail) => mail.links)
      .flatMap((link) => {
        const [, purpose, token] = /\/(f|c)\/([^/?#\s]+)/.exec(link) ?? [];
        const subject = token ? verifyLinkToken(suite.config.links.secret, purpose === 'f' ? 'form' : 'portal', token) : null;
        return subject ? [subject.id] : [];
      });
    expect(linked.filter((id) => id === candidate.id || Object.values(forms).includes(id))).toEqual([]);
    expect(linked.length).toBeGreaterThan(0);
    expect(await stateOf(suite, candidate.id)).toBe(stateAfterErasure);
    const [answer] = await suite.query<{ status: string; composed_at: Date | null }>(
      'SELECT status, composed_at FROM candidate_answers WHERE session_id = $1',
      [sessions.composing],
    );
    expect(answer).toEqual({ status: 'WAITING_FOR_FEEDBACK', composed_at: null });
    const [scheduled] = await suite.query<{ status: string }>('SELECT status FROM interview_sessions WHERE id = $1', [sessions.scheduled]);
    expect(scheduled.status).toBe('SCHEDULED');

    const producer = suite.worker!.app.get(JobProducer);
    const outcomes: Record<string, unknown> = {};
    for (const job of earlyJobs) {
      const found = await producer.queue(job.queue).getJob(job.id);
      outcomes[job.id] = found ? [await found.getState(), found.returnvalue] : 'missing';
    }
    expect(outcomes).toEqual(Object.fromEntries(earlyJobs.map((job) => [job.id, ['completed', job.expected]])));
  }, 60_000);

  it('leaves no free text about them anywhere, and no trace of the name or address', async () => {
    // the kept candidate's name, address and feedback are found by the same search: the search works
    expect((await tracesOf(suite, [keptMarker])).length).toBeGreaterThan(5);
    expect(await tracesOf(suite, [victim.name, victim.email, marker])).toEqual([]);
  });

  describe('racing a submission or a release', () => {
    let racePanel: Person;
    const raced: { who: { name: string; email: string }; m: string; erasedBy: Date }[] = [];

    beforeAll(async () => {
      racePanel = await addInterviewer(asVictimRecruiter(), 'Race Panel', `race-${panelTag}@panel.test`);
    });

    /** A candidate who asked, with one completed session; its one form's submission composes and releases the answer. */
    async function racer(policy: 'AUTO_RELEASE' | 'RECRUITER_REVIEW' = 'AUTO_RELEASE') {
      const m = `Rq${tag()}`;
      const who = { name: `Runner ${m}`, email: `runner-${m.toLowerCase()}@doors.test` };
      const call = asVictimRecruiter();
      const person = await addCandidate(call, who.name, who.email);
      const role = policy === 'AUTO_RELEASE' ? roles.auto : roles.review;
      const session = await schedule(call, person.id, role.id, [racePanel.id], `Race with ${who.name}`);
      ok(await suite.anonymous(REQUEST, { t: suite.portalToken(person.id), id: session }));
      await completeSession(call, session);
      const [form] = await formsOf(suite, session);
      // the portal link and the form went out before the race, as they would have in life
      await until('the invitations', async () => {
        const sent = await suite.query('SELECT 1 FROM email_deliveries WHERE idempotency_key = ANY($1) AND status = $2', [
          [`portal-invite:${person.id}:1`, `form-invite:${form}:1`],
          'SENT',
        ]);
        return sent.length === 2;
      });
      const submit = () => suite.anonymous(SUBMIT, { token: suite.formToken(form), input: submission(role, 'runner', who) });
      const erase = () => call(ERASE, { id: person.id });
      return { m, who, person, session, form: form, role, submit, erase };
    }

    async function leftAbout(r: { who: { name: string; email: string }; m: string }): Promise<string[]> {
      return tracesOf(suite, [r.who.name, r.who.email, r.m]);
    }

    const rowOf = async (sql: string, params: unknown[]) => (await suite.query(sql, params))[0] ?? null;

    /**
     * Holds `lock` (a row both requests need first) in a transaction of its own, starts `first`,
     * waits until it queues behind the lock, starts `second`, waits until it queues too, and lets
     * go: PostgreSQL grants the row in queue order, so `first` wins, whatever their timing.
     */
    async function inOrder(lock: { sql: string; params: unknown[] }, first: () => Promise<GqlResult>, second: () => Promise<GqlResult>) {
      const holder = new Client({ connectionString: suite.database.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(lock.sql, lock.params);
        // waiting behind the holder, or behind a request that waits for it
        const queued = async (n: number) =>
          (
            await suite.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0',
            )
          )[0].n >= n;
        const one = first();
        await until('the first request to wait for the lock', () => queued(1));
        const two = second();
        await until('the second request to wait for the lock', () => queued(2));
        await holder.query('COMMIT');
        return await Promise.all([one, two]);
      } finally {
        await holder.end();
      }
    }

    const answerLock = (session: string) => ({
      sql: 'SELECT 1 FROM candidate_answers WHERE session_id = $1 FOR UPDATE',
      params: [session],
    });

    it('a submission that commits first is scrubbed by the erasure waiting behind it', async () => {
      const r = await racer();
      const [submitted, erased] = await inOrder(answerLock(r.session), r.submit, r.erase);
      raced.push({ ...r, erasedBy: new Date() });
      checkOutcome(submitted, { kind: 'accepted' }, 'submitFeedback');
      expect(ok(erased)).toEqual({ eraseCandidate: true });
      expect(await rowOf('SELECT strengths, candidate_message FROM feedback_responses WHERE form_id = $1', [r.form])).toEqual({
        strengths: '[erased]',
        candidate_message: null,
      });
      expect(await rowOf('SELECT status, message FROM candidate_answers WHERE session_id = $1', [r.session])).toEqual({
        status: 'RELEASED',
        message: null,
      });
      expect(await leftAbout(r)).toEqual([]);
    });

    it('a submission that read its link before the erasure and commits after it is GONE and writes nothing', async () => {
      const r = await racer();
      const [erased, submitted] = await inOrder(answerLock(r.session), r.erase, r.submit);
      raced.push({ ...r, erasedBy: new Date() });
      expect(ok(erased)).toEqual({ eraseCandidate: true });
      checkOutcome(submitted, { kind: 'error', code: 'GONE' }, 'submitFeedback');
      expect(await suite.query('SELECT 1 FROM feedback_responses WHERE form_id = $1', [r.form])).toEqual([]);
      expect(await rowOf('SELECT status, link_version FROM feedback_forms WHERE id = $1', [r.form])).toEqual({
        status: 'EXPIRED',
        link_version: 2,
      });
      expect(await rowOf('SELECT status FROM candidate_answers WHERE session_id = $1', [r.session])).toEqual({
        status: 'WAITING_FOR_FEEDBACK',
      });
      expect(await leftAbout(r)).toEqual([]);
    });

    it("a release with the recruiter's message: scrubbed when it commits first, CONFLICT when it comes second", async () => {
      for (const releaseFirst of [true, false]) {
        const r = await racer('RECRUITER_REVIEW');
        ok(await r.submit());
        const answer = await answerOf(suite, r.session);
        const release = () =>
          asVictimRecruiter()('mutation($id: ID!, $m: String) { releaseCandidateAnswer(id: $id, message: $m) { id } }', {
            id: answer,
            m: text('release message', r.who),
          });
        const candidateLock = { sql: 'SELECT 1 FROM candidates WHERE id = $1 FOR UPDATE', params: [r.person.id] };
        const [first, second] = await inOrder(candidateLock, releaseFirst ? release : r.erase, releaseFirst ? r.erase : release);
        raced.push({ ...r, erasedBy: new Date() });
        const [released, erased] = releaseFirst ? [first, second] : [second, first];
        expect(ok(erased)).toEqual({ eraseCandidate: true });
        checkOutcome(released, releaseFirst ? { kind: 'accepted' } : { kind: 'error', code: 'CONFLICT' }, 'releaseCandidateAnswer');
        expect(await rowOf('SELECT status, message FROM candidate_answers WHERE id = $1', [answer])).toEqual({
          status: releaseFirst ? 'RELEASED' : 'AWAITING_REVIEW',
          message: null,
        });
        expect(await leftAbout(r)).toEqual([]);
      }
    });

    it('started together, ten times: whichever wins, nothing about the candidate is left and no mail follows', async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 10; i++) {
        const r = await racer();
        const [submitted, erased] = await Promise.all([r.submit(), r.erase()]);
        raced.push({ ...r, erasedBy: new Date() });
        expect(ok(erased)).toEqual({ eraseCandidate: true });
        const code = submitted.body.errors?.[0]?.extensions?.code;
        checkOutcome(submitted, code ? { kind: 'error', code: 'GONE' } : { kind: 'accepted' }, 'submitFeedback');
        outcomes.push(code ?? 'accepted');
        expect(await leftAbout(r)).toEqual([]);
      }
      console.log(
        `erase racing submit: ${outcomes.filter((o) => o === 'accepted').length} submissions won, ${outcomes.filter((o) => o === 'GONE').length} erasures won`,
      );

      await suite.drain(20_000);
      await sleep(2 * DOOR_HOUR);
      expect(raced.length).toBeGreaterThanOrEqual(10);
      for (const r of raced) {
        const after = suite.smtp.mails.filter((mail) => mail.receivedAt >= r.erasedBy);
        expect(after.filter((mail) => mail.to.includes(r.who.email) || `${mail.subject}\n${mail.text}`.includes(r.m))).toEqual([]);
        expect(await leftAbout(r)).toEqual([]);
      }
    }, 120_000);
  });
});
