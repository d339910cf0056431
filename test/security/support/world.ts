import type { Call, GqlResult, SecuritySuite } from './security-suite';

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface RoleRef {
  id: string;
  criteria: string[];
}

/**
 * One organization with something in every state a request can meet: roles of both answer
 * policies, a panel, candidates (one erased), and sessions scheduled, completed (forms open, one
 * declined), cancelled, and with answers awaiting review, released and withheld.
 */
export interface World {
  org: string;
  organizationId: string;
  call: Call;
  roles: { auto: RoleRef; review: RoleRef };
  interviewers: Person[];
  candidates: { main: Person; other: Person; erased: Person };
  sessions: { scheduled: string; completed: string; cancelled: string; review: string; released: string; withheld: string };
  forms: { open: string[]; scheduled: string; cancelled: string; submitted: string; declined: string };
  answers: { waiting: string; review: string; released: string; withheld: string };
  /** Every free text written about the main candidate in this world (responses, notes, reasons). */
  privateTexts: string[];
}

export function ok<T = Record<string, unknown>>(result: GqlResult<T>): T {
  if (result.status !== 200 || result.body.errors?.length || !result.body.data) {
    throw new Error(`unexpected GraphQL answer (${result.status}): ${JSON.stringify(result.body).slice(0, 800)}`);
  }
  return result.body.data;
}

const CREATE_ROLE = 'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }';
const ADD_INTERVIEWER = 'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }';
const ADD_CANDIDATE = 'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }';
const SCHEDULE = 'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }';
export const SUBMIT =
  'mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { formId status } }';
export const DECLINE =
  'mutation($token: String!, $reason: String!) { declineFeedbackForm(token: $token, reason: $reason) { formId status } }';

export async function createRole(
  call: Call,
  title: string,
  policy: 'AUTO_RELEASE' | 'RECRUITER_REVIEW',
  labels: string[],
): Promise<RoleRef> {
  const data = ok<{ createRole: { id: string; criteria: { id: string }[] } }>(
    await call(CREATE_ROLE, {
      input: {
        title,
        answerPolicy: policy,
        nextSteps: 'A call with the hiring manager',
        criteria: labels.map((label, i) => ({ label, kind: 'SKILL', weight: 5 - (i % 3) })),
      },
    }),
  );
  return { id: data.createRole.id, criteria: data.createRole.criteria.map((c) => c.id) };
}

export async function addInterviewer(call: Call, name: string, email: string): Promise<Person> {
  return {
    id: ok<{ addInterviewer: { id: string } }>(await call(ADD_INTERVIEWER, { input: { name, email } })).addInterviewer.id,
    name,
    email,
  };
}

export async function addCandidate(call: Call, name: string, email: string): Promise<Person> {
  return { id: ok<{ addCandidate: { id: string } }>(await call(ADD_CANDIDATE, { input: { name, email } })).addCandidate.id, name, email };
}

export async function schedule(call: Call, candidateId: string, roleId: string, interviewerIds: string[], title: string): Promise<string> {
  const startsAt = new Date(Date.now() - 2 * 3_600_000);
  return ok<{ scheduleSession: { id: string } }>(
    await call(SCHEDULE, {
      input: {
        candidateId,
        roleId,
        interviewerIds,
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      },
    }),
  ).scheduleSession.id;
}

export async function completeSession(call: Call, id: string): Promise<void> {
  ok(await call('mutation($id: ID!) { completeSession(id: $id) { id } }', { id }));
}

export async function formsOf(suite: SecuritySuite, sessionId: string): Promise<string[]> {
  return (
    await suite.query<{ id: string }>('SELECT id FROM feedback_forms WHERE session_id = $1 ORDER BY created_at, id', [sessionId])
  ).map((row) => row.id);
}

export async function answerOf(suite: SecuritySuite, sessionId: string): Promise<string> {
  return (await suite.query<{ id: string }>('SELECT id FROM candidate_answers WHERE session_id = $1', [sessionId]))[0].id;
}

export interface Submission {
  overallFit: string;
  strengths: string;
  gaps: string;
  nextSteps?: string | null;
  candidateMessage?: string | null;
  privateNote?: string | null;
  ratings: { criterionId: string; rating: number | null; note?: string | null }[];
  candidateAskedForFeedback?: boolean;
}

export async function submit(suite: SecuritySuite, formId: string, input: Submission): Promise<void> {
  ok(await suite.anonymous(SUBMIT, { token: suite.formToken(formId), input }));
}

