import { Prober } from './support/outcome';
import { SecuritySuite } from './support/security-suite';
import { buildWorld, idsOf, ok, World } from './support/world';

/**
 * Every query and mutation of the contract that takes an id or returns organization data, asked
 * by a recruiter of another organization with every id of the first one (and its upper-case
 * spelling): NOT_FOUND, null or nothing, and not one row changed. The owner asking the same is
 * the control that the ids are real.
 */
describe('tenant isolation: a recruiter of another organization gets nothing', () => {
  let suite: SecuritySuite;
  let prober: Prober;
  let acme: World;
  let globex: World;
  let ids: ReturnType<typeof idsOf>;

  beforeAll(async () => {
    suite = await SecuritySuite.start();
    prober = new Prober(suite);
    acme = await buildWorld(suite, 'acme');
    globex = await buildWorld(suite, 'globex');
    ids = idsOf(acme);
  }, 60_000);

  afterAll(async () => {
    if (prober) console.log(prober.report('tenant isolation'));
    await suite?.close();
  });

  const spellings = (list: string[]) => list.flatMap((id) => [id, id.toUpperCase()]);

  describe('queries', () => {
    it.each([
      ['role', 'query($id: ID!) { role(id: $id) { id title } }', () => ids.roles],
      ['candidate', 'query($id: ID!) { candidate(id: $id) { id name email } }', () => ids.candidates],
      ['session', 'query($id: ID!) { session(id: $id) { id title forms { id } answer { id } } }', () => ids.sessions],
    ])('%s(id) is null for every id of the other organization', async (operation, query, list) => {
      for (const id of list()) {
        expect(ok(await acme.call(query, { id }))[operation]).not.toBeNull();
      }
      for (const id of spellings(list())) {
        await prober.probe(operation, { kind: 'nothing' }, true, () => globex.call(query, { id }), { label: `${operation} (foreign id)` });
      }
    });

    it('roles, interviewers, candidates and sessions list only the caller’s own rows', async () => {
      const lists = ok<{
        roles: { id: string }[];
        interviewers: { id: string; email: string }[];
        candidates: { totalCount: number; nodes: { id: string }[] };
        sessions: { totalCount: number; nodes: { id: string }[] };
      }>(
        await globex.call(
          '{ roles { id } interviewers { id email } candidates(first: 200) { totalCount nodes { id } } sessions(first: 200) { totalCount nodes { id } } }',
        ),
      );
      const own = idsOf(globex);
      expect(lists.roles.map((r) => r.id).sort()).toEqual([...own.roles].sort());
      expect(lists.interviewers.map((i) => i.id).sort()).toEqual([...own.interviewers].sort());
      expect(lists.candidates.nodes.map((c) => c.id).sort()).toEqual([...own.candidates].sort());
      expect(lists.candidates.totalCount).toBe(own.candidates.length);
      expect(lists.sessions.nodes.map((s) => s.id).sort()).toEqual([...own.sessions].sort());
      expect(lists.sessions.totalCount).toBe(own.sessions.length);
      expect(JSON.stringify(lists)).not.toMatch(/acme/i);
    });

    it('a search or filter naming the other organization’s data finds nothing', async () => {
      for (const search of ['acme', 'main.candidate@acme', 'Acme Main Candidate']) {
        const { candidates } = ok<{ candidates: { totalCount: number; nodes: unknown[] } }>(
          await globex.call('query($s: String) { candidates(search: $s) { totalCount nodes { id } } }', { s: search }),
        );
        expect({ search, candidates }).toEqual({ search, candidates: { totalCount: 0, nodes: [] } });
      }
      for (const filter of [...ids.roles.map((roleId) => ({ roleId })), ...ids.candidates.map((candidateId) => ({ candidateId }))]) {
        const { sessions } = ok<{ sessions: { totalCount: number; nodes: unknown[] } }>(
          await globex.call('query($f: SessionFilter) { sessions(filter: $f) { totalCount nodes { id } } }', { f: filter }),
        );
        expect({ filter, sessions }).toEqual({ filter, sessions: { totalCount: 0, nodes: [] } });
      }
    });

    it('closingFeedbackDashboard: NOT_FOUND for the other organization’s role; without one, it counts only the caller’s own', async () => {
      for (const roleId of spellings(ids.roles)) {
        await prober.probe('closingFeedbackDashboard', { kind: 'error', code: 'NOT_FOUND' }, true, () =>
          globex.call('query($roleId: ID) { closingFeedbackDashboard(roleId: $roleId) { sessionsCompleted } }', { roleId }),
        );
      }
      const query = `{ closingFeedbackDashboard { sessionsCompleted fitFeedbackRequested formsSent formsSubmitted formsDeclined answersReleased answersWithheld
        criteria { criterion { id } } interviewers { interviewer { id } } } }`;
      type Dashboard = {
        sessionsCompleted: number;
        fitFeedbackRequested: number;
        formsSubmitted: number;
        formsDeclined: number;
        answersReleased: number;
        answersWithheld: number;
        criteria: { criterion: { id: string } }[];
        interviewers: { interviewer: { id: string } }[];
      };
      const count = async (organizationId: string, sql: string) =>
        (await suite.query<{ n: number }>(sql.replace('$org', '$1'), [organizationId]))[0].n;
      for (const world of [globex, acme]) {
        const { closingFeedbackDashboard: d } = ok<{ closingFeedbackDashboard: Dashboard }>(await world.call(query));
        const org = world.organizationId;
        expect(d).toMatchObject({
          sessionsCompleted: await count(
            org,
            `SELECT count(*)::int AS n FROM interview_sessions WHERE organization_id = $org AND completed_at IS NOT NULL`,
          ),
          formsSubmitted: await count(
            org,
            `SELECT count(*)::int AS n FROM feedback_forms WHERE organization_id = $org AND status = 'SUBMITTED'`,
          ),
          formsDeclined: await count(
            org,
            `SELECT count(*)::int AS n FROM feedback_forms WHERE organization_id = $org AND status = 'DECLINED'`,
          ),
          answersReleased: await count(
            org,
            `SELECT count(*)::int AS n FROM candidate_answers WHERE organization_id = $org AND status = 'RELEASED'`,
          ),
          answersWithheld: await count(
            org,
            `SELECT count(*)::int AS n FROM candidate_answers WHERE organization_id = $org AND status = 'WITHHELD'`,
          ),
        });
        const other = idsOf(world === acme ? globex : acme);
        expect(d.criteria.map((c) => c.criterion.id).filter((id) => other.criteria.includes(id))).toEqual([]);
        expect(d.interviewers.map((i) => i.interviewer.id).filter((id) => other.interviewers.includes(id))).toEqual([]);
        expect(d.sessionsCompleted).toBeGreaterThan(0);
      }
    });

    it('me and updateOrganization speak of the caller’s organization only', async () => {
      const before = await suite.query('SELECT * FROM organizations WHERE slug = $1', ['acme']);
      const { updateOrganization } = ok<{ updateOrganization: { slug: string; name: string } }>(
        await globex.call(
          'mutation { updateOrganization(input: { name: "Globex renamed", feedbackDeadlineHours: 72, reminderHours: [1] }) { slug name } }',
        ),
      );
      expect(updateOrganization).toEqual({ slug: 'globex', name: 'Globex renamed' });
      expect(await suite.query('SELECT * FROM organizations WHERE slug = $1', ['acme'])).toEqual(before);
      const { me } = ok<{ me: { organization: { slug: string } } }>(await globex.call('{ me { organization { slug } } }'));
      expect(me.organization.slug).toBe('globex');
    });

    it('the subgraph’s federation entry points are not part of the public schema', async () => {
      for (const query of [
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Candidate { name email } } }',
        '{ _service { sdl } }',
      ]) {
        const result = await globex.call(query, { r: [{ __typename: 'Candidate', id: acme.candidates.main.id }] });
        expect(result.status).toBe(400);
        expect(result.body.data ?? null).toBeNull();
        expect(result.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    });

    it('an interviewer address known in another organization is no CONFLICT: nothing reveals it exists', async () => {
      const { addInterviewer } = ok<{ addInterviewer: { email: string } }>(
        await globex.call('mutation { addInterviewer(input: { name: "Copycat", email: "INTERVIEWER1@acme.example" }) { email } }'),
      );
      expect(addInterviewer.email).toBe('interviewer1@acme.example');
    });
  });

  describe('mutations', () => {
    const cases: [string, string, () => { variables: Record<string, unknown>; field?: string }[]][] = [
      [
        'updateRoleProfile',
        'mutation($id: ID!, $input: UpdateRoleProfileInput!) { updateRoleProfile(id: $id, input: $input) { id } }',
        () => spellings(ids.roles).map((id) => ({ variables: { id, input: { title: 'Taken over' } } })),
      ],
      [
        'scheduleSession',
        'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
        () => {
          const base = {
            candidateId: globex.candidates.main.id,
            roleId: globex.roles.auto.id,
            interviewerIds: [globex.interviewers[0].id],
            title: 'Hijack',
            startsAt: '2030-01-01T10:00:00Z',
            endsAt: '2030-01-01T11:00:00Z',
          };
          return [
            ...spellings(ids.candidates).map((candidateId) => ({
              variables: { input: { ...base, candidateId } },
              field: 'input.candidateId',
            })),
            ...spellings(ids.roles).map((roleId) => ({ variables: { input: { ...base, roleId } }, field: 'input.roleId' })),
            ...spellings(ids.interviewers).map((id) => ({
              variables: { input: { ...base, interviewerIds: [globex.interviewers[0].id, id] } },
              field: 'input.interviewerIds.1',
            })),
          ];
        },
      ],
      [
        'completeSession',
        'mutation($id: ID!) { completeSession(id: $id) { id } }',
        () => spellings(ids.sessions).map((id) => ({ variables: { id } })),
      ],
      [
        'cancelSession',
        'mutation($id: ID!) { cancelSession(id: $id) { id } }',
        () => spellings(ids.sessions).map((id) => ({ variables: { id } })),
      ],
      [
        'recordFitFeedbackRequest',
        'mutation($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }',
        () => spellings(ids.sessions).map((id) => ({ variables: { id } })),
      ],
      [
        'resendFeedbackForm',
        'mutation($id: ID!) { resendFeedbackForm(formId: $id) { id } }',
        () => spellings(ids.forms).map((id) => ({ variables: { id } })),
      ],
      [
        'sendCandidatePortalLink',
        'mutation($id: ID!) { sendCandidatePortalLink(candidateId: $id) }',
        () => spellings(ids.candidates).map((id) => ({ variables: { id } })),
      ],
      [
        'releaseCandidateAnswer',
        'mutation($id: ID!) { releaseCandidateAnswer(id: $id, message: "Hello from elsewhere") { id } }',
        () => spellings(ids.answers).map((id) => ({ variables: { id } })),
      ],
      [
        'withholdCandidateAnswer',
        'mutation($id: ID!) { withholdCandidateAnswer(id: $id, reason: "Not yours") { id } }',
        () => spellings(ids.answers).map((id) => ({ variables: { id } })),
      ],
      [
        'eraseCandidate',
        'mutation($id: ID!) { eraseCandidate(id: $id) }',
        () => spellings(ids.candidates).map((id) => ({ variables: { id } })),
      ],
    ];

    it.each(cases)('%s: NOT_FOUND for every id of the other organization, and nothing changes', async (operation, query, list) => {
      const attempts = list();
      expect(attempts.length).toBeGreaterThan(0);
      for (const { variables, field } of attempts) {
        await prober.probe(operation, { kind: 'error', code: 'NOT_FOUND', field }, true, () => globex.call(query, variables), {
          label: `${operation} (foreign id)`,
        });
      }
    });

    it('the owner’s own requests with the same ids are the control: they find what they name', async () => {
      const found = ok<{ a: { id: string }; b: { id: string }; c: { id: string } }>(
        await acme.call(
          'query($r: ID!, $c: ID!, $s: ID!) { a: role(id: $r) { id } b: candidate(id: $c) { id } c: session(id: $s) { id } }',
          {
            r: acme.roles.auto.id,
            c: acme.candidates.main.id,
            s: acme.sessions.completed,
          },
        ),
      );
      expect(found).toEqual({ a: { id: acme.roles.auto.id }, b: { id: acme.candidates.main.id }, c: { id: acme.sessions.completed } });
      // and a state-changing one, last: acme can act on its own answer
      ok(await acme.call('mutation($id: ID!) { releaseCandidateAnswer(id: $id) { id } }', { id: acme.answers.review }));
      const total = prober.total();
      console.log(`tenant isolation: ${total.runs} cross-organization requests, all refused or empty`);
    });
  });
});
