import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderMailboxPage } from '@closer/mailbox';
import fc from 'fast-check';

import {
  changeText,
  CriterionSample,
  idIsMalformed,
  IdSample,
  POLICIES,
  profile,
  profileValue,
  sessionTimes,
  someId,
  timesValue,
  Verdicts,
  wellFormed,
} from './support/fields';
import {
  booleanField,
  emailField,
  enumField,
  hostileId,
  intField,
  intVerdict,
  isUuid,
  Sample,
  storedEmail,
  textField,
} from './support/hostile';
import { BODY_LIMIT_BYTES, bodyBytes, Expected, Prober } from './support/outcome';
import { GqlResult, SecuritySuite, unescapedMarkup } from './support/security-suite';
import { buildWorld, completeSession, createRole, idsOf, ok, RoleRef, schedule, submit, World } from './support/world';

const RUNS = Number(process.env.SECURITY_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * RUNS)) });

/** The outcome when the GraphQL layer and the field rules have had their say; `next` decides the rest. */
function outcome(v: Verdicts, next: () => Expected): Expected {
  if (v.types.length > 0) return { kind: 'type', paths: v.types };
  if (v.invalid.length > 0) return { kind: 'invalid', fields: v.invalid };
  return next();
}

const trimmed = (value: unknown) => wellFormed(String(value).trim());

/**
 * Every recruiter mutation of the contract, fed random and hostile values per field through the
 * gateway: each answer is held to the contract (status < 500, the precise error code, the
 * offending fields named) and a refused request must leave every table, the outbox included,
 * exactly as it was. Accepted hostile text must come back as the same plain data and come out
 * escaped in every mail.
 */