export async function buildWorld(suite: SecuritySuite, org: string): Promise<World> {
  const call = suite.recruiter(org);
  ok(await call('{ me { id } }'));
  const organizationId = (await suite.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [org]))[0].id;
  const roles = {
    auto: await createRole(call, `${org} Backend engineer`, 'AUTO_RELEASE', ['TypeScript', 'PostgreSQL', 'On-call']),
    review: await createRole(call, `${org} Staff engineer`, 'RECRUITER_REVIEW', ['Architecture', 'Mentoring']),
  };
  const interviewers: Person[] = [];
  for (let i = 1; i <= 3; i++) interviewers.push(await addInterviewer(call, `${org} Interviewer ${i}`, `interviewer${i}@${org}.example`));
  const candidates = {
    main: await addCandidate(call, `${org} Main Candidate`, `main.candidate@${org}.example`),
    other: await addCandidate(call, `${org} Other Candidate`, `other.candidate@${org}.example`),
    erased: await addCandidate(call, `${org} Erased Candidate`, `erased.candidate@${org}.example`),
  };
  const panel = interviewers.slice(0, 2).map((i) => i.id);
  const main = candidates.main.id;
  const privateTexts: string[] = [];
  const feedback = (role: RoleRef, tag: string): Submission => {
    const texts = {
      strengths: `${org} strengths text ${tag}`,
      gaps: `${org} gaps text ${tag}`,
      privateNote: `${org} private note ${tag}`,
      nextSteps: `${org} next steps text ${tag}`,
    };
    privateTexts.push(...Object.values(texts), `${org} rating note ${tag}`);
    return {
      overallFit: 'GOOD_FIT',
      ...texts,
      candidateMessage: 'Thank you for a thoughtful conversation.',
      ratings: role.criteria.map((criterionId, i) => ({ criterionId, rating: 3, note: i === 0 ? `${org} rating note ${tag}` : null })),
    };
  };

  const sessions = {
    scheduled: await schedule(call, main, roles.auto.id, panel, 'Scheduled round'),
    completed: await schedule(
      call,
      main,
      roles.auto.id,
      interviewers.map((i) => i.id),
      'Completed round',
    ),
    cancelled: await schedule(call, main, roles.auto.id, panel, 'Cancelled round'),
    review: await schedule(call, main, roles.review.id, panel, 'Review round'),
    released: await schedule(call, main, roles.auto.id, panel, 'Released round'),
    withheld: await schedule(call, main, roles.review.id, panel, 'Withheld round'),
  };
  ok(await call('mutation($id: ID!) { cancelSession(id: $id) { id } }', { id: sessions.cancelled }));
  ok(
    await suite.anonymous('mutation($token: String!, $id: ID!) { requestFitFeedback(token: $token, sessionId: $id) { sessionId } }', {
      token: suite.portalToken(main),
      id: sessions.released,
    }),
  );
  for (const id of [sessions.completed, sessions.review, sessions.released, sessions.withheld]) await completeSession(call, id);

  const completedForms = await formsOf(suite, sessions.completed);
  ok(await suite.anonymous(DECLINE, { token: suite.formToken(completedForms[2]), reason: `${org} decline reason` }));
  privateTexts.push(`${org} decline reason`);
  for (const [tag, id, role] of [
    ['review', sessions.review, roles.review],
    ['released', sessions.released, roles.auto],
    ['withheld', sessions.withheld, roles.review],
  ] as const) {
    const forms = await formsOf(suite, id);
    for (const [index, formId] of forms.entries()) await submit(suite, formId, feedback(role, `${tag}-${index}`));
  }
  const answers = {
    waiting: await answerOf(suite, sessions.completed),
    review: await answerOf(suite, sessions.review),
    released: await answerOf(suite, sessions.released),
    withheld: await answerOf(suite, sessions.withheld),
  };
  ok(
    await call('mutation($id: ID!, $reason: String!) { withholdCandidateAnswer(id: $id, reason: $reason) { id } }', {
      id: answers.withheld,
      reason: `${org} withheld reason`,
    }),
  );
  privateTexts.push(`${org} withheld reason`);
  ok(await call('mutation($id: ID!) { eraseCandidate(id: $id) }', { id: candidates.erased.id }));

  const statuses = await suite.query<{ id: string; status: string }>('SELECT id, status FROM candidate_answers WHERE id = ANY($1)', [
    Object.values(answers),
  ]);
  const byId = new Map(statuses.map((row) => [row.id, row.status]));
  const expected = { waiting: 'WAITING_FOR_FEEDBACK', review: 'AWAITING_REVIEW', released: 'RELEASED', withheld: 'WITHHELD' };
  for (const [key, status] of Object.entries(expected)) {
    if (byId.get(answers[key as keyof typeof answers]) !== status)
      throw new Error(`world ${org}: the ${key} answer is ${byId.get(answers[key as keyof typeof answers])}`);
  }

  return {
    org,
    organizationId,
    call,
    roles,
    interviewers,
    candidates,
    sessions,
    forms: {
      open: completedForms.slice(0, 2),
      scheduled: (await formsOf(suite, sessions.scheduled))[0],
      cancelled: (await formsOf(suite, sessions.cancelled))[0],
      submitted: (await formsOf(suite, sessions.review))[0],
      declined: completedForms[2],
    },
    answers,
    privateTexts,
  };
}

/** Every id of a world, by table, to hand to another organization's recruiter. */
export function idsOf(world: World) {
  return {
    roles: Object.values(world.roles).map((r) => r.id),
    criteria: Object.values(world.roles).flatMap((r) => r.criteria),
    interviewers: world.interviewers.map((i) => i.id),
    candidates: Object.values(world.candidates).map((c) => c.id),
    sessions: Object.values(world.sessions),
    forms: [...world.forms.open, world.forms.scheduled, world.forms.cancelled, world.forms.submitted, world.forms.declined],
    answers: Object.values(world.answers),
  };
}
