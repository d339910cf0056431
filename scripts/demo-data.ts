// The demo organisation `npm start` seeds, built only through the public API; `npm run bench:web`
// audits the pages it makes.
import { createLinkToken } from '@closer/domain';

export type GraphQL = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface DemoData {
  /** What was seeded, in a sentence. */
  summary: string;
  /** The candidate whose panel answered in full (their answer is released) and their session. */
  answered: { candidateId: string; sessionId: string };
  /** The form still open on the interview that just ended, and its candidate's name. */
  openForm: { id: string; candidateName: string };
}

const DEMO_CANDIDATES = [
  { name: 'Ada Lovelace', email: 'ada.lovelace@example.com' },
  { name: 'Alan Turing', email: 'alan.turing@example.com' },
  { name: 'Grace Hopper', email: 'grace.hopper@example.com' },
];

const DEMO_INTERVIEWERS = [
  { name: 'Iris Chen', email: 'iris.chen@demo.closer.local' },
  { name: 'Marek Nowak', email: 'marek.nowak@demo.closer.local' },
  { name: 'Sofia Reyes', email: 'sofia.reyes@demo.closer.local' },
];

const DEMO_ROLE = {
  title: 'Senior Backend Engineer',
  answerPolicy: 'AUTO_RELEASE',
  nextSteps: 'We will get back to you within a week about a final conversation with the team lead.',
  criteria: [
    { label: 'Distributed systems design', kind: 'SKILL', weight: 5, description: 'Designs services that stay correct under failure.' },
    { label: 'TypeScript and Node.js', kind: 'SKILL', weight: 4 },
    { label: 'Production on-call experience', kind: 'EXPERIENCE', weight: 3 },
    { label: 'Clear written communication', kind: 'QUALITY', weight: 2 },
  ],
};

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** What two demo interviewers answer: ratings per criterion (null = not assessed) and texts. */
const DEMO_FEEDBACK = [
  {
    overallFit: 'GOOD_FIT',
    ratings: [4, 3, 2, null],
    strengths: 'Reasoned clearly about failure modes and retries.',
    gaps: 'We did not see much on-call experience yet.',
    candidateMessage: 'You explained your design choices clearly and calmly.',
  },
  {
    overallFit: 'STRONG_FIT',
    ratings: [4, 4, 2, 3],
    strengths: 'Strong TypeScript; wrote tests first.',
    gaps: 'Limited production incident experience.',
    candidateMessage: 'Great collaboration during the pairing exercise.',
  },
  {
    overallFit: 'PARTIAL_FIT',
    ratings: [3, 3, 1, 3],
    strengths: 'Good communication.',
    gaps: 'Has not run services in production.',
    candidateMessage: null,
  },
];

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
      const token = createLinkToken(linkSecret, { purpose: 'form', id: completeSession.forms[index]!.id, version: 1 });
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
  const answered = await schedule(candidates[2]!, -1.5);
  await completeWithAnswers(answered, DEMO_FEEDBACK);
  const justEnded = await completeWithAnswers(await schedule(candidates[0]!, -1.1), DEMO_FEEDBACK.slice(0, 2));
  await schedule(candidates[1]!, 24);
  const summary =
    `${me.name} of "${me.organization.name}" created the role "${DEMO_ROLE.title}", ${interviewers.length} interviewers and ` +
    `${candidates.length} candidates; ${candidates[2]!.name}'s panel answered (answer released), ` +
    `${candidates[0]!.name}'s interview just ended (one form still open), ${candidates[1]!.name}'s is tomorrow`;
  return {
    summary,
    answered: { candidateId: candidates[2]!.id, sessionId: answered },
    openForm: { id: justEnded[2]!, candidateName: candidates[0]!.name },
  };
}
