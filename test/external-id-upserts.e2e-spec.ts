import { signTestJwt } from '@closer/testing';

import { graphql } from './support/apps';
import { sleep, WorkerFlow } from './support/worker-flow';

const RACERS = 8;

type Result = Awaited<ReturnType<typeof graphql>>['body'];
const codes = (body: Result) => (body.errors ?? []).map((error) => error.extensions?.code);

describe('idempotent upserts by externalId', () => {
  let flow: WorkerFlow;
  let role: { id: string };
  let interviewerId: string;

  const call = (query: string, variables: Record<string, unknown>, auth?: Record<string, string>) =>
    graphql(flow.gatewayUrl, query, variables, auth ?? recruiter).then((response) => response.body);
  let recruiter: Record<string, string>;
  const ADD_CANDIDATE = 'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id name email externalId } }';
  const ADD_INTERVIEWER = 'mutation($input: AddInterviewerInput!) { addInterviewer(input: $input) { id name email externalId } }';
  const SCHEDULE = 'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id title startsAt endsAt externalId } }';
  /** Everything the relay has not handed to the worker yet: settled once this is zero and the worker idles. */
  const settle = async () => {
    await flow.until('the outbox to drain', async () => {
      const [{ count }] = await flow.query<{ count: string }>('SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL');
      return count === '0';
    });
    await sleep(800);
  };

  beforeAll(async () => {
    flow = await WorkerFlow.start({ hourMs: 3_600_000 });
    recruiter = { authorization: `Bearer ${await signTestJwt(flow.config.auth.jwtSecret!, { org: 'acme', sub: 'rae' })}` };
    role = await flow.createRole('Data engineer', ['SQL']);
    interviewerId = await flow.addInterviewer('Ivo Panel', 'ivo@example.test');
  });

  afterAll(async () => {
    await flow?.close();
  });

  it('returns the same candidate for the same externalId, with its fields updated', async () => {
    const first = await call(ADD_CANDIDATE, { input: { name: 'Cleo First', email: 'cleo@example.test', externalId: 'gh-cand-1' } });
    const second = await call(ADD_CANDIDATE, { input: { name: 'Cleo Renamed', email: 'cleo.new@example.test', externalId: 'gh-cand-1' } });
    const id = (first.data as { addCandidate: { id: string } }).addCandidate.id;
    expect(second.data).toEqual({ addCandidate: { id, name: 'Cleo Renamed', email: 'cleo.new@example.test', externalId: 'gh-cand-1' } });
    expect(await flow.query("SELECT count(*)::int AS n FROM candidates WHERE external_id = 'gh-cand-1'")).toEqual([{ n: 1 }]);
    // without an externalId every call adds a candidate, as before
    await call(ADD_CANDIDATE, { input: { name: 'No Id', email: 'noid@example.test' } });
    await call(ADD_CANDIDATE, { input: { name: 'No Id', email: 'noid@example.test' } });
    expect(await flow.query("SELECT count(*)::int AS n FROM candidates WHERE email = 'noid@example.test'")).toEqual([{ n: 2 }]);
  });

  it.each([
    [
      'candidates',
      ADD_CANDIDATE,
      'addCandidate',
      (n: number) => ({ name: `Racer ${n}`, email: `racer@example.test`, externalId: 'race-c' }),
    ],
    [
      'interviewers',
      ADD_INTERVIEWER,
      'addInterviewer',
      (n: number) => ({ name: `Racer ${n}`, email: `racer-i@example.test`, externalId: 'race-i' }),
    ],
  ])('makes one row of %s from concurrent identical calls', async (table, mutation, field, input) => {
    const results = await Promise.all(Array.from({ length: RACERS }, (_, n) => call(mutation, { input: input(n) })));
    expect(results.flatMap(codes)).toEqual([]);
    const ids = new Set(results.map((result) => (result.data as Record<string, { id: string }>)[field].id));
    expect(ids.size).toBe(1);
    const externalId = input(0).externalId;
    expect(await flow.query(`SELECT id FROM ${table} WHERE external_id = $1`, [externalId])).toEqual([{ id: [...ids][0] }]);
  });

  it('makes one session from concurrent identical schedules, mailing the candidate once', async () => {
    const email = 'sam.session@example.test';
    const candidate = await call(ADD_CANDIDATE, { input: { name: 'Sam Session', email, externalId: 'gh-cand-sam' } });
    const candidateId = (candidate.data as { addCandidate: { id: string } }).addCandidate.id;
    const startsAt = new Date(Date.now() + 86_400_000);
    const input = {
      candidateId,
      roleId: role.id,
      interviewerIds: [interviewerId],
      title: 'Onsite',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      externalId: 'gh-interview-1',
    };
    const results = await Promise.all(Array.from({ length: RACERS }, () => call(SCHEDULE, { input })));
    expect(results.flatMap(codes)).toEqual([]);
    const ids = new Set(results.map((result) => (result.data as { scheduleSession: { id: string } }).scheduleSession.id));
    expect(ids.size).toBe(1);
    expect(await flow.query("SELECT count(*)::int AS n FROM interview_sessions WHERE external_id = 'gh-interview-1'")).toEqual([{ n: 1 }]);
    await flow.waitForMail(email, 'portal-invite');
    // and again, one by one: the same session, nothing more mailed
    const again = await call(SCHEDULE, { input });
    expect((again.data as { scheduleSession: { id: string } }).scheduleSession.id).toBe([...ids][0]);
    await settle();
    expect(flow.mailsTo(email)).toHaveLength(1);

    const found = await call('query($x: String!) { sessionByExternalId(externalId: $x) { id externalId candidate { id } } }', {
      x: 'gh-interview-1',
    });
    expect(found.data).toEqual({ sessionByExternalId: { id: [...ids][0], externalId: 'gh-interview-1', candidate: { id: candidateId } } });
    expect((await call('{ sessionByExternalId(externalId: "gh-unknown") { id } }', {})).data).toEqual({ sessionByExternalId: null });
    // another organization's recruiter does not find it by its externalId
    const globex = { authorization: `Bearer ${await signTestJwt(flow.config.auth.jwtSecret!, { org: 'globex', sub: 'gus' })}` };
    expect((await call('{ sessionByExternalId(externalId: "gh-interview-1") { id } }', {}, globex)).data).toEqual({
      sessionByExternalId: null,
    });
  });

  it('reschedules a session that has not started when its time changes, telling the candidate once with the new time', async () => {
    const email = 'rory.reschedule@example.test';
    const candidate = await call(ADD_CANDIDATE, { input: { name: 'Rory Reschedule', email, externalId: 'gh-cand-rory' } });
    const candidateId = (candidate.data as { addCandidate: { id: string } }).addCandidate.id;
    const startsAt = new Date(Date.UTC(2031, 4, 6, 9, 0));
    const input = {
      candidateId,
      roleId: role.id,
      interviewerIds: [interviewerId],
      title: 'Technical interview',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      externalId: 'gh-interview-rory',
    };
    const created = await call(SCHEDULE, { input });
    const id = (created.data as { scheduleSession: { id: string } }).scheduleSession.id;
    await flow.waitForMail(email, 'portal-invite');

    const moved = { ...input, startsAt: '2031-05-07T14:30:00.000Z', endsAt: '2031-05-07T15:30:00.000Z' };
    const results = await Promise.all([
      call(SCHEDULE, { input: moved }),
      call(SCHEDULE, { input: moved }),
      call(SCHEDULE, { input: moved }),
    ]);
    for (const result of results) {
      expect(result.data).toEqual({
        scheduleSession: {
          id,
          title: 'Technical interview',
          startsAt: moved.startsAt,
          endsAt: moved.endsAt,
          externalId: 'gh-interview-rory',
        },
      });
    }
    await settle();
    const notices = flow.mailsTo(email).filter((mail) => mail.subject.includes('has a new time'));
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain('Wed, 07 May 2031 14:30 UTC');
    expect(flow.mailsTo(email)).toHaveLength(2);
  });

  it('leaves the times of a session that has started as they are', async () => {
    const candidate = await call(ADD_CANDIDATE, {
      input: { name: 'Stella Started', email: 'stella@example.test', externalId: 'gh-cand-stella' },
    });
    const candidateId = (candidate.data as { addCandidate: { id: string } }).addCandidate.id;
    const startsAt = new Date(Date.now() - 600_000);
    const input = {
      candidateId,
      roleId: role.id,
      interviewerIds: [interviewerId],
      title: 'Started',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      externalId: 'gh-interview-started',
    };
    await call(SCHEDULE, { input });
    const later = await call(SCHEDULE, {
      input: { ...input, startsAt: '2031-01-01T10:00:00.000Z', endsAt: '2031-01-01T11:00:00.000Z' },
    });
    expect((later.data as { scheduleSession: { startsAt: string } }).scheduleSession.startsAt).toBe(input.startsAt);
    await settle();
    expect(flow.mailsTo('stella@example.test').filter((mail) => mail.subject.includes('has a new time'))).toEqual([]);
  });

  it('refuses an externalId that already names a session of another candidate, changing nothing', async () => {
    const other = await call(ADD_CANDIDATE, { input: { name: 'Otto Other', email: 'otto@example.test' } });
    const otherId = (other.data as { addCandidate: { id: string } }).addCandidate.id;
    const before = await flow.query("SELECT * FROM interview_sessions WHERE external_id = 'gh-interview-1'");
    const refused = await call(SCHEDULE, {
      input: {
        candidateId: otherId,
        roleId: role.id,
        interviewerIds: [interviewerId],
        title: 'Hijack',
        startsAt: '2031-02-01T10:00:00.000Z',
        endsAt: '2031-02-01T11:00:00.000Z',
        externalId: 'gh-interview-1',
      },
    });
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(await flow.query("SELECT * FROM interview_sessions WHERE external_id = 'gh-interview-1'")).toEqual(before);
  });
});
