// Candidate rights through the public API, as people use them: the recruiter with a JWT, the
// candidate with the portal link and interviewers with the form links they were mailed, against
// real PostgreSQL, Redis and SMTP, with two workers sweeping at once.
import { randomUUID } from 'node:crypto';

import { signTestJwt } from '@closer/testing';

import { graphql } from './support/apps';
import { sleep, WorkerFlow } from './support/worker-flow';

/** One "hour" of the organizations' settings; a day is 24 of them (4.8 s). */
const HOUR = 200;
const DAY = 24 * HOUR;

type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T | null; errors?: GqlError[] }>;
interface GqlError {
  message: string;
  extensions?: { code?: string; fields?: { field: string; message: string }[] };
}

interface Org {
  gql: Gql;
  /** Fails the test on any GraphQL error. */
  ok: <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  recruiterEmail: string;
  roleId: string;
  criteria: { id: string }[];
}

const PORTAL_VIEW = `sessionId fitFeedbackRequested answerExpectedBy lateNotifiedAt answer { fitBand message releasedAt reply }`;

interface PortalSession {
  sessionId: string;
  fitFeedbackRequested: boolean;
  answerExpectedBy: string | null;
  lateNotifiedAt: string | null;
  answer: { fitBand: string; message: string | null; releasedAt: string; reply: string | null } | null;
}

