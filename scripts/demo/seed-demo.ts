// Seeds the demo organisation through the public API, as a recruiter would, when the database
// is empty: the data in demo-data.ts, answered by the interviewers through their form links.
import { join } from 'node:path';

import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { SignJWT } from 'jose';
import { Client } from 'pg';

import { DEMO_CANDIDATES, DEMO_FEEDBACK, DEMO_INTERVIEWERS, DEMO_ROLE, hoursFromNow } from './demo-data';

export interface SeedContext {
  say: (line: string) => void;
  /** True once `npm start` is shutting down: stop waiting. */
  stopping: () => boolean;
  logDir: string;
}

export async function recruiterToken(secret: string): Promise<string> {
  return new SignJWT({ org: 'demo', email: 'recruiter@demo.closer.local', name: 'Robin Recruiter', role: 'admin' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('demo-recruiter')
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret));
}

export async function seedIfEmpty(
  databaseUrl: string,
  config: CloserConfig,
  token: string | undefined,
  context: SeedContext,
): Promise<void> {
  const { say } = context;
  if (await hasOrganizations(databaseUrl)) {
    say('Demo data: the database already has data, not seeding');
    return;
  }
  if (!token) {
    say('Demo data: AUTH_JWKS_URL is set, so no demo token can be signed here; not seeding');
    return;
  }
  say('Demo data: seeding organization "demo" through the gateway…');
  const { summary } = await seedDemo(graphqlClient(`http://127.0.0.1:${config.ports.gateway}/graphql`, token), config.links.secret);
  say(`Demo data: ${summary}`);
  if (!config.mail.smtpUrl) await waitForMail(config.ports.worker, context);
}

async function hasOrganizations(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM organizations) AS found');
    return rows[0]?.found ?? false;
  } finally {
    await client.end();
  }
}

export type GraphQL = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** What `seedDemo` made, for a caller that opens its pages (`npm run bench:web`). */
export interface DemoData {
  /** What was seeded, in a sentence. */
  summary: string;
  /** The candidate whose panel answered in full (their answer is released) and their session. */
  answered: { candidateId: string; sessionId: string };
  /** The form still open on the interview that just ended, and its candidate's name. */
  openForm: { id: string; candidateName: string };
}

function graphqlClient(url: string, token: string): GraphQL {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        // the gateway's CSRF prevention only accepts requests a browser form could not send
        'apollo-require-preflight': 'true',
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) {
      const why = body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`;
      throw new Error(`GraphQL request failed: ${why}\n${query.trim()}`);
    }
    return body.data;
  };
}

/**
 * The demo organisation, built only through the public API: a role and its profile, a panel,
 * candidates, a session whose panel answered in full (its answer is released to the candidate),
 * one just completed with two of three answers in (the third interviewer's invitation and
 * reminders land in the mailbox), and one to come. Interviewers answer through their form links.
 */
export async function seedDemo(graphql: GraphQL, linkSecret: string): Promise<DemoData> {
  const { me } = await graphql<{ me: { name: string; organization: { name: string } } }>('query { me { name organization { name } } }');
  // mails speak for the organization by its display name, never its slug
  me.organization = (
    await graphql<{ updateOrganization: { name: string } }>('mutation { updateOrganization(input: { name: "Northwind Talent" }) { name } }')
  ).updateOrganization;
  const { createRole: role } = await graphql<{ createRole: { id: string; criteria: { id: string }[] } }>(
    'mutation CreateRole($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
    { input: DEMO_ROLE },
  );
  const interviewers: string[] = [];
  for (const input of DEMO_INTERVIEWERS) {
    const { addInterviewer } = await graphql<{ addInterviewer: { id: string } }>(
      'mutation AddInterviewer($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }',
      { input },
    );
    interviewers.push(addInterviewer.id);
  }
  const candidates: { id: string; name: string }[] = [];
  for (const input of DEMO_CANDIDATES) {
    const { addCandidate } = await graphql<{ addCandidate: { id: string; name: string } }>(
      'mutation AddCandidate($input: AddCandidateInput!) { addCandidate(input: $input) { id name } }',
      { input },
    );
    candidates.push(addCandidate);
  }
  const schedule = async (candidate: { id: string; name: string }, startsInHours: number) => {
    const { scheduleSession } = await graphql<{ scheduleSession: { id: string } }>(
      'mutation Schedule($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
      {
        input: {
          candidateId: candidate.id,
          roleId: role.id,
          interviewerIds: interviewers,
          title: `${DEMO_ROLE.title}: panel interview`,
          startsAt: hoursFromNow(startsInHours),
          endsAt: hoursFromNow(startsInHours + 1),
        },
      },
    );
    return scheduleSession.id;
  };
  const completeWithAnswers = async (sessionId: string, answers: typeof DEMO_FEEDBACK) => {
    await graphql('mutation Asked($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: sessionId });
    const { completeSession } = await graphql<{ completeSession: { forms: { id: string }[] } }>(
      'mutation Complete($id: ID!) { completeSession(id: $id) { forms { id } } }',
      { id: sessionId },
    );
    const forms = completeSession.forms.map((form) => form.id);
    for (const [index, answer] of answers.entries()) {
      const token = createLinkToken(linkSecret, { purpose: 'form', id: completeSession.forms[index].id, version: 1 });
      await graphql(
        'mutation Submit($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }',
        {
          token,
          input: {
            overallFit: answer.overallFit,
            ratings: role.criteria.map((criterion, i) => ({ criterionId: criterion.id, rating: answer.ratings[i] ?? null })),
            strengths: answer.strengths,
            gaps: answer.gaps,
            candidateMessage: answer.candidateMessage,
          },
        },
      );
    }
    return forms;
  };
  // both ended recently: the demo's one-minute "hours" keep the promises made to them (ended + 72 minutes)
  const answered = await schedule(candidates[2], -1.5);
  await completeWithAnswers(answered, DEMO_FEEDBACK);
  const justEnded = await completeWithAnswers(await schedule(candidates[0], -1.1), DEMO_FEEDBACK.slice(0, 2));
  await schedule(candidates[1], 24);
  const summary =
    `${me.name} of "${me.organization.name}" created the role "${DEMO_ROLE.title}", ${interviewers.length} interviewers and ` +
    `${candidates.length} candidates; ${candidates[2].name}'s panel answered (answer released), ` +
    `${candidates[0].name}'s interview just ended (one form still open), ${candidates[1].name}'s is tomorrow`;
  return {
    summary,
    answered: { candidateId: candidates[2].id, sessionId: answered },
    openForm: { id: justEnded[2], candidateName: candidates[0].name },
  };
}

/** The invite goes out through the outbox and the queue: give it a moment to arrive. */
async function waitForMail(workerPort: number, { say, stopping, logDir }: SeedContext): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && !stopping()) {
    const mails = await fetch(`http://127.0.0.1:${workerPort}/mailbox.json`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => (response.ok ? (response.json() as Promise<unknown[]>) : []))
      .catch(() => []);
    if (mails.length > 0) {
      say(`Demo data: ${mails.length} mail${mails.length === 1 ? '' : 's'} in the local mailbox`);
      return;
    }
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 500));
  }
  say(`Demo data: no mail has reached the mailbox yet; see ${join(logDir, 'worker.log')}`);
}
