import { FeedbackFactory, feedbackInput } from '../../test/feedback-factories';
import { type Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { AnswerResolver } from './answer.resolver';

const SUBMIT = `mutation($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { status } }`;
const ANSWER = `query($id: ID!) { session(id: $id) { answer { id status message flags flagDetails { category excerpt field } } } }`;
const RELEASE = `mutation($id: ID!, $message: String) {
  releaseCandidateAnswer(id: $id, message: $message) { status message flags flagDetails { category excerpt field } }
}`;

interface FlagDetail {
  category: string;
  excerpt: string;
  field: string;
}

interface AnswerData {
  id: string;
  status: string;
  message: string | null;
  flags: string[];
  flagDetails: FlagDetail[];
}

const ORG = 'wording';

// The wording check screens every candidate-facing field of a composed answer (DESIGN.md, "The
// wording check"): driven here as the product runs it, from an interviewer's submission through
// the API to the answer a recruiter reads.
describe(`${AnswerResolver.name}: wording flags`, () => {
  let h: SubgraphHarness;
  let anon: Gql;
  let recruiter: Gql;
  let make: FeedbackFactory;
  let orgId: string;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    anon = h.anonymous();
    recruiter = h.recruiter(ORG);
    make = FeedbackFactory.for(h);
    orgId = await make.organization({ slug: ORG, minResponsesForAnswer: 1 });
  });

  afterAll(() => h.close());

  /** An AUTO_RELEASE role, a one-interviewer session, the interviewer's submission; the answer as the recruiter sees it. */
  async function composed(spec: {
    candidateMessage?: string;
    criteria?: { label: string; weight: number }[];
    ratings?: number[];
    nextSteps?: string | null;
  }): Promise<AnswerData> {
    const criteria = spec.criteria ?? [{ label: 'System design', weight: 3 }];
    const role = await make.role(orgId, { criteria, answerPolicy: 'AUTO_RELEASE', nextSteps: spec.nextSteps ?? null });
    const session = await make.session(orgId, role.roleId, { panel: 1 });
    const input = feedbackInput(role.criteria, spec.ratings ?? criteria.map(() => 3), { candidateMessage: spec.candidateMessage });
    ok(await anon(SUBMIT, { token: make.token(session.formIds[0]), input }));
    const { session: view } = ok(await recruiter<{ session: { answer: AnswerData } }>(ANSWER, { id: session.sessionId }));
    return view.answer;
  }

  it.each([
    ['protected characteristic: age', 'We felt you were too old for a start-up pace.', 'you were too old'],
    ['protected characteristic: disability', 'Your wheelchair would not suit our office.', 'wheelchair'],
    ['protected characteristic: gender', 'The client would prefer a man in this role.', 'man'],
    ['protected characteristic: gender identity', 'Your transition could unsettle the client.', 'Your transition'],
    ['protected characteristic: marital status', 'Since you are newly married, travel may be hard.', 'married'],
    ['protected characteristic: pregnancy', 'Your pregnancy would overlap the launch.', 'pregnancy'],
    ['protected characteristic: ethnicity', 'Your ethnic background came up in the debrief.', 'ethnic background'],
    ['protected characteristic: nationality', 'Your accent was hard to follow.', 'accent'],
    ['protected characteristic: religion', 'Your Friday prayers would clash with releases.', 'prayers'],
    ['protected characteristic: sexual orientation', 'Being gay might make our clients uneasy.', 'gay'],
    ['protected characteristic: genetic information', 'Your genetic test results worried us.', 'genetic'],
    ['family and caring responsibilities', 'Your caring responsibilities would clash with on-call.', 'caring responsibilities'],
    ['physical appearance', 'Your tattoos might put clients off.', 'Your tattoos'],
    ['culture fit / personality', 'Not sure you would fit in here.', 'fit in here'],
  ])('holds an AUTO_RELEASE answer for review on %s, naming the excerpt and the field', async (category, sentence, excerpt) => {
    const answer = await composed({ candidateMessage: `Thank you for your time. ${sentence} We wish you well.` });

    expect(answer.status).toBe('AWAITING_REVIEW');
    expect(answer.flags).toEqual([category]);
    expect(answer.flagDetails).toEqual([{ category, excerpt, field: 'message' }]);
    // the excerpt is the words as they stand in the message the reviewer reads
    expect(answer.message).toContain(excerpt);
    const [row] = await h.database.query<{ status: string; flag_details: FlagDetail[]; released_at: Date | null }>(
      'SELECT status, flag_details, released_at FROM candidate_answers WHERE id = $1',
      [answer.id],
    );
    expect(row).toEqual({ status: 'AWAITING_REVIEW', flag_details: [{ category, excerpt, field: 'message' }], released_at: null });
  });

  it("screens the strengths, gaps and next steps too: the role's labels and texts written by recruiters", async () => {
    const answer = await composed({
      candidateMessage: 'Thank you for a good conversation.',
      criteria: [
        { label: 'Youthful energy', weight: 3 },
        { label: 'Native English speaker', weight: 3 },
      ],
      ratings: [4, 1],
      nextSteps: 'We will decide after your maternity leave.',
    });

    expect(answer.status).toBe('AWAITING_REVIEW');
    expect(answer.flagDetails).toEqual([
      { category: 'protected characteristic: age', excerpt: 'Youthful', field: 'strengths' },
      { category: 'protected characteristic: nationality', excerpt: 'Native English', field: 'gaps' },
      { category: 'protected characteristic: pregnancy', excerpt: 'maternity', field: 'nextSteps' },
    ]);
    expect(answer.flags).toEqual([
      'protected characteristic: age',
      'protected characteristic: nationality',
      'protected characteristic: pregnancy',
    ]);
  });

  it('releases at once a clean answer that uses the words in their technical sense', async () => {
    const answer = await composed({
      candidateMessage:
        'You found the race condition in the child process handling, explained the native module build, and made a good case ' +
        'for retiring the legacy master branch. The aged invoices report shows a real culture of testing.',
      criteria: [
        { label: 'Concurrency (race conditions)', weight: 3 },
        { label: 'Legacy code', weight: 3 },
      ],
      ratings: [4, 2],
      nextSteps: 'A call about the average age of our support tickets',
    });

    expect(answer).toMatchObject({ status: 'RELEASED', flags: [], flagDetails: [] });
  });

  describe("a recruiter's edited message on release", () => {
    it('releases it, and returns its flags as a warning alongside those of the other fields', async () => {
      const held = await composed({
        candidateMessage: 'You are not a culture fit.',
        criteria: [{ label: 'Youthful energy', weight: 3 }],
        ratings: [4],
      });
      expect(held.status).toBe('AWAITING_REVIEW');

      const { releaseCandidateAnswer: released } = ok(
        await recruiter<{ releaseCandidateAnswer: Omit<AnswerData, 'id'> }>(RELEASE, {
          id: held.id,
          message: 'Thank you. We went with someone with more payments experience, as a married man would travel less.',
        }),
      );

      expect(released.status).toBe('RELEASED');
      // the composed message's flag is gone with it; the edited one's and the strengths' stand
      expect(released.flagDetails).toEqual([
        { category: 'protected characteristic: age', excerpt: 'Youthful', field: 'strengths' },
        { category: 'protected characteristic: marital status', excerpt: 'married', field: 'message' },
        { category: 'protected characteristic: gender', excerpt: 'man', field: 'message' },
      ]);
      expect(released.flags).toEqual([
        'protected characteristic: age',
        'protected characteristic: gender',
        'protected characteristic: marital status',
      ]);
      const [row] = await h.database.query<{ status: string; flags: string[]; flag_details: FlagDetail[] }>(
        'SELECT status, flags, flag_details FROM candidate_answers WHERE id = $1',
        [held.id],
      );
      expect(row).toEqual({ status: 'RELEASED', flags: released.flags, flag_details: released.flagDetails });
    });

    it('clears the message flags when the recruiter rewrites it cleanly', async () => {
      const held = await composed({ candidateMessage: 'Your accent was hard to follow.' });

      const { releaseCandidateAnswer: released } = ok(
        await recruiter<{ releaseCandidateAnswer: Omit<AnswerData, 'id'> }>(RELEASE, {
          id: held.id,
          message: 'Your answers on the race condition were clear; we chose someone with more Kafka experience.',
        }),
      );

      expect(released).toMatchObject({ status: 'RELEASED', flags: [], flagDetails: [] });
    });

    it('keeps the composed flags when the recruiter releases the composed message as it is', async () => {
      const held = await composed({ candidateMessage: 'Your accent was hard to follow.' });

      const { releaseCandidateAnswer: released } = ok(
        await recruiter<{ releaseCandidateAnswer: Omit<AnswerData, 'id'> }>(RELEASE, { id: held.id }),
      );

      expect(released).toMatchObject({
        status: 'RELEASED',
        flags: ['protected characteristic: nationality'],
        flagDetails: [{ category: 'protected characteristic: nationality', excerpt: 'accent', field: 'message' }],
      });
    });
  });
});