describe('candidate rights: promise, reply, calibration, export, retention', () => {
  let flow: WorkerFlow;

  beforeAll(async () => {
    flow = await WorkerFlow.start({ hourMs: HOUR, workers: 2 });
  });

  afterAll(async () => {
    await flow?.close();
  });

  const anon: Gql = async (query, variables = {}) => (await graphql(flow.gatewayUrl, query, variables)).body as never;
  const anonOk = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await anon<T>(query, variables);
    if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
  const codeOf = (body: { errors?: GqlError[] }) => body.errors?.[0]?.extensions?.code;

  /** A fresh organization (its own history and dashboards), its recruiter and one role. */
  async function organization(
    settings: { feedbackDeadlineHours: number; minResponsesForAnswer?: number; retentionDays?: number | null },
    answerPolicy: 'AUTO_RELEASE' | 'RECRUITER_REVIEW' = 'AUTO_RELEASE',
  ): Promise<Org> {
    const slug = `org-${randomUUID().slice(0, 8)}`;
    const recruiterEmail = `rae@${slug}.test`;
    const jwt = await signTestJwt(flow.config.auth.jwtSecret!, { org: slug, sub: `rae-${slug}`, email: recruiterEmail });
    const gql: Gql = async (query, variables = {}) =>
      (await graphql(flow.gatewayUrl, query, variables, { authorization: `Bearer ${jwt}` })).body as never;
    const ok = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const body = await gql<T>(query, variables);
      if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
      return body.data as T;
    };
    await ok('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }', {
      input: { reminderHours: [], minResponsesForAnswer: 1, ...settings },
    });
    const { createRole } = await ok<{ createRole: { id: string; criteria: { id: string }[] } }>(
      'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
      {
        input: {
          title: 'Backend engineer',
          answerPolicy,
          nextSteps: 'A call with the team lead',
          criteria: [{ label: 'TypeScript', kind: 'SKILL', weight: 4 }],
        },
      },
    );
    return { gql, ok, recruiterEmail, roleId: createRole.id, criteria: createRole.criteria };
  }

  let candidates = 0;
  /** Names are unique in the file: a form invitation is told apart by the candidate it names. */
  async function addCandidate(org: Org, tag: string): Promise<{ id: string; email: string; name: string }> {
    const email = `${tag}-${randomUUID().slice(0, 6)}@example.test`;
    const name = `${tag} Candidate${++candidates === 1 ? '' : ` ${candidates}`}`;
    const { addCandidate } = await org.ok<{ addCandidate: { id: string } }>(
      'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
      { input: { name, email } },
    );
    return { id: addCandidate.id, email, name };
  }

  async function addInterviewer(org: Org, name: string): Promise<{ id: string; name: string; email: string }> {
    const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 6)}@example.test`;
    const { addInterviewer } = await org.ok<{ addInterviewer: { id: string } }>(
      'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }',
      { input: { name, email } },
    );
    return { id: addInterviewer.id, name, email };
  }

  /** Schedules a session (an hour long) ending `endsInMs` from now; returns its id and end. */
  async function schedule(org: Org, candidateId: string, interviewerIds: string[], endsInMs = 3_600_000) {
    const endsAt = new Date(Date.now() + endsInMs);
    const { scheduleSession } = await org.ok<{ scheduleSession: { id: string } }>(
      'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
      {
        input: {
          candidateId,
          roleId: org.roleId,
          interviewerIds,
          title: 'Final round',
          startsAt: new Date(endsAt.getTime() - 3_600_000).toISOString(),
          endsAt: endsAt.toISOString(),
        },
      },
    );
    return { id: scheduleSession.id, endsAt };
  }

  const complete = async (org: Org, sessionId: string): Promise<{ completedAt: string; feedbackDueAt: string }> =>
    (
      await org.ok<{ completeSession: { completedAt: string; feedbackDueAt: string } }>(
        'mutation($id: ID!) { completeSession(id: $id) { completedAt feedbackDueAt } }',
        { id: sessionId },
      )
    ).completeSession;

  const portalToken = async (email: string) => flow.tokenIn(await flow.waitForMail(email, 'portal-invite'), 'portal');
  const formToken = async (email: string, candidate: { name: string }) =>
    flow.tokenIn(
      await flow.smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith(`Your feedback on ${candidate.name} (`)),
      'form',
    );

  const portalSession = async (token: string, sessionId: string): Promise<PortalSession> => {
    const { candidatePortal } = await anonOk<{ candidatePortal: { sessions: PortalSession[] } }>(
      `query($token: String!) { candidatePortal(token: $token) { sessions { ${PORTAL_VIEW} } } }`,
      { token },
    );
    return candidatePortal.sessions.find((s) => s.sessionId === sessionId)!;
  };
  const ask = (token: string, sessionId: string) =>
    anonOk<{ requestFitFeedback: PortalSession }>(
      `mutation($token: String!, $id: ID!) { requestFitFeedback(token: $token, sessionId: $id) { ${PORTAL_VIEW} } }`,
      { token, id: sessionId },
    );
  const reply = (token: string, sessionId: string, message: string) =>
    anon<{ replyToCandidateAnswer: PortalSession }>(
      `mutation($token: String!, $id: ID!, $message: String!) {
         replyToCandidateAnswer(token: $token, sessionId: $id, message: $message) { ${PORTAL_VIEW} } }`,
      { token, id: sessionId, message },
    );
  const submit = (token: string, org: Org, overallFit: string, extra: Record<string, unknown> = {}) =>
    anonOk<{ submitFeedback: { status: string } }>(
      'mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }',
      {
        token,
        input: {
          overallFit,
          ratings: org.criteria.map((c) => ({ criterionId: c.id, rating: 3, note: 'Typed generics fluently' })),
          strengths: 'Clear reasoning about trade-offs',
          gaps: 'Little evidence of on-call work',
          candidateMessage: 'Thank you for a thoughtful conversation.',
          privateNote: 'Would pair well with the platform team',
          ...extra,
        },
      },
    );
  const sessionPromise = async (org: Org, sessionId: string) =>
    (
      await org.ok<{ session: { answerExpectedBy: string | null } }>('query($id: ID!) { session(id: $id) { answerExpectedBy } }', {
        id: sessionId,
      })
    ).session.answerExpectedBy;
  const mailsWithSubject = (to: string, subject: RegExp) => flow.smtp.mails.filter((m) => m.to.includes(to) && subject.test(m.subject));

  describe('the dated promise', () => {
    it('is the feedback deadline plus one day without enough history, counted from the scheduled end, by each of the three ways', async () => {
      const org = await organization({ feedbackDeadlineHours: 10 });
      const interviewer = await addInterviewer(org, 'Ivy Interviewer');

      // the candidate asks in the portal before the session ends: from its scheduled end
      const early = await addCandidate(org, 'early');
      const upcoming = await schedule(org, early.id, [interviewer.id], 60_000);
      const earlyToken = await portalToken(early.email);
      expect((await portalSession(earlyToken, upcoming.id)).answerExpectedBy).toBeNull();
      const asked = (await ask(earlyToken, upcoming.id)).requestFitFeedback;
      const expected = upcoming.endsAt.getTime() + (10 + 24) * HOUR;
      expect(Date.parse(asked.answerExpectedBy!)).toBe(expected);
      expect(Date.parse((await sessionPromise(org, upcoming.id))!)).toBe(expected);
      // asking again keeps the first promise
      await sleep(50);
      expect(Date.parse((await ask(earlyToken, upcoming.id)).requestFitFeedback.answerExpectedBy!)).toBe(expected);

      // the recruiter records it after the session ended: from the deadline the completion set
      const recorded = await addCandidate(org, 'recorded');
      const ended = await schedule(org, recorded.id, [interviewer.id]);
      const { feedbackDueAt } = await complete(org, ended.id);
      expect(await sessionPromise(org, ended.id)).toBeNull();
      await org.ok('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: ended.id });
      expect(Date.parse((await sessionPromise(org, ended.id))!)).toBe(Date.parse(feedbackDueAt) + DAY);

      // the interviewer ticks "the candidate asked" in the form
      const ticked = await addCandidate(org, 'ticked');
      const viaForm = await schedule(org, ticked.id, [interviewer.id]);
      const completed = await complete(org, viaForm.id);
      await submit(await formToken(interviewer.email, ticked), org, 'GOOD_FIT', { candidateAskedForFeedback: true });
      expect(Date.parse((await sessionPromise(org, viaForm.id))!)).toBe(Date.parse(completed.feedbackDueAt) + DAY);
    });

    it("follows the organization's 80th percentile once it has 20 answers of the last 90 days, never past the deadline plus one day", async () => {
      const org = await organization({ feedbackDeadlineHours: 10 });
      const interviewer = await addInterviewer(org, 'Pace Setter');
      const history = await addCandidate(org, 'history');
      const [{ id: organizationId }] = await flow.query<{ id: string }>('SELECT organization_id AS id FROM candidates WHERE id = $1', [
        history.id,
      ]);
      /** Released answers that took `ms` from their session's end, released `agoMs` ago. */
      const seed = async (durations: number[], agoMs = 60_000) => {
        for (const ms of durations) {
          const end = new Date(Date.now() - agoMs - ms);
          const [session] = await flow.query<{ id: string }>(
            `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at)
             VALUES ($1, $2, $3, 'Past', $4, $5, 'COMPLETED', $5) RETURNING id`,
            [organizationId, history.id, org.roleId, new Date(end.getTime() - 3_600_000), end],
          );
          await flow.query(
            `INSERT INTO candidate_answers (organization_id, session_id, status, fit_band, released_at) VALUES ($1, $2, 'RELEASED', 3, $3)`,
            [organizationId, session.id, new Date(end.getTime() + ms)],
          );
        }
      };
      const askedAfterEnd = async () => {
        const candidate = await addCandidate(org, 'asker');
        const session = await schedule(org, candidate.id, [interviewer.id], 60_000);
        const view = (await ask(await portalToken(candidate.email), session.id)).requestFitFeedback;
        return Date.parse(view.answerExpectedBy!) - session.endsAt.getTime();
      };

      // 19 fast answers, and 50 older than 90 days: not enough history yet
      await seed(Array.from({ length: 19 }, (_, i) => (i + 1) * 100));
      await seed(
        Array.from({ length: 50 }, () => 10),
        91 * 86_400_000,
      );
      expect(await askedAfterEnd()).toBe((10 + 24) * HOUR);

      // the 20th: 100 ms … 2,000 ms, whose 80th percentile (interpolated) is 1,620 ms
      await seed([2_000]);
      expect(await askedAfterEnd()).toBe(1_620);

      // slow answers move the percentile past the deadline plus one day: the promise stays there
      await seed(Array.from({ length: 40 }, () => 60_000));
      expect(await askedAfterEnd()).toBe((10 + 24) * HOUR);
    });

    it('is kept or broken, a late answer is escalated to the recruiter once and shown to the candidate, and the dashboard counts both', async () => {
      const reviewed = await organization({ feedbackDeadlineHours: 15 }, 'RECRUITER_REVIEW');
      const interviewer = await addInterviewer(reviewed, 'Kai Keeper');
      const dashboard = async () =>
        (
          await reviewed.ok<{ closingFeedbackDashboard: { promisesKeptRate: number | null; answersReleased: number } }>(
            '{ closingFeedbackDashboard { promisesKeptRate answersReleased } }',
          )
        ).closingFeedbackDashboard;
      expect((await dashboard()).promisesKeptRate).toBeNull();

      // kept: released right after the panel answered
      const keptCandidate = await addCandidate(reviewed, 'kept');
      const kept = await schedule(reviewed, keptCandidate.id, [interviewer.id]);
      const keptToken = await portalToken(keptCandidate.email);
      await ask(keptToken, kept.id);
      await complete(reviewed, kept.id);
      await submit(await formToken(interviewer.email, keptCandidate), reviewed, 'GOOD_FIT');
      const answerId = async (sessionId: string) =>
        (
          await reviewed.ok<{ session: { answer: { id: string } } }>('query($id: ID!) { session(id: $id) { answer { id } } }', {
            id: sessionId,
          })
        ).session.answer.id;
      const release = async (sessionId: string) =>
        reviewed.ok('mutation($id: ID!) { releaseCandidateAnswer(id: $id) { status } }', { id: await answerId(sessionId) });
      await release(kept.id);

      // broken: the panel answered, nobody released it by the promised date (15 + 24 hours after the end)
      const lateCandidate = await addCandidate(reviewed, 'late');
      const late = await schedule(reviewed, lateCandidate.id, [interviewer.id]);
      const lateToken = await portalToken(lateCandidate.email);
      await complete(reviewed, late.id);
      await ask(lateToken, late.id);
      await submit(await formToken(interviewer.email, lateCandidate), reviewed, 'GOOD_FIT');
      // asked before its scheduled end, an hour away: its promise is not due, it counts nowhere
      const pendingCandidate = await addCandidate(reviewed, 'pending');
      const pending = await schedule(reviewed, pendingCandidate.id, [interviewer.id]);
      await ask(await portalToken(pendingCandidate.email), pending.id);
      await complete(reviewed, pending.id);

      expect(await dashboard()).toEqual({ promisesKeptRate: 1, answersReleased: 1 });
      const promised = Date.parse((await portalSession(lateToken, late.id)).answerExpectedBy!);
      expect((await portalSession(lateToken, late.id)).lateNotifiedAt).toBeNull();

      const lateMail = await flow.smtp.waitFor(
        (m) => m.to.includes(reviewed.recruiterEmail) && m.subject.startsWith(`Answer late: ${lateCandidate.name} was promised`),
        20_000,
      );
      expect(Date.now()).toBeGreaterThanOrEqual(promised);
      expect(lateMail.text).toContain(lateCandidate.name);
      // recorded once the mail went out
      const shown = await flow.until('the portal to say the answer is late', async () => {
        const view = await portalSession(lateToken, late.id);
        return view.lateNotifiedAt !== null && view;
      });
      expect(shown.answer).toBeNull();
      expect(Date.parse(shown.lateNotifiedAt!)).toBeGreaterThanOrEqual(promised);
      // once, whatever the sweeps of two workers; nothing about the kept or the pending one
      await sleep(2_500);
      expect(mailsWithSubject(reviewed.recruiterEmail, /^Answer late:/).map((m) => m.subject)).toEqual([lateMail.subject]);

      // released late: broken. Kept 1 of the 2 decided
      await release(late.id);
      expect(await dashboard()).toEqual({ promisesKeptRate: 0.5, answersReleased: 2 });
    });
  });

  describe('the one reply', () => {
    it('reaches the recruiter who scheduled the session once, shows in the portal and on the review page, and a second reply is a CONFLICT', async () => {
      const org = await organization({ feedbackDeadlineHours: 50 });
      const interviewer = await addInterviewer(org, 'Rhea Reader');
      const candidate = await addCandidate(org, 'replier');
      const session = await schedule(org, candidate.id, [interviewer.id]);
      const token = await portalToken(candidate.email);
      await ask(token, session.id);
      await complete(org, session.id);

      // nothing to reply to before the answer is released: refused, nothing stored
      const early = await reply(token, session.id, 'Too soon');
      expect(codeOf(early)).toBe('CONFLICT');

      await submit(await formToken(interviewer.email, candidate), org, 'PARTIAL_FIT');
      await flow.waitForMail(candidate.email, 'answer-ready');

      // over 2,000 characters: BAD_USER_INPUT naming the field, nothing stored
      const long = await reply(token, session.id, 'x'.repeat(2_001));
      expect(codeOf(long)).toBe('BAD_USER_INPUT');
      expect(long.errors![0].extensions!.fields!.map((f) => f.field)).toEqual(['message']);
      // another candidate's session is not found
      expect(codeOf(await reply(token, randomUUID(), 'Hello'))).toBe('NOT_FOUND');

      const text = 'Thank you. I led the on-call rota at my last job for two years; happy to share the runbooks.';
      const first = await reply(token, session.id, text);
      expect(first.errors).toBeUndefined();
      expect(first.data!.replyToCandidateAnswer.answer!.reply).toBe(text);
      expect((await portalSession(token, session.id)).answer!.reply).toBe(text);

      const second = await reply(token, session.id, 'And another thing');
      expect(codeOf(second)).toBe('CONFLICT');
      const { session: review } = await org.ok<{ session: { answer: { candidateReply: string; candidateRepliedAt: string } } }>(
        'query($id: ID!) { session(id: $id) { answer { candidateReply candidateRepliedAt } } }',
        { id: session.id },
      );
      expect(review.answer.candidateReply).toBe(text);
      expect(Date.parse(review.answer.candidateRepliedAt)).toBeLessThanOrEqual(Date.now());

      const mail = await flow.smtp.waitFor((m) => m.to.includes(org.recruiterEmail) && /replied to their answer/.test(m.subject));
      expect(mail.subject).toBe(`${candidate.name} replied to their answer (Backend engineer)`);
      expect(mail.text).toContain('> Thank you. I led the on-call rota');
      await sleep(1_500);
      expect(mailsWithSubject(org.recruiterEmail, /replied to their answer/)).toHaveLength(1);
      // never to the interviewer, never back to the candidate
      expect(flow.smtp.mails.filter((m) => m.text.includes('on-call rota') && !m.to.includes(org.recruiterEmail))).toEqual([]);
      const [delivery] = await flow.query<{ kind: string; status: string }>(
        `SELECT kind, status FROM email_deliveries WHERE idempotency_key LIKE 'candidate-reply:%' AND recipient = $1`,
        [org.recruiterEmail],
      );
      expect(delivery).toEqual({ kind: 'candidate-reply', status: 'SENT' });
    });

    it('is screened by the wording check (the recruiter is told), and refused from an erased candidate’s old link with nothing stored or mailed', async () => {
      const org = await organization({ feedbackDeadlineHours: 50 });
      const interviewer = await addInterviewer(org, 'Wade Wording');
      const screened = await addCandidate(org, 'screened');
      const erased = await addCandidate(org, 'erased');
      const tokens: Record<string, string> = {};
      const sessions: Record<string, string> = {};
      for (const c of [screened, erased]) {
        sessions[c.id] = (await schedule(org, c.id, [interviewer.id])).id;
        tokens[c.id] = await portalToken(c.email);
        await ask(tokens[c.id], sessions[c.id]);
        await complete(org, sessions[c.id]);
        await submit(await formToken(interviewer.email, c), org, 'GOOD_FIT');
        await flow.waitForMail(c.email, 'answer-ready');
      }

      expect(
        (await reply(tokens[screened.id], sessions[screened.id], 'I was pregnant during the interview and tired.')).errors,
      ).toBeUndefined();
      const [stored] = await flow.query<{ candidate_reply_flags: string[] }>(
        'SELECT candidate_reply_flags FROM candidate_answers WHERE session_id = $1',
        [sessions[screened.id]],
      );
      expect(stored.candidate_reply_flags).toEqual([expect.stringMatching(/^protected characteristic: pregnancy/)]);
      const mail = await flow.smtp.waitFor((m) => m.to.includes(org.recruiterEmail) && m.subject.startsWith(`${screened.name} replied`));
      expect(mail.text).toMatch(/The wording check noted: protected characteristic: pregnancy/);

      await org.ok('mutation($id: ID!) { eraseCandidate(id: $id) }', { id: erased.id });
      const refused = await reply(tokens[erased.id], sessions[erased.id], 'Please reconsider');
      expect(codeOf(refused)).toBe('NOT_FOUND');
      const [answer] = await flow.query<{ candidate_reply: string | null }>(
        'SELECT candidate_reply FROM candidate_answers WHERE session_id = $1',
        [sessions[erased.id]],
      );
      expect(answer.candidate_reply).toBeNull();
      await sleep(1_500);
      expect(mailsWithSubject(org.recruiterEmail, /replied to their answer/)).toHaveLength(1);

      // erasing the candidate who replied removes the reply and what the check found in it
      await org.ok('mutation($id: ID!) { eraseCandidate(id: $id) }', { id: screened.id });
      const [scrubbed] = await flow.query<{ candidate_reply: string | null; candidate_reply_flags: string[] }>(
        'SELECT candidate_reply, candidate_reply_flags FROM candidate_answers WHERE session_id = $1',
        [sessions[screened.id]],
      );
      expect(scrubbed).toEqual({ candidate_reply: null, candidate_reply_flags: [] });
    });

    it('is stored once when two replies race, the other one getting CONFLICT, and mailed once', async () => {
      const org = await organization({ feedbackDeadlineHours: 50 });
      const interviewer = await addInterviewer(org, 'Rae Race');
      const candidate = await addCandidate(org, 'racer');
      const session = await schedule(org, candidate.id, [interviewer.id]);
      const token = await portalToken(candidate.email);
      await ask(token, session.id);
      await complete(org, session.id);
      await submit(await formToken(interviewer.email, candidate), org, 'GOOD_FIT');
      await flow.waitForMail(candidate.email, 'answer-ready');

      const results = await Promise.all(['First words', 'Second words', 'Third words'].map((text) => reply(token, session.id, text)));
      const winners = results.filter((r) => r.errors === undefined);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(2);
      const stored = winners[0].data!.replyToCandidateAnswer.answer!.reply;
      expect((await portalSession(token, session.id)).answer!.reply).toBe(stored);
      await flow.smtp.waitFor((m) => m.to.includes(org.recruiterEmail) && m.subject.startsWith(`${candidate.name} replied`));
      await sleep(1_500);
      expect(mailsWithSubject(org.recruiterEmail, /replied to their answer/).map((m) => m.text.includes(`> ${stored}`))).toEqual([true]);
    });
  });

  describe('private calibration', () => {
    it('shows each interviewer their own figures after submitting, on a hand-computed panel, naming nobody', async () => {
      const org = await organization({ feedbackDeadlineHours: 100 });
      const [ana, ben, cat, dee] = [
        await addInterviewer(org, 'Ana Alpha'),
        await addInterviewer(org, 'Ben Beta'),
        await addInterviewer(org, 'Cat Gamma'),
        await addInterviewer(org, 'Dee Delta'),
      ];
      const CALIBRATION = `calibration { sessionsAnswered meanOverallFit peersMeanOverallFit calibrationDelta }`;
      const view = async (token: string) =>
        (
          await anonOk<{ feedbackForm: { calibration: unknown } }>(`query($t: String!) { feedbackForm(token: $t) { ${CALIBRATION} } }`, {
            t: token,
          })
        ).feedbackForm.calibration;
      /** One session with this panel; each member answers with their band; returns the panel's last form token by interviewer. */
      const panel = async (answers: [typeof ana, string][]) => {
        const candidate = await addCandidate(org, 'panel');
        const session = await schedule(
          org,
          candidate.id,
          answers.map(([i]) => i.id),
        );
        await complete(org, session.id);
        const tokens = new Map<string, string>();
        for (const [interviewer, band] of answers) {
          const token = await formToken(interviewer.email, candidate);
          tokens.set(interviewer.id, token);
          if (interviewer === dee) expect(await view(token)).toBeNull(); // not before submitting
          await submit(token, org, band);
        }
        return tokens;
      };
      // session 1: Ana 4, Ben 3, Cat 2; session 2: Ana 3, Ben 1; session 3: Ana 2 alone; session 4: Dee 1 alone
      await panel([
        [ana, 'STRONG_FIT'],
        [ben, 'GOOD_FIT'],
        [cat, 'PARTIAL_FIT'],
      ]);
      await panel([
        [ana, 'GOOD_FIT'],
        [ben, 'NOT_A_FIT'],
      ]);
      const third = await panel([[ana, 'PARTIAL_FIT']]);
      const fourth = await panel([[dee, 'NOT_A_FIT']]);

      // every response in the organization: 4, 3, 2, 3, 1, 2, 1 → 16 / 7
      const peers = 16 / 7;
      // Ana: (4 + 3 + 2) / 3; against the rest of each shared panel: 4 − (3 + 2) / 2 = 1.5 and 3 − 1 = 2 → 1.75
      expect(await view(third.get(ana.id)!)).toEqual({
        sessionsAnswered: 3,
        meanOverallFit: 3,
        peersMeanOverallFit: peers,
        calibrationDelta: 1.75,
      });
      // Dee never shared a panel: no difference to show
      const deeView = await anonOk<{ feedbackForm: { calibration: unknown } }>(
        `query($t: String!) { feedbackForm(token: $t) { ${CALIBRATION} } }`,
        { t: fourth.get(dee.id)! },
      );
      expect(deeView.feedbackForm.calibration).toEqual({
        sessionsAnswered: 1,
        meanOverallFit: 1,
        peersMeanOverallFit: peers,
        calibrationDelta: null,
      });
      const serialized = JSON.stringify(deeView);
      for (const other of [ana, ben, cat]) {
        expect(serialized).not.toContain(other.name);
        expect(serialized).not.toContain(other.email);
      }
    });
  });

  describe('subject-access export', () => {
    const EXPORT = 'query($id: ID!, $reveal: Boolean) { candidateDataExport(id: $id, revealInterviewers: $reveal) { generatedAt json } }';

    it('holds every kind of record, pseudonymised unless revealed, audited, and NOT_FOUND across organizations', async () => {
      const org = await organization({ feedbackDeadlineHours: 50 });
      const [ora, pim] = [await addInterviewer(org, 'Ora Oracle'), await addInterviewer(org, 'Pim Pixel')];
      const candidate = await addCandidate(org, 'exported');
      const session = await schedule(org, candidate.id, [ora.id, pim.id]);
      const token = await portalToken(candidate.email);
      await ask(token, session.id);
      await complete(org, session.id);
      await submit(await formToken(ora.email, candidate), org, 'STRONG_FIT', { privateNote: 'Private: strongest this quarter' });
      await anonOk('mutation($t: String!) { declineFeedbackForm(token: $t, reason: "Was not in the room") { status } }', {
        t: await formToken(pim.email, candidate),
      });
      await flow.waitForMail(candidate.email, 'answer-ready');
      await anonOk(
        'mutation($t: String!, $id: ID!) { rateCandidateAnswer(token: $t, sessionId: $id, helpful: true, comment: "Useful") { sessionId } }',
        {
          t: token,
          id: session.id,
        },
      );
      expect((await reply(token, session.id, 'Here is my portfolio link.')).errors).toBeUndefined();

      const before = Date.now();
      const { candidateDataExport } = await org.ok<{ candidateDataExport: { generatedAt: string; json: string } }>(EXPORT, {
        id: candidate.id,
      });
      expect(Date.parse(candidateDataExport.generatedAt)).toBeGreaterThanOrEqual(before - 1_000);
      const doc = JSON.parse(candidateDataExport.json);
      expect(doc.candidate).toMatchObject({ id: candidate.id, name: candidate.name, email: candidate.email, erasedAt: null });
      expect(doc.sessions).toHaveLength(1);
      const [s] = doc.sessions;
      expect(s).toMatchObject({ id: session.id, title: 'Final round', status: 'COMPLETED', role: { title: 'Backend engineer' } });
      expect(s.fitFeedbackRequest).toMatchObject({ source: 'PORTAL' });
      expect(Date.parse(s.fitFeedbackRequest.answerExpectedBy)).not.toBeNaN();
      expect(s.forms.map((f: { interviewer: unknown; status: string }) => [f.interviewer, f.status])).toEqual([
        ['Interviewer 1', 'SUBMITTED'],
        ['Interviewer 2', 'DECLINED'],
      ]);
      expect(s.forms[0].response).toMatchObject({
        overallFit: 'STRONG_FIT',
        ratings: [{ criterion: 'TypeScript', rating: 3, note: 'Typed generics fluently' }],
        strengths: 'Clear reasoning about trade-offs',
        gaps: 'Little evidence of on-call work',
        candidateMessage: 'Thank you for a thoughtful conversation.',
        privateNote: 'Private: strongest this quarter',
      });
      expect(s.forms[1]).toMatchObject({ declineReason: 'Was not in the room', response: null });
      expect(s.answer).toMatchObject({
        status: 'RELEASED',
        fitBand: 'STRONG_FIT',
        flags: [],
        helpful: true,
        helpfulComment: 'Useful',
        reply: 'Here is my portfolio link.',
      });
      const mails = doc.mails as { kind: string; status: string; messageId: string; sentAt: string }[];
      expect(mails.map((m) => m.kind).sort()).toEqual(['answer-ready', 'portal-invite']);
      for (const m of mails) {
        expect(m.status).toBe('SENT');
        expect(m.messageId).toMatch(/^<.+@.+>$/);
        expect(Date.parse(m.sentAt)).not.toBeNaN();
      }
      for (const hidden of [ora.name, ora.email, pim.name, pim.email, ora.id, pim.id])
        expect(candidateDataExport.json).not.toContain(hidden);

      const revealed = JSON.parse(
        (await org.ok<{ candidateDataExport: { json: string } }>(EXPORT, { id: candidate.id, reveal: true })).candidateDataExport.json,
      );
      expect(revealed.sessions[0].forms.map((f: { interviewer: unknown }) => f.interviewer)).toEqual([
        { name: ora.name, email: ora.email },
        { name: pim.name, email: pim.email },
      ]);

      // another organization, a made-up id and a malformed one: NOT_FOUND, and no audit row
      const other = await organization({ feedbackDeadlineHours: 50 });
      for (const id of [candidate.id, randomUUID(), 'not-an-id']) {
        const refused = await other.gql(EXPORT, { id, reveal: true });
        expect({ id, code: codeOf(refused), data: refused.data ?? null }).toEqual({ id, code: 'NOT_FOUND', data: null });
      }
      const audit = await flow.query<{ revealed_interviewers: boolean; exported_by: string; created_at: Date }>(
        `SELECT e.revealed_interviewers, u.email AS exported_by, e.created_at
           FROM candidate_data_exports e JOIN users u ON u.id = e.exported_by
          WHERE e.candidate_id = $1 ORDER BY e.created_at`,
        [candidate.id],
      );
      expect(audit.map((a) => [a.exported_by, a.revealed_interviewers])).toEqual([
        [org.recruiterEmail, false],
        [org.recruiterEmail, true],
      ]);
      expect(
        await flow.query('SELECT 1 FROM candidate_data_exports WHERE candidate_id <> $1 AND revealed_interviewers', [candidate.id]),
      ).toEqual([]);
    });
  });

  describe('retention and legal hold', () => {
    const CANDIDATE = 'query($id: ID!) { candidate(id: $id) { name email legalHold erasedAt } }';
    const HOLD =
      'mutation($id: ID!, $hold: Boolean!, $reason: String) { setCandidateLegalHold(id: $id, hold: $hold, reason: $reason) { legalHold erasedAt } }';

    it('refuses bad settings and holds without a reason, changing nothing', async () => {
      const org = await organization({ feedbackDeadlineHours: 50 });
      const candidate = await addCandidate(org, 'strict');
      for (const retentionDays of [0, -1, 36_501]) {
        const refused = await org.gql('mutation($d: Int) { updateOrganization(input: { retentionDays: $d }) { retentionDays } }', {
          d: retentionDays,
        });
        expect(codeOf(refused)).toBe('BAD_USER_INPUT');
        expect(refused.errors![0].extensions!.fields!.map((f) => f.field)).toEqual(['input.retentionDays']);
      }
      const readRetention = async () =>
        (await org.ok<{ me: { organization: { retentionDays: number | null } } }>('{ me { organization { retentionDays } } }')).me
          .organization.retentionDays;
      expect(await readRetention()).toBeNull();
      await org.ok('mutation { updateOrganization(input: { retentionDays: 30 }) { id } }');
      await org.ok('mutation { updateOrganization(input: { name: "Renamed" }) { id } }');
      expect(await readRetention()).toBe(30);
      await org.ok('mutation { updateOrganization(input: { retentionDays: null }) { id } }');
      expect(await readRetention()).toBeNull();

      const noReason = await org.gql(HOLD, { id: candidate.id, hold: true });
      expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
      const other = await organization({ feedbackDeadlineHours: 50 });
      expect(codeOf(await other.gql(HOLD, { id: candidate.id, hold: true, reason: 'Dispute' }))).toBe('NOT_FOUND');
      expect((await org.ok<{ candidate: { legalHold: boolean } }>(CANDIDATE, { id: candidate.id })).candidate.legalHold).toBe(false);
      expect(await flow.query('SELECT 1 FROM candidates WHERE id = $1 AND legal_hold_at IS NOT NULL', [candidate.id])).toEqual([]);
    });

    it('erases after the period exactly as eraseCandidate does, once under two workers, and keeps held candidates until the hold is lifted', async () => {
      const org = await organization({ feedbackDeadlineHours: 50 });
      const interviewer = await addInterviewer(org, 'Ret Ention');
      const gone = await addCandidate(org, 'expired');
      const held = await addCandidate(org, 'held');
      const upcoming = await addCandidate(org, 'upcoming');
      const goneSession = await schedule(org, gone.id, [interviewer.id]);
      await complete(org, goneSession.id);
      const goneForm = await formToken(interviewer.email, gone);
      await complete(org, (await schedule(org, held.id, [interviewer.id])).id);
      await schedule(org, upcoming.id, [interviewer.id], 10 * DAY);
      const goneToken = await portalToken(gone.email);

      const hold = await org.ok<{ setCandidateLegalHold: { legalHold: boolean } }>(HOLD, {
        id: held.id,
        hold: true,
        reason: 'Employment tribunal claim',
      });
      expect(hold.setCandidateLegalHold.legalHold).toBe(true);
      const [record] = await flow.query<{ legal_hold_reason: string; by: string }>(
        'SELECT c.legal_hold_reason, u.email AS by FROM candidates c JOIN users u ON u.id = c.legal_hold_by WHERE c.id = $1',
        [held.id],
      );
      expect(record).toEqual({ legal_hold_reason: 'Employment tribunal claim', by: org.recruiterEmail });

      await org.ok('mutation { updateOrganization(input: { retentionDays: 1 }) { id } }');
      const turnedOnAt = Date.now();
      const erasedAt = await flow.until(
        'the expired candidate to be erased',
        async () => (await org.ok<{ candidate: { erasedAt: string | null } }>(CANDIDATE, { id: gone.id })).candidate.erasedAt,
        20_000,
      );
      // not before a day (24 hours) after the session ended
      expect(Date.parse(erasedAt)).toBeGreaterThanOrEqual(turnedOnAt - 1_000);
      expect((await org.ok<{ candidate: unknown }>(CANDIDATE, { id: gone.id })).candidate).toMatchObject({
        name: 'Erased candidate',
        legalHold: false,
      });
      // the same doors as eraseCandidate closes
      expect(codeOf(await anon(`query($token: String!) { candidatePortal(token: $token) { candidateName } }`, { token: goneToken }))).toBe(
        'NOT_FOUND',
      );
      expect(codeOf(await anon('query($t: String!) { feedbackForm(token: $t) { status } }', { t: goneForm }))).toBe('GONE');
      const [scrubbed] = await flow.query<{ title: string; status: string }>(
        `SELECT s.title, f.status FROM interview_sessions s JOIN feedback_forms f ON f.session_id = s.id WHERE s.id = $1`,
        [goneSession.id],
      );
      expect(scrubbed).toEqual({ title: 'Interview', status: 'EXPIRED' });
      expect(await flow.query(`SELECT 1 FROM email_deliveries WHERE recipient = $1`, [gone.email])).toEqual([]);

      // more sweeps by both workers: still one erasure
      await sleep(3_000);
      const events = await flow.query(`SELECT 1 FROM outbox_events WHERE type = 'candidate.erased' AND payload->>'candidateId' = $1`, [
        gone.id,
      ]);
      expect(events).toHaveLength(1);
      for (const kept of [held, upcoming]) {
        expect((await org.ok<{ candidate: unknown }>(CANDIDATE, { id: kept.id })).candidate).toMatchObject({
          email: kept.email,
          erasedAt: null,
        });
      }

      // lifting the hold lets the period take its course
      await org.ok(HOLD, { id: held.id, hold: false });
      await flow.until(
        'the formerly held candidate to be erased',
        async () => (await org.ok<{ candidate: { erasedAt: string | null } }>(CANDIDATE, { id: held.id })).candidate.erasedAt,
        20_000,
      );
      expect((await org.ok<{ candidate: { erasedAt: string | null } }>(CANDIDATE, { id: upcoming.id })).candidate.erasedAt).toBeNull();
      // an erased candidate cannot be put under hold any more
      expect(codeOf(await org.gql(HOLD, { id: gone.id, hold: true, reason: 'Too late' }))).toBe('CONFLICT');
    });
  });
});
