import fc from 'fast-check';

import { CONTROL, LINE_BREAK } from './support/hostile';
import { SecuritySuite, sleep } from './support/security-suite';
import {
  addCandidate,
  addInterviewer,
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

  /** Every place the marker still appears: table.column cells and Redis keys/values. */
  async function traces(needles: string[]): Promise<string[]> {
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

  /** The candidate, their sessions, forms, free text about them, every mail about them — as the suite would see them in use. */
  async function lifeOf(name: string, email: string): Promise<Person> {
    const call = suite.recruiter('acme');
    const candidate = await addCandidate(call, name, email);
    const answered = await schedule(call, candidate.id, role.id, [panel[0]!.id, panel[1]!.id], `Final round with ${name}`);
    const waiting = await schedule(call, candidate.id, role.id, [panel[2]!.id], `Follow-up with ${name} <${email}>`);
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
        token: suite.formToken(first!),
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
    ok(await suite.anonymous(DECLINE, { token: suite.formToken(second!), reason: `I never met ${name}` }));
    const [answer] = await suite.query<{ id: string; status: string }>('SELECT id, status FROM candidate_answers WHERE session_id = $1', [
      answered,
    ]);
    if (answer!.status === 'AWAITING_REVIEW')
      ok(await call('mutation($id: ID!) { releaseCandidateAnswer(id: $id) { id } }', { id: answer!.id }));
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
    const { name, marker } = names[index]!;
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