describe('hostile input to recruiter mutations', () => {
  let suite: SecuritySuite;
  let prober: Prober;
  let acme: World;
  let globex: World;
  let foreign: ReturnType<typeof idsOf>;
  let fuzzRole: RoleRef;
  let reviewAnswers: string[];

  const send = (
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    expected: Expected,
    hostile: boolean,
    label?: string,
  ) =>
    prober.probe(
      operation,
      bodyBytes(query, variables) > BODY_LIMIT_BYTES ? { kind: 'too-large' } : expected,
      hostile,
      () => acme.call(query, variables),
      { label },
    );

  const accepted = (result: GqlResult, operation: string) =>
    result.status === 200 && !result.body.errors && (result.body.data as Record<string, unknown> | null)?.[operation] != null;

  const ownIds = async (table: string) =>
    new Set(
      (await suite.query<{ id: string }>(`SELECT id FROM ${table} WHERE organization_id = $1`, [acme.organizationId])).map((row) => row.id),
    );

  beforeAll(async () => {
    suite = await SecuritySuite.start();
    prober = new Prober(suite);
    acme = await buildWorld(suite, 'acme');
    globex = await buildWorld(suite, 'globex');
    foreign = idsOf(globex);
    fuzzRole = await createRole(acme.call, 'Fuzzed role', 'AUTO_RELEASE', ['Go', 'Rust']);
    // a few more answers awaiting review, so that release and withhold are sometimes accepted
    reviewAnswers = [];
    for (let i = 0; i < 4; i++) {
      const id = await schedule(acme.call, acme.candidates.other.id, acme.roles.review.id, [acme.interviewers[0].id], `Review ${i}`);
      await completeSession(acme.call, id);
      const [formId] = (await suite.query<{ id: string }>('SELECT id FROM feedback_forms WHERE session_id = $1', [id])).map((r) => r.id);
      await submit(suite, formId, {
        overallFit: 'PARTIAL_FIT',
        strengths: 'Clear',
        gaps: 'Depth',
        ratings: acme.roles.review.criteria.map((criterionId) => ({ criterionId, rating: 2 })),
      });
      reviewAnswers.push((await suite.query<{ id: string }>('SELECT id FROM candidate_answers WHERE session_id = $1', [id]))[0].id);
    }
  }, 60_000);

  afterAll(async () => {
    if (prober) console.log(prober.report('hostile input to recruiter mutations'));
    await suite?.close();
  });

  it('updateOrganization: names every bad setting, refuses reminders at or after the deadline, changes nothing when refused', async () => {
    const reminderItem = fc.oneof(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: -5, max: 9_000 }),
      fc.constantFrom<unknown>(0, 8_759, 8_760, 2 ** 31 - 1, 2 ** 31, 1.5, '3', null, true),
    );
    const arbitrary = fc.record({
      name: changeText(200, 4, true),
      feedbackDeadlineHours: fc.oneof(
        intField(1, 8_760, { required: false }),
        fc.integer({ min: 1, max: 100 }).map((value): Sample => ({ value, verdict: 'ok', hostile: false })),
      ),
      minResponsesForAnswer: intField(1, 50, { required: false, okWeight: 8 }),
      shareScoreWithCandidates: booleanField({ required: false }),
      reminderHours: fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null) },
        { weight: 5, arbitrary: fc.array(reminderItem, { maxLength: 7 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) },
      ),
    });
    const query = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) {
      name feedbackDeadlineHours reminderHours minResponsesForAnswer shareScoreWithCandidates } }`;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const [current] = await suite.query<{ feedback_deadline_hours: number; reminder_hours: number[] }>(
          'SELECT feedback_deadline_hours, reminder_hours FROM organizations WHERE id = $1',
          [acme.organizationId],
        );
        const v = new Verdicts();
        const input: Record<string, unknown> = {
          name: v.add('input.name', sample.name),
          feedbackDeadlineHours: v.add('input.feedbackDeadlineHours', sample.feedbackDeadlineHours),
          minResponsesForAnswer: v.add('input.minResponsesForAnswer', sample.minResponsesForAnswer),
          shareScoreWithCandidates: v.add('input.shareScoreWithCandidates', sample.shareScoreWithCandidates),
          reminderHours: sample.reminderHours,
        };
        const hours =
          sample.reminderHours == null ? null : Array.isArray(sample.reminderHours) ? sample.reminderHours : [sample.reminderHours];
        hours?.forEach((hour, index) => {
          if (intVerdict(hour, -Infinity, Infinity, true) === 'type') v.type(`input.reminderHours.${index}`);
        });
        if (hours && v.types.length === 0) {
          if (hours.length > 5) v.fail('input.reminderHours');
          else {
            const seen = new Set<unknown>();
            hours.forEach((hour, index) => {
              if ((hour as number) < 1 || (hour as number) > 8_759 || seen.has(hour)) v.fail(`input.reminderHours.${index}`);
              seen.add(hour);
            });
          }
        }
        if (v.types.length === 0 && !v.has('input.feedbackDeadlineHours') && !v.has('input.reminderHours')) {
          const deadline = (input.feedbackDeadlineHours as number | null | undefined) ?? current.feedback_deadline_hours;
          if (hours) {
            hours.forEach((hour, index) => {
              if (!v.has(`input.reminderHours.${index}`) && (hour as number) >= deadline) v.fail(`input.reminderHours.${index}`);
            });
          } else if (current.reminder_hours.some((hour) => hour >= deadline)) v.fail('input.feedbackDeadlineHours');
        }
        if (hours && hours.length === 0) v.hostile = true;
        const result = await send(
          'updateOrganization',
          query,
          { input },
          outcome(v, () => ({ kind: 'accepted' })),
          v.hostile,
        );
        if (accepted(result, 'updateOrganization')) {
          const organization = (result.body.data as { updateOrganization: Record<string, unknown> }).updateOrganization;
          if (input.name != null) expect(organization.name).toBe(trimmed(input.name));
          if (hours) expect(organization.reminderHours).toEqual([...(hours as number[])].sort((a, b) => a - b));
          if (input.feedbackDeadlineHours != null) expect(organization.feedbackDeadlineHours).toBe(input.feedbackDeadlineHours);
          prober.noteAccepted([input.name]);
        }
      }),
      runs(60),
    );
  });

  const roleQuery =
    'mutation($input: CreateRoleInput!) { createRole(input: $input) { title nextSteps answerPolicy criteria { label description weight kind } } }';

  function roleInput(
    v: Verdicts,
    sample: { title: Sample; answerPolicy: Sample; nextSteps: Sample; criteria: CriterionSample[] | null | undefined },
    create: boolean,
  ) {
    return {
      title: v.add('input.title', sample.title),
      answerPolicy: v.add('input.answerPolicy', sample.answerPolicy),
      nextSteps: v.add('input.nextSteps', sample.nextSteps),
      criteria: profileValue(v, 'input.criteria', sample.criteria, create),
    };
  }

  function expectRoleEcho(role: Record<string, unknown>, input: ReturnType<typeof roleInput>) {
    if (input.title != null) expect(role.title).toBe(trimmed(input.title));
    if (Array.isArray(input.criteria)) {
      expect((role.criteria as { label: string }[]).map((c) => c.label)).toEqual(
        input.criteria.map((c: { label: unknown }) => trimmed(c.label)),
      );
    }
    prober.noteAccepted([
      input.title,
      input.nextSteps,
      ...(Array.isArray(input.criteria)
        ? input.criteria.flatMap((c: { label: unknown; description: unknown }) => [c.label, c.description])
        : []),
    ]);
  }

  it('createRole: names every bad criterion by its index, refuses duplicate labels ignoring case', async () => {
    const arbitrary = fc.record({
      title: textField(200, { required: true, plainWeight: 4, singleLine: true }),
      answerPolicy: enumField(POLICIES, { required: false }),
      nextSteps: textField(2_000, { required: false, plainWeight: 4 }),
      criteria: profile,
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        const input = roleInput(v, sample, true);
        const result = await send(
          'createRole',
          roleQuery,
          { input },
          outcome(v, () => ({ kind: 'accepted' })),
          v.hostile,
        );
        if (accepted(result, 'createRole')) expectRoleEcho((result.body.data as { createRole: Record<string, unknown> }).createRole, input);
      }),
      runs(50),
    );
  });

  it('updateRoleProfile: NOT_FOUND for an id that is not a role of the organization, else the fields named', async () => {
    const arbitrary = fc.record({
      id: someId([fuzzRole.id], foreign.roles, 4),
      title: changeText(200, 4, true),
      answerPolicy: enumField(POLICIES, { required: false }),
      nextSteps: textField(2_000, { required: false, plainWeight: 4 }),
      criteria: profile,
    });
    const query = `mutation($id: ID!, $input: UpdateRoleProfileInput!) { updateRoleProfile(id: $id, input: $input) {
      title nextSteps answerPolicy criteria { label description weight kind } } }`;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        if (sample.id.kind === 'type') v.type('id');
        if (sample.id.kind !== 'own') v.hostile = true;
        const input = roleInput(v, sample, false);
        const expected: Expected =
          v.types.length === 0 && idIsMalformed(sample.id)
            ? { kind: 'error', code: 'NOT_FOUND' }
            : outcome(v, () => (sample.id.kind === 'own' ? { kind: 'accepted' } : { kind: 'error', code: 'NOT_FOUND' }));
        const result = await send('updateRoleProfile', query, { id: sample.id.value, input }, expected, v.hostile);
        if (accepted(result, 'updateRoleProfile'))
          expectRoleEcho((result.body.data as { updateRoleProfile: Record<string, unknown> }).updateRoleProfile, input);
      }),
      runs(40),
    );
  });

  it('addCandidate: names a bad name or email; accepted text comes back as the same plain data', async () => {
    const query = 'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { name email } }';
    await fc.assert(
      fc.asyncProperty(fc.record({ name: textField(200, { required: true, singleLine: true }), email: emailField() }), async (sample) => {
        const v = new Verdicts();
        const input = { name: v.add('input.name', sample.name), email: v.add('input.email', sample.email) };
        const result = await send(
          'addCandidate',
          query,
          { input },
          outcome(v, () => ({ kind: 'accepted' })),
          v.hostile,
        );
        if (accepted(result, 'addCandidate')) {
          expect((result.body.data as { addCandidate: unknown }).addCandidate).toEqual({
            name: trimmed(input.name),
            email: storedEmail(String(input.email)),
          });
          prober.noteAccepted([input.name]);
        }
      }),
      runs(50),
    );
  });

  it('addInterviewer: names a bad name or email; CONFLICT for an address already on the panel list, in any letter case', async () => {
    const query = 'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { name email } }';
    const taken = fc.constantFrom('interviewer1@acme.example', 'INTERVIEWER2@ACME.EXAMPLE', '  Interviewer3@Acme.Example ');
    const email = fc.oneof(
      { weight: 4, arbitrary: emailField() },
      { weight: 1, arbitrary: taken.map((value): Sample => ({ value, verdict: 'ok', hostile: true })) },
    );
    await fc.assert(
      fc.asyncProperty(fc.record({ name: textField(200, { required: true, singleLine: true }), email }), async (sample) => {
        const v = new Verdicts();
        const input = { name: v.add('input.name', sample.name), email: v.add('input.email', sample.email) };
        const existing = new Set(
          (await suite.query<{ email: string }>('SELECT email FROM interviewers WHERE organization_id = $1', [acme.organizationId])).map(
            (r) => r.email,
          ),
        );
        const expected = outcome(v, () =>
          existing.has(storedEmail(String(input.email))) ? { kind: 'error', code: 'CONFLICT' } : { kind: 'accepted' },
        );
        const result = await send('addInterviewer', query, { input }, expected, v.hostile);
        if (accepted(result, 'addInterviewer')) {
          expect((result.body.data as { addInterviewer: unknown }).addInterviewer).toEqual({
            name: trimmed(input.name),
            email: storedEmail(String(input.email)),
          });
          prober.noteAccepted([input.name]);
        }
      }),
      runs(50),
    );
  });

  it('scheduleSession: names bad fields, then NOT_FOUND naming the first id that is not the organization’s', async () => {
    const ownCandidates = [acme.candidates.main.id, acme.candidates.other.id, acme.candidates.erased.id];
    const ownInterviewers = acme.interviewers.map((i) => i.id);
    const panel = fc.oneof(
      { weight: 8, arbitrary: fc.array(someId(ownInterviewers, foreign.interviewers, 12), { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant([] as IdSample[]) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 21, max: 23 })
          .map((n) => Array.from({ length: n }, (_, i): IdSample => ({ value: ownInterviewers[i % 3], kind: 'own' }))),
      },
      { weight: 1, arbitrary: fc.constantFrom<IdSample[] | null | undefined>(null, undefined, [{ value: null, kind: 'type' }]) },
    );
    const arbitrary = fc.record({
      candidateId: someId(ownCandidates, foreign.candidates, 12),
      roleId: someId([acme.roles.auto.id, acme.roles.review.id, fuzzRole.id], foreign.roles, 12),
      interviewerIds: panel,
      title: textField(200, { required: true, plainWeight: 6, singleLine: true }),
      times: sessionTimes,
    });
    const query = 'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { title startsAt endsAt status } }';
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sample) => {
        const v = new Verdicts();
        for (const field of ['candidateId', 'roleId'] as const) {
          if (sample[field].kind === 'type') v.type(`input.${field}`);
          if (sample[field].kind !== 'own') v.hostile = true;
        }
        const ids = sample.interviewerIds;
        if (ids == null) v.type('input.interviewerIds');
        ids?.forEach((id, index) => {
          if (id.kind === 'type') v.type(`input.interviewerIds.${index}`);
          if (id.kind !== 'own') v.hostile = true;
        });
        const title = v.add('input.title', sample.title);
        const { startsAt, endsAt } = sample.times;
        timesValue(v, sample.times);
        const lowered = (ids ?? []).map((id) => String(id.value).toLowerCase());
        if (ids && v.types.length === 0) {
          if (ids.length < 1 || ids.length > 20) v.fail('input.interviewerIds');
          else lowered.forEach((id, index) => lowered.indexOf(id) !== index && v.fail(`input.interviewerIds.${index}`));
        }
        const [candidates, roles, interviewers] = await Promise.all([ownIds('candidates'), ownIds('roles'), ownIds('interviewers')]);
        const expected = outcome(v, (): Expected => {
          if (!isUuid(sample.candidateId.value)) return { kind: 'error', code: 'NOT_FOUND', field: 'input.candidateId' };
          if (!isUuid(sample.roleId.value)) return { kind: 'error', code: 'NOT_FOUND', field: 'input.roleId' };
          const malformed = lowered.findIndex((id) => !isUuid(id));
          if (malformed >= 0) return { kind: 'error', code: 'NOT_FOUND', field: `input.interviewerIds.${malformed}` };
          if (!candidates.has(String(sample.candidateId.value).toLowerCase()))
            return { kind: 'error', code: 'NOT_FOUND', field: 'input.candidateId' };
          if (!roles.has(String(sample.roleId.value).toLowerCase())) return { kind: 'error', code: 'NOT_FOUND', field: 'input.roleId' };
          const unknown = lowered.findIndex((id) => !interviewers.has(id));
          if (unknown >= 0) return { kind: 'error', code: 'NOT_FOUND', field: `input.interviewerIds.${unknown}` };
          if (String(sample.candidateId.value).toLowerCase() === acme.candidates.erased.id) return { kind: 'error', code: 'CONFLICT' };
          return { kind: 'accepted' };
        });
        const input = {
          candidateId: sample.candidateId.value,
          roleId: sample.roleId.value,
          interviewerIds: ids?.map((id) => id.value),
          title,
          startsAt,
          endsAt,
        };
        const result = await send('scheduleSession', query, { input }, expected, v.hostile);
        if (accepted(result, 'scheduleSession')) {
          const session = (result.body.data as { scheduleSession: { title: string; startsAt: string; status: string } }).scheduleSession;
          expect(session).toMatchObject({
            title: trimmed(title),
            status: 'SCHEDULED',
            startsAt: new Date(startsAt as string).toISOString(),
          });
          prober.noteAccepted([title]);
        }
      }),
      runs(60),
    );
  });

  /** Mutations taking one id: NOT_FOUND for anything but the organization's own, CONFLICT in the wrong state. */
  describe.each([
    {
      operation: 'completeSession',
      query: 'mutation($id: ID!) { completeSession(id: $id) { id status } }',
      variable: 'id',
      foreign: () => foreign.sessions,
      own: () => [
        { id: acme.sessions.cancelled, expected: { kind: 'error', code: 'CONFLICT' } satisfies Expected },
        { id: acme.sessions.completed, expected: { kind: 'accepted' } satisfies Expected, unchanged: true },
      ],
    },
    {
      operation: 'cancelSession',
      query: 'mutation($id: ID!) { cancelSession(id: $id) { id status } }',
      variable: 'id',
      foreign: () => foreign.sessions,
      own: () => [
        { id: acme.sessions.completed, expected: { kind: 'error', code: 'CONFLICT' } satisfies Expected },
        { id: acme.sessions.cancelled, expected: { kind: 'accepted' } satisfies Expected, unchanged: true },
      ],
    },
    {
      operation: 'recordFitFeedbackRequest',
      query: 'mutation($sessionId: ID!) { recordFitFeedbackRequest(sessionId: $sessionId) { id fitFeedbackRequested } }',
      variable: 'sessionId',
      foreign: () => foreign.sessions,
      own: () => [
        { id: acme.sessions.cancelled, expected: { kind: 'error', code: 'CONFLICT' } satisfies Expected },
        { id: acme.sessions.released, expected: { kind: 'accepted' } satisfies Expected, unchanged: true },
      ],
    },
    {
      operation: 'resendFeedbackForm',
      query: 'mutation($formId: ID!) { resendFeedbackForm(formId: $formId) { id status } }',
      variable: 'formId',
      foreign: () => foreign.forms,
      own: () =>
        [acme.forms.scheduled, acme.forms.cancelled, acme.forms.submitted, acme.forms.declined].map((id) => ({
          id,
          expected: { kind: 'error', code: 'CONFLICT' } satisfies Expected,
        })),
    },
    {
      operation: 'sendCandidatePortalLink',
      query: 'mutation($candidateId: ID!) { sendCandidatePortalLink(candidateId: $candidateId) }',
      variable: 'candidateId',
      foreign: () => foreign.candidates,
      own: () => [{ id: acme.candidates.erased.id, expected: { kind: 'error', code: 'NOT_FOUND' } satisfies Expected }],
    },
    {
      operation: 'eraseCandidate',
      query: 'mutation($id: ID!) { eraseCandidate(id: $id) }',
      variable: 'id',
      foreign: () => foreign.candidates,
      own: () => [] as { id: string; expected: Expected; unchanged?: boolean }[],
    },
  ])('$operation', ({ operation, query, variable, foreign: foreignIds, own }) => {
    it('answers NOT_FOUND for unknown, foreign and malformed ids, CONFLICT in the wrong state, and changes nothing', async () => {
      const cases = own();
      const hostile = hostileId(foreignIds()).map((id) => ({
        value: id.value,
        expected: (id.kind === 'type' ? { kind: 'type', paths: [variable] } : { kind: 'error', code: 'NOT_FOUND' }) satisfies Expected,
        unchanged: false,
      }));
      const arbitrary =
        cases.length === 0
          ? hostile
          : fc.oneof(
              { weight: 5, arbitrary: hostile },
              {
                weight: 1,
                arbitrary: fc
                  .constantFrom(...cases)
                  .map((c) => ({ value: c.id, expected: c.expected, unchanged: 'unchanged' in c && c.unchanged === true })),
              },
            );
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ value, expected, unchanged }) => {
          const before = unchanged ? await suite.snapshot() : null;
          await send(operation, query, { [variable]: value }, expected, true);
          if (before) expect(await suite.snapshot()).toEqual(before);
        }),
        runs(30),
      );
    });
  });

  describe.each([
    { operation: 'releaseCandidateAnswer', text: 'message', required: false, max: 5_000 },
    { operation: 'withholdCandidateAnswer', text: 'reason', required: true, max: 1_000 },
  ])('$operation', ({ operation, text, required, max }) => {
    it(`NOT_FOUND for a malformed or foreign id, then names a bad ${text}, CONFLICT unless the answer awaits review (or, to withhold, feedback)`, async () => {
      const query = `mutation($id: ID!, $${text}: String${required ? '!' : ''}) { ${operation}(id: $id, ${text}: $${text}) { id status message withheldReason } }`;
      const ownAnswers = () => [...reviewAnswers, ...Object.values(acme.answers)];
      const arbitrary = fc.record({ id: someId(ownAnswers(), foreign.answers, 3), text: textField(max, { required }) });
      await fc.assert(
        fc.asyncProperty(arbitrary, async (sample) => {
          const v = new Verdicts();
          if (sample.id.kind === 'type') v.type('id');
          if (sample.id.kind !== 'own') v.hostile = true;
          const value = v.add(text, sample.text);
          const [row] = await suite.query<{ status: string; responses: number; erased: boolean }>(
            `SELECT a.status, c.erased_at IS NOT NULL AS erased,
                    (SELECT count(*) FROM feedback_responses r WHERE r.session_id = a.session_id)::int AS responses
               FROM candidate_answers a
               JOIN interview_sessions s ON s.id = a.session_id
               JOIN candidates c ON c.id = s.candidate_id
              WHERE a.id::text = lower($1) AND a.organization_id = $2`,
            [isUuid(sample.id.value) ? sample.id.value : '00000000-0000-0000-0000-000000000000', acme.organizationId],
          );
          const expected: Expected =
            v.types.length === 0 && idIsMalformed(sample.id)
              ? { kind: 'error', code: 'NOT_FOUND' }
              : outcome(v, () => {
                  if (!row) return { kind: 'error', code: 'NOT_FOUND' };
                  const from = operation === 'releaseCandidateAnswer' ? ['AWAITING_REVIEW'] : ['AWAITING_REVIEW', 'WAITING_FOR_FEEDBACK'];
                  // a withheld answer is released by hand with the recruiter's own message, from the responses that arrived
                  const byHand =
                    operation === 'releaseCandidateAnswer' &&
                    row.status === 'WITHHELD' &&
                    !row.erased &&
                    row.responses > 0 &&
                    value != null &&
                    String(value).trim() !== '';
                  return from.includes(row.status) || byHand ? { kind: 'accepted' } : { kind: 'error', code: 'CONFLICT' };
                });
          const result = await send(operation, query, { id: sample.id.value, [text]: value }, expected, v.hostile);
          if (accepted(result, operation)) {
            const answer = (result.body.data as Record<string, { status: string; message: string | null; withheldReason: string | null }>)[
              operation
            ];
            if (operation === 'releaseCandidateAnswer') {
              expect(answer.status).toBe('RELEASED');
              if (value != null && String(value).trim() !== '') expect(answer.message).toBe(trimmed(value));
            } else {
              expect(answer).toMatchObject({ status: 'WITHHELD', withheldReason: trimmed(value) });
            }
            prober.noteAccepted([value]);
          }
        }),
        runs(40),
      );
    });
  });

  it('a body over the gateway’s 100 kB limit is refused with 413 and changes nothing', async () => {
    for (const size of [BODY_LIMIT_BYTES, 1_000_000]) {
      const name = `<script>${'x'.repeat(size)}`;
      await send(
        'addCandidate',
        'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
        { input: { name, email: 'big@example.com' } },
        { kind: 'too-large' },
        true,
      );
    }
  });

  it('scheduleSession: a date PostgreSQL cannot store is refused as BAD_USER_INPUT naming it', async () => {
    const before = await suite.snapshot();
    const result = await acme.call('mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }', {
      input: {
        candidateId: acme.candidates.main.id,
        roleId: acme.roles.auto.id,
        interviewerIds: [acme.interviewers[0].id],
        title: 'Before the calendar',
        startsAt: '-010000-01-01T00:00:00Z',
        endsAt: '-010000-01-01T01:00:00Z',
      },
    });
    expect(await suite.snapshot()).toEqual(before);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((result.body.errors?.[0]?.extensions?.fields ?? []).map((f) => f.field)).toContain('input.startsAt');
  });

  /** One refusal as the contract states it: BAD_USER_INPUT naming exactly `fields`, no data, and not a row changed. */
  async function expectRefused(request: () => Promise<GqlResult>, operation: string, fields: string[]): Promise<void> {
    const before = await suite.snapshot();
    const result = await request();
    expect(await suite.snapshot()).toEqual(before);
    expect(result.status).toBe(200);
    expect((result.body.data as Record<string, unknown> | null)?.[operation] ?? null).toBeNull();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.body.errors![0].extensions?.fields?.map((f) => f.field)).toEqual(fields);
  }

  describe('DateTime is an RFC 3339 date-time with a time zone, and nothing else', () => {
    const SCHEDULE = 'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id startsAt endsAt } }';
    const sessionInput = (times: { startsAt: unknown; endsAt: unknown }) => ({
      candidateId: acme.candidates.main.id,
      roleId: acme.roles.auto.id,
      interviewerIds: [acme.interviewers[0].id],
      title: 'Dated',
      ...times,
    });
    /** The same mutation with its times written into the query itself. */
    const scheduleLiteral = (startsAt: string, endsAt: string) =>
      acme.call(`mutation { scheduleSession(input: {
        candidateId: "${acme.candidates.main.id}", roleId: "${acme.roles.auto.id}", interviewerIds: ["${acme.interviewers[0].id}"],
        title: "Dated", startsAt: ${startsAt}, endsAt: ${endsAt} }) { id startsAt endsAt } }`);
    const REFUSED: [string, unknown, string][] = [
      ['a number of milliseconds', 1_796_637_600_000, '1796637600000'],
      ['zero', 0, '0'],
      ['a fraction', 1.5, '1.5'],
      ['true', true, 'true'],
      ['false', false, 'false'],
      ['a date without a time', '2026-12-07', '"2026-12-07"'],
      ['a time without a zone', '2026-12-07T10:00:00', '"2026-12-07T10:00:00"'],
      ['a time without seconds', '2026-12-07T10:00Z', '"2026-12-07T10:00Z"'],
      ['a space for the T', '2026-12-07 10:00:00Z', '"2026-12-07 10:00:00Z"'],
      ['a day the calendar lacks', '2026-02-29T10:00:00Z', '"2026-02-29T10:00:00Z"'],
      ['hour 24', '2026-12-07T24:00:00Z', '"2026-12-07T24:00:00Z"'],
      ['an offset past 23:59', '2026-12-07T10:00:00+24:00', '"2026-12-07T10:00:00+24:00"'],
      ['an expanded year', '+002026-12-07T10:00:00Z', '"+002026-12-07T10:00:00Z"'],
      ['an object', { date: '2026-12-07T10:00:00Z' }, '{ date: "2026-12-07T10:00:00Z" }'],
      ['a list', ['2026-12-07T10:00:00Z'], '["2026-12-07T10:00:00Z"]'],
    ];

    it.each(REFUSED)('scheduleSession refuses %s, as a variable and as a literal, naming the field', async (_case, value, literal) => {
      const endsAt = '2026-12-07T11:00:00Z';
      await expectRefused(() => acme.call(SCHEDULE, { input: sessionInput({ startsAt: value, endsAt }) }), 'scheduleSession', [
        'input.startsAt',
      ]);
      await expectRefused(
        () => acme.call(SCHEDULE, { input: sessionInput({ startsAt: '2026-12-07T10:00:00Z', endsAt: value }) }),
        'scheduleSession',
        ['input.endsAt'],
      );
      await expectRefused(() => scheduleLiteral(literal, `"${endsAt}"`), 'scheduleSession', ['input.startsAt']);
      // every problem of the input at once: the bad time and the bad title together
      await expectRefused(
        () => acme.call(SCHEDULE, { input: { ...sessionInput({ startsAt: value, endsAt }), title: ' ' } }),
        'scheduleSession',
        ['input.title', 'input.startsAt'],
      );
    });

    it.each(REFUSED)('closingFeedbackDashboard refuses %s for from and to, as variables and as literals', async (_case, value, literal) => {
      const DASHBOARD = 'query($from: DateTime, $to: DateTime) { closingFeedbackDashboard(from: $from, to: $to) { sessionsCompleted } }';
      await expectRefused(() => acme.call(DASHBOARD, { from: value }), 'closingFeedbackDashboard', ['from']);
      await expectRefused(() => acme.call(DASHBOARD, { to: value }), 'closingFeedbackDashboard', ['to']);
      await expectRefused(
        () => acme.call(`{ closingFeedbackDashboard(from: ${literal}, to: ${literal}) { sessionsCompleted } }`),
        'closingFeedbackDashboard',
        ['from', 'to'],
      );
    });

    it('accepts Z and numeric offsets, as variables and literals, and answers in ISO form at UTC', async () => {
      const accepted = [
        await acme.call(SCHEDULE, { input: sessionInput({ startsAt: '2026-12-07T10:00:00Z', endsAt: '2026-12-07T11:30:00.5Z' }) }),
        await acme.call(SCHEDULE, {
          input: sessionInput({ startsAt: '2026-12-07T12:00:00+02:00', endsAt: '2026-12-07T06:30:00.500-05:00' }),
        }),
        await scheduleLiteral('"2026-12-07T15:30:00+05:30"', '"2026-12-07T11:30:00.500Z"'),
      ].map((result) => (ok(result) as { scheduleSession: { id: string; startsAt: string; endsAt: string } }).scheduleSession);
      for (const session of accepted) {
        expect(session).toMatchObject({ startsAt: '2026-12-07T10:00:00.000Z', endsAt: '2026-12-07T11:30:00.500Z' });
        const [row] = await suite.query<{ starts_at: Date; ends_at: Date }>(
          'SELECT starts_at, ends_at FROM interview_sessions WHERE id = $1',
          [session.id],
        );
        expect([row.starts_at.toISOString(), row.ends_at.toISOString()]).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T11:30:00.500Z']);
      }
      const dashboard = ok<{ closingFeedbackDashboard: { from: string; to: string } }>(
        await acme.call('{ closingFeedbackDashboard(from: "2026-01-01T00:00:00+01:00", to: "2026-12-07T10:00:00Z") { from to } }'),
      ).closingFeedbackDashboard;
      expect(dashboard).toEqual({ from: '2025-12-31T23:00:00.000Z', to: '2026-12-07T10:00:00.000Z' });
    });
  });

  describe('email: 254 characters and no invisible ones, judged on the address as stored (trimmed, lower case, NFC)', () => {
    // 64 + 1 + 189 = 254; every label under 63 characters, so the addresses stay deliverable
    const DOMAIN = `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(59)}.example`;
    const AT_LIMIT = `${'a'.repeat(64)}@${DOMAIN}`;
    const OVER_LIMIT = `${'a'.repeat(65)}@${DOMAIN}`;
    // 254 as sent; "İ" lower-cases to "i" and a combining dot, so 257 as it would be stored
    const GROWS = `${'İ'.repeat(3)}${'a'.repeat(61)}@${DOMAIN}`;
    // 256 as sent; "e" and a combining acute compose to "é", so 254 as stored
    const SHRINKS = `${'E\u0301'.repeat(2)}${'a'.repeat(62)}@${DOMAIN}`;
    const SHRUNK = `${'é'.repeat(2)}${'a'.repeat(62)}@${DOMAIN}`;
    const MUTATIONS = [
      { operation: 'addCandidate', input: 'AddCandidateInput', table: 'candidates' },
      { operation: 'addInterviewer', input: 'AddInterviewerInput', table: 'interviewers' },
    ];

    it('holds the test’s own arithmetic', () => {
      expect([AT_LIMIT.length, OVER_LIMIT.length, GROWS.length, GROWS.toLowerCase().length]).toEqual([254, 255, 254, 257]);
      expect([SHRINKS.length, SHRUNK.length, SHRINKS.toLowerCase().normalize('NFC')]).toEqual([256, 254, SHRUNK]);
    });

    it.each(MUTATIONS)('$operation stores an address of exactly 254 characters as it judged it', async ({ operation, input, table }) => {
      const add = (email: string, name: string) =>
        acme.call(`mutation($input: ${input}!) { ${operation}(input: $input) { id email } }`, { input: { name, email } });
      const cases = [
        { sent: AT_LIMIT.toUpperCase(), stored: AT_LIMIT },
        { sent: ` \t${SHRINKS}\n `, stored: SHRUNK },
      ];
      for (const [index, { sent, stored }] of cases.entries()) {
        const created = (ok(await add(sent, `Long address ${index}`)) as Record<string, { id: string; email: string }>)[operation];
        expect(created.email).toBe(stored);
        const [row] = await suite.query<{ email: string; length: number }>(
          `SELECT email, length(email) AS length FROM ${table} WHERE id = $1`,
          [created.id],
        );
        expect(row).toEqual({ email: stored, length: 254 });
      }
    });

    it.each(MUTATIONS)(
      '$operation refuses an address over 254 as stored, or with anything invisible in it, naming input.email',
      async ({ operation, input }) => {
        const add = (email: string) => () =>
          acme.call(`mutation($input: ${input}!) { ${operation}(input: $input) { id email } }`, { input: { name: 'Addressed', email } });
        for (const email of [
          OVER_LIMIT,
          GROWS,
          `${'a'.repeat(60)}\u0085b@example.com`,
          'line\r\nbreak@example.com',
          'line\nbreak@example.com',
          'separator\u2028@example.com',
          'paragraph\u2029@example.com',
          'zero\u200Bwidth@example.com',
          'joiner\u200D@example.com',
          'bidi\u202Egnp@example.com',
          'word\u2060joiner@example.com',
          'bom\uFEFF@example.com',
          'tab\t@example.com',
          'nbsp\u00A0@example.com',
          'c1\u009B@example.com',
          'private\uE000@example.com',
          'soft\u00ADhyphen@example.com',
          `${AT_LIMIT.slice(0, 250)}\u200B.ex`,
        ]) {
          await expectRefused(add(email), operation, ['input.email']);
        }
      },
    );
  });

  describe('names and titles are single lines; free text keeps its line breaks', () => {
    const BREAKS: [string, string][] = [
      ['CR', '\r'],
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['NEL', '\u0085'],
      ['LINE SEPARATOR', '\u2028'],
      ['PARAGRAPH SEPARATOR', '\u2029'],
    ];
    const criteria = (label: string) => [{ label, kind: 'SKILL', weight: 3 }];
    const FIELDS: { field: string; operation: string; send: (text: string) => Promise<GqlResult> }[] = [
      {
        field: 'input.name',
        operation: 'addCandidate',
        send: (name) =>
          acme.call('mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }', {
            input: { name, email: 'lines@acme.example' },
          }),
      },
      {
        field: 'input.name',
        operation: 'addInterviewer',
        send: (name) =>
          acme.call('mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }', {
            input: { name, email: 'lines@acme.example' },
          }),
      },
      {
        field: 'input.name',
        operation: 'updateOrganization',
        send: (name) =>
          acme.call('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }', { input: { name } }),
      },
      {
        field: 'input.title',
        operation: 'createRole',
        send: (title) =>
          acme.call('mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }', {
            input: { title, criteria: criteria('Go') },
          }),
      },
      {
        field: 'input.criteria.0.label',
        operation: 'createRole',
        send: (label) =>
          acme.call('mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }', {
            input: { title: 'Lines', criteria: criteria(label) },
          }),
      },
      {
        field: 'input.title',
        operation: 'updateRoleProfile',
        send: (title) =>
          acme.call('mutation($id: ID!, $input: UpdateRoleProfileInput!) { updateRoleProfile(id: $id, input: $input) { id } }', {
            id: fuzzRole.id,
            input: { title },
          }),
      },
      {
        field: 'input.criteria.0.label',
        operation: 'updateRoleProfile',
        send: (label) =>
          acme.call('mutation($id: ID!, $input: UpdateRoleProfileInput!) { updateRoleProfile(id: $id, input: $input) { id } }', {
            id: fuzzRole.id,
            input: { criteria: criteria(label) },
          }),
      },
      {
        field: 'input.title',
        operation: 'scheduleSession',
        send: (title) =>
          acme.call('mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }', {
            input: {
              candidateId: acme.candidates.main.id,
              roleId: acme.roles.auto.id,
              interviewerIds: [acme.interviewers[0].id],
              title,
              startsAt: '2030-01-01T10:00:00Z',
              endsAt: '2030-01-01T11:00:00Z',
            },
          }),
      },
    ];

    it.each(FIELDS)('$operation refuses a line break inside $field, naming it', async ({ field, operation, send }) => {
      for (const [, lineBreak] of BREAKS) {
        await expectRefused(() => send(`Eve${lineBreak}Bcc: victim@example.com`), operation, [field]);
        // within the 200/120 limits: refused for the break, not the length
        await expectRefused(() => send(`${'x'.repeat(50)}${lineBreak}${'y'.repeat(50)}`), operation, [field]);
      }
    });

    it('judges the trimmed value: a break at either end is trimmed away, and NEL (which trim keeps) is refused', async () => {
      const created = ok<{ addCandidate: { id: string; name: string } }>(
        await acme.call('mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id name } }', {
          input: { name: '\r\n Trailing Break \u2028\n', email: 'trimmed.lines@acme.example' },
        }),
      ).addCandidate;
      expect(created.name).toBe('Trailing Break');
      expect((await suite.query<{ name: string }>('SELECT name FROM candidates WHERE id = $1', [created.id]))[0].name).toBe(
        'Trailing Break',
      );
      await expectRefused(() => FIELDS[0].send('Trailing NEL\u0085'), 'addCandidate', ['input.name']);
    });

    it('keeps every line break in multi-line text: next steps, descriptions, feedback', async () => {
      const text = 'First line\nSecond line\r\nThird\u2028fourth\u2029fifth\u0085sixth';
      const role = ok<{ createRole: { id: string; nextSteps: string; criteria: { id: string; description: string }[] } }>(
        await acme.call('mutation($input: CreateRoleInput!) { createRole(input: $input) { id nextSteps criteria { id description } } }', {
          input: {
            title: 'Multi-line',
            answerPolicy: 'RECRUITER_REVIEW',
            nextSteps: text,
            criteria: [{ label: 'Writing', description: text, kind: 'SKILL', weight: 3 }],
          },
        }),
      ).createRole;
      expect([role.nextSteps, role.criteria[0].description]).toEqual([text, text]);
      const sessionId = await schedule(acme.call, acme.candidates.other.id, role.id, [acme.interviewers[1].id], 'Multi-line round');
      await completeSession(acme.call, sessionId);
      const [formId] = (await suite.query<{ id: string }>('SELECT id FROM feedback_forms WHERE session_id = $1', [sessionId])).map(
        (r) => r.id,
      );
      await submit(suite, formId, {
        overallFit: 'GOOD_FIT',
        strengths: text,
        gaps: text,
        candidateMessage: text,
        ratings: role.criteria.map((c) => ({ criterionId: c.id, rating: 3, note: text })),
      });
      const [stored] = await suite.query<{ strengths: string; gaps: string; candidate_message: string }>(
        'SELECT strengths, gaps, candidate_message FROM feedback_responses WHERE form_id = $1',
        [formId],
      );
      expect(stored).toEqual({ strengths: text, gaps: text, candidate_message: text });
    });
  });

  it('the web app renders text, never markup: no HTML sink anywhere in its source', () => {
    const root = join(__dirname, '..', '..', 'apps', 'web', 'src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(tsx?|jsx?)$/.test(file));
    expect(files.length).toBeGreaterThan(5);
    const sinks = /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/;
    expect(files.filter((file) => sinks.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('puts accepted hostile text in mails only escaped, to the intended recipient only, and in the mailbox page only escaped', async () => {
    // a whole flow in hostile-but-valid text, so that every template meets some
    const markup = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    ok(
      await acme.call('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }', {
        input: { name: `Acme ${markup}`, minResponsesForAnswer: 1 },
      }),
    );
    const role = await createRole(acme.call, `Engineer ${markup}`, 'AUTO_RELEASE', [`Label ${markup}`, 'O\'Reilly "quoted"']);
    const candidate = ok<{ addCandidate: { id: string } }>(
      await acme.call('mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }', {
        input: { name: `Eve ${markup} Bcc: victim@example.com`, email: 'eve@acme.example' },
      }),
    ).addCandidate.id;
    const interviewer = ok<{ addInterviewer: { id: string } }>(
      await acme.call('mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id } }', {
        input: { name: `Mallory ${markup}`, email: 'mallory@acme.example' },
      }),
    ).addInterviewer.id;
    const sessionId = await schedule(acme.call, candidate, role.id, [interviewer], `Round ${markup}`);
    ok(
      await suite.anonymous('mutation($token: String!, $id: ID!) { requestFitFeedback(token: $token, sessionId: $id) { sessionId } }', {
        token: suite.portalToken(candidate),
        id: sessionId,
      }),
    );
    await completeSession(acme.call, sessionId);
    const [formId] = (await suite.query<{ id: string }>('SELECT id FROM feedback_forms WHERE session_id = $1', [sessionId])).map(
      (r) => r.id,
    );
    await submit(suite, formId, {
      overallFit: 'STRONG_FIT',
      strengths: `Strong ${markup}`,
      gaps: `Gap ${markup}`,
      candidateMessage: `Message ${markup}`,
      ratings: role.criteria.map((criterionId) => ({ criterionId, rating: 4, note: markup })),
    });
    prober.noteAccepted([markup, `Acme ${markup}`, `Engineer ${markup}`, `Label ${markup}`, `Mallory ${markup}`, `Round ${markup}`]);

    // every candidate, interviewer and role the fuzzing added meets the templates too
    const people = async (table: string) =>
      (
        await suite.query<{ id: string }>(
          `SELECT id FROM ${table} WHERE organization_id = $1 AND ${table === 'candidates' ? 'erased_at IS NULL' : 'true'} ORDER BY created_at`,
          [acme.organizationId],
        )
      ).map((r) => r.id);
    const [allCandidates, allInterviewers, allRoles] = [await people('candidates'), await people('interviewers'), await people('roles')];
    for (let i = 0; i < Math.max(allCandidates.length, allInterviewers.length, allRoles.length); i++) {
      await schedule(
        acme.call,
        allCandidates[i % allCandidates.length],
        allRoles[i % allRoles.length],
        [allInterviewers[i % allInterviewers.length]],
        `Sweep ${i}`,
      );
    }
    // every scheduled session ends now, so their forms go out too
    for (const { id } of await suite.query<{ id: string }>(
      // sessions that have started: one in the future cannot be completed yet
      `SELECT id FROM interview_sessions WHERE status = 'SCHEDULED' AND organization_id = $1 AND starts_at <= now()`,
      [acme.organizationId],
    )) {
      await completeSession(acme.call, id);
    }
    await suite.startWorker();
    await suite.drain(30_000);

    const mails = suite.smtp.mails;
    const kinds = new Set(mails.map((mail) => mail.subject.split(' ').slice(0, 2).join(' ')));
    expect(mails.length).toBeGreaterThan(10);
    expect(mails.some((mail) => mail.to.includes('eve@acme.example') && mail.subject.startsWith('Your interview with'))).toBe(true);
    expect(mails.some((mail) => mail.to.includes('eve@acme.example') && mail.subject.startsWith('Your answer from'))).toBe(true);
    expect(mails.some((mail) => mail.to.includes('mallory@acme.example') && mail.subject.startsWith('Your feedback on'))).toBe(true);
    const hostile = [...prober.acceptedHostileText];
    const recipients = new Set(
      (
        await suite.query<{ email: string }>(
          'SELECT email FROM candidates UNION SELECT email FROM interviewers UNION SELECT email FROM users',
        )
      ).map((r) => r.email),
    );
    for (const mail of mails) {
      expect({ subject: mail.subject, unescaped: unescapedMarkup(mail, hostile) }).toEqual({ subject: mail.subject, unescaped: [] });
      expect(mail.to).toHaveLength(1);
      expect(recipients.has(mail.to[0].toLowerCase())).toBe(true);
    }
    expect(mails.some((mail) => mail.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'))).toBe(true);
    const page = renderMailboxPage(mails);
    expect(page).not.toMatch(/<script|<img|<iframe|<svg/i);
    console.log(`mails checked for escaping: ${mails.length} (${[...kinds].join(', ')}); accepted hostile texts: ${hostile.length}`);
  }, 60_000);

  // Runs last: the tallies of every property above. Each refused what it should, and together they
  // accepted real input too. The minimums sit far below the usual counts (about half the refusals,
  // a quarter of the acceptances), so chance cannot fail them; a generator that drifted to
  // all-refused or all-accepted does.
  it('generated a real mix of accepted and refused requests', () => {
    const at = (n: number) => Math.floor(n * RUNS);
    const refusals: [string, number][] = [
      ['updateOrganization', 30],
      ['createRole', 20],
      ['updateRoleProfile', 18],
      ['addCandidate', 22],
      ['addInterviewer', 22],
      ['scheduleSession', 30],
      ['completeSession', 14],
      ['cancelSession', 14],
      ['recordFitFeedbackRequest', 14],
      ['resendFeedbackForm', 15],
      ['sendCandidatePortalLink', 15],
      ['eraseCandidate', 15],
      ['releaseCandidateAnswer', 18],
      ['withholdCandidateAnswer', 18],
    ];
    for (const [label, refused] of refusals) prober.expectMix(label, { accepted: 0, refused: at(refused) });
    prober.expectMix(
      refusals.map(([label]) => label),
      { accepted: at(10), refused: 0 },
    );
  });
});
