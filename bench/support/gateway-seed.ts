import { createLinkToken } from '@closer/domain';
import { Client } from 'pg';

import { dataOf, postGraphQL } from './graphql';

/**
 * A small organization, through the public API as a recruiter and the interviewers' links would
 * build it: one role of four criteria, four interviewers, twelve completed sessions with panels of
 * three, most forms answered, some candidates asking the closing question.
 */
export async function seedGatewayBenchOrganization(gatewayUrl: string, jwt: string, databaseUrl: string, linkSecret: string) {
  const recruiter = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    dataOf(await postGraphQL<T>(gatewayUrl, query, variables, { authorization: `Bearer ${jwt}` }));
  const anonymous = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    dataOf(await postGraphQL<T>(gatewayUrl, query, variables));

  const { createRole: role } = await recruiter<{ createRole: { id: string; criteria: { id: string }[] } }>(
    'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
    {
      input: {
        title: 'Backend Engineer',
        nextSteps: 'We will be in touch within a week.',
        criteria: [
          { label: 'API design', kind: 'SKILL', weight: 5 },
          { label: 'Databases', kind: 'SKILL', weight: 4 },
          { label: 'Production experience', kind: 'EXPERIENCE', weight: 3 },
          { label: 'Collaboration', kind: 'QUALITY', weight: 3 },
        ],
      },
    },
  );
  const interviewers: string[] = [];
  for (const name of ['Ada', 'Grace', 'Linus', 'Barbara']) {
    const { addInterviewer } = await recruiter<{ addInterviewer: { id: string } }>(
      'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }',
      { input: { name: `${name} Interviewer`, email: `${name.toLowerCase()}@bench-gateway.test` } },
    );
    interviewers.push(addInterviewer.id);
  }
  const sessions = 12;
  const sessionIds: string[] = [];
  const firstStart = Date.now() - 6 * 3_600_000;
  for (let i = 0; i < sessions; i++) {
    const { addCandidate } = await recruiter<{ addCandidate: { id: string } }>(
      'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
      { input: { name: `Candidate ${i + 1}`, email: `candidate${i + 1}@example.com` } },
    );
    const startsAt = new Date(firstStart + i * 15 * 60_000);
    const { scheduleSession } = await recruiter<{ scheduleSession: { id: string } }>(
      'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
      {
        input: {
          candidateId: addCandidate.id,
          roleId: role.id,
          interviewerIds: [0, 1, 2].map((k) => interviewers[(i + k) % interviewers.length]),
          title: `Onsite ${i + 1}`,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        },
      },
    );
    sessionIds.push(scheduleSession.id);
    if (i % 3 !== 2) await recruiter('mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }', { id: scheduleSession.id });
    await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: scheduleSession.id });
  }

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let forms: { id: string; link_version: number }[];
  try {
    forms = (
      await client.query<{ id: string; link_version: number }>('SELECT id, link_version FROM feedback_forms ORDER BY created_at, id')
    ).rows;
  } finally {
    await client.end();
  }
  const bands = ['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT'];
  let submitted = 0;
  for (const [n, form] of forms.entries()) {
    if (n % 5 === 4) continue; // some interviewers never answer
    const token = createLinkToken(linkSecret, { purpose: 'form', id: form.id, version: form.link_version });
    await anonymous('mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }', {
      token,
      input: {
        overallFit: bands[(n * 7) % 4],
        ratings: role.criteria.map((criterion, k) => ({ criterionId: criterion.id, rating: k === 3 && n % 2 ? null : 1 + ((n + k) % 4) })),
        strengths: 'Clear reasoning about trade-offs and a tidy API sketch.',
        gaps: 'Less depth on operating databases at scale so far.',
        candidateMessage: 'Thank you for a thoughtful conversation.',
      },
    });
    submitted++;
  }
  // the first session asked the closing question and had all three of its forms answered
  return { sessions, forms: forms.length, submitted, sessionId: sessionIds[0] };
}
