import { Client } from 'pg';

import { Gql, ok, SubgraphHarness } from '../../test/subgraph.harness';
import { DashboardResolver } from './dashboard.resolver';

const DASHBOARD = `
  query Dashboard($roleId: ID, $from: DateTime, $to: DateTime) {
    closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
      from to sessionsCompleted fitFeedbackRequested formsSent formsSubmitted responseRate medianHoursToFeedback
      answersReleased answersWithheld formsDeclined medianHoursToAnswer helpfulRate
      fitDistribution { band count }
      criteria { criterion { id label description kind weight } roleTitle averageRating ratedCount lackingCount }
      interviewers { interviewer { id name email } formsSent formsSubmitted medianHoursToFeedback averageOverallFit calibrationDelta }
      weekly { weekStart sessionsCompleted responseRate averageFitScore }
    }
  }`;

// the web app's tiles: no criteria, interviewers or weekly series
const TILES = `
  query Tiles($roleId: ID, $from: DateTime, $to: DateTime) {
    closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
      from to sessionsCompleted fitFeedbackRequested formsSent formsSubmitted formsDeclined responseRate
      medianHoursToFeedback medianHoursToAnswer answersReleased answersWithheld helpfulRate promisesKeptRate
    }
  }`;

type Dashboard = Record<string, unknown> & { sessionsCompleted: number; from: string; to: string };
const HOUR = 3_600_000;
const at = (iso: string, hours = 0) => new Date(Date.parse(iso) + hours * HOUR);

// March 2025: Mondays are the 3rd, 10th and 17th; the dashboard's range is [Mar 1, Mar 22)
const FROM = '2025-03-01T00:00:00.000Z';
const TO = '2025-03-22T00:00:00.000Z';

type FormStatus = 'PENDING' | 'SENT' | 'OPENED' | 'SUBMITTED' | 'DECLINED' | 'EXPIRED' | 'FAILED';
interface FormSpec {
  interviewer: string;
  status: FormStatus;
  /** Sent when the session ended; false = never sent. */
  sent?: boolean;
  /** Hours from sending to submission; with a response of this overall fit and these ratings. */
  hours?: number;
  fit?: number;
  ratings?: Record<string, number | null>;
}
interface SessionSpec {
  org: string;
  role: string;
  candidate: string;
  endsAt: string;
  status?: 'COMPLETED' | 'SCHEDULED' | 'CANCELLED';
  asked?: boolean;
  forms?: FormSpec[];
  answer?: { status: string; band?: number; score?: number | null; releasedAfterHours?: number; helpful?: boolean };
}

/** Factories writing straight to the tables, so every timestamp is known. */
class Factory {
  constructor(private readonly h: SubgraphHarness) {}

  async organization(gql: Gql): Promise<string> {
    return ok(await gql<{ me: { organization: { id: string } } }>('{ me { organization { id } } }')).me.organization.id;
  }

  private async insert(sql: string, params: unknown[]): Promise<string> {
    return (await this.h.database.query<{ id: string }>(`${sql} RETURNING id`, params))[0]?.id;
  }

  role(org: string, title: string): Promise<string> {
    return this.insert('INSERT INTO roles (organization_id, title) VALUES ($1, $2)', [org, title]);
  }

  criterion(org: string, role: string, c: { label: string; kind: string; weight: number; position: number; retired?: boolean }) {
    return this.insert(
      `INSERT INTO criteria (organization_id, role_id, label, description, kind, weight, position, retired_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [org, role, c.label, `About ${c.label}`, c.kind, c.weight, c.position, c.retired ? new Date('2025-01-01') : null],
    );
  }

  interviewer(org: string, name: string): Promise<string> {
    return this.insert('INSERT INTO interviewers (organization_id, name, email) VALUES ($1, $2, $3)', [
      org,
      name,
      `${name.toLowerCase()}@example.test`,
    ]);
  }

  candidate(org: string, name: string): Promise<string> {
    return this.insert('INSERT INTO candidates (organization_id, name, email) VALUES ($1, $2, $3)', [
      org,
      name,
      `${name.toLowerCase()}@candidates.test`,
    ]);
  }

  async session(s: SessionSpec): Promise<string> {
    const endsAt = at(s.endsAt);
    const status = s.status ?? 'COMPLETED';
    const id = await this.insert(
      `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at, cancelled_at)
       VALUES ($1, $2, $3, 'Onsite', $4, $5, $6, $7, $8)`,
      [
        s.org,
        s.candidate,
        s.role,
        at(s.endsAt, -1),
        endsAt,
        status,
        status === 'COMPLETED' ? endsAt : null,
        status === 'CANCELLED' ? endsAt : null,
      ],
    );
    if (s.asked)
      await this.insert(`INSERT INTO fit_feedback_requests (organization_id, session_id, source) VALUES ($1, $2, 'PORTAL')`, [s.org, id]);
    for (const f of s.forms ?? []) {
      const sentAt = f.sent === false ? null : endsAt;
      const submittedAt = f.hours === undefined ? null : at(s.endsAt, f.hours);
      const formId = await this.insert(
        `INSERT INTO feedback_forms (organization_id, session_id, interviewer_id, status, sent_at, submitted_at, declined_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.org, id, f.interviewer, f.status, sentAt, submittedAt, f.status === 'DECLINED' ? at(s.endsAt, 1) : null],
      );
      if (f.fit === undefined) continue;
      const responseId = await this.insert(
        `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 'strong', 'some', $6)`,
        [s.org, formId, id, f.interviewer, f.fit, submittedAt],
      );
      for (const [criterionId, rating] of Object.entries(f.ratings ?? {}))
        await this.h.database.query(
          'INSERT INTO criterion_ratings (response_id, criterion_id, organization_id, rating) VALUES ($1, $2, $3, $4)',
          [responseId, criterionId, s.org, rating],
        );
    }
    if (s.answer) {
      const a = s.answer;
      await this.insert(
        `INSERT INTO candidate_answers (organization_id, session_id, status, fit_band, fit_score, composed_at, released_at, helpful)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          s.org,
          id,
          a.status,
          a.band ?? null,
          a.score ?? null,
          a.band ? endsAt : null,
          a.releasedAfterHours === undefined ? null : at(s.endsAt, a.releasedAfterHours),
          a.helpful ?? null,
        ],
      );
    }
    return id;
  }
}

const ZERO_BANDS = [
  { band: 'NOT_A_FIT', count: 0 },
  { band: 'PARTIAL_FIT', count: 0 },
  { band: 'GOOD_FIT', count: 0 },
  { band: 'STRONG_FIT', count: 0 },
];

describe(DashboardResolver.name, () => {
  let h: SubgraphHarness;
  let gql: Gql;
  let globexGql: Gql;
  const ids: Record<string, string> = {};

  const dashboard = async (client: Gql, vars: Record<string, unknown>): Promise<Dashboard> =>
    ok(await client<{ closingFeedbackDashboard: Dashboard }>(DASHBOARD, vars)).closingFeedbackDashboard;

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    gql = h.recruiter('acme');
    globexGql = h.recruiter('globex');
    const make = new Factory(h);
    const acme = await make.organization(gql);
    const globex = await make.organization(globexGql);

    const backend = (ids.backend = await make.role(acme, 'Backend Engineer'));
    const designer = (ids.designer = await make.role(acme, 'Product Designer'));
    ids.go = await make.criterion(acme, backend, { label: 'Go', kind: 'SKILL', weight: 5, position: 0 });
    ids.ownership = await make.criterion(acme, backend, { label: 'Ownership', kind: 'QUALITY', weight: 3, position: 1 });
    ids.mentoring = await make.criterion(acme, backend, { label: 'Mentoring', kind: 'EXPERIENCE', weight: 2, position: 2 });
    ids.legacy = await make.criterion(acme, backend, { label: 'Perl', kind: 'SKILL', weight: 1, position: 3, retired: true });
    ids.figma = await make.criterion(acme, designer, { label: 'Figma', kind: 'SKILL', weight: 4, position: 0 });
    for (const name of ['Dan', 'Ada', 'Cleo', 'Ben', 'Eve']) ids[name] = await make.interviewer(acme, name);
    const cand = await make.candidate(acme, 'Casey');
    const { go, ownership, mentoring, legacy, figma, Ada, Ben, Cleo, Dan, Eve } = ids;
    const common = { org: acme, candidate: cand };

    // week of Mar 3
    await make.session({
      ...common,
      role: backend,
      endsAt: '2025-03-03T10:00:00Z', // S1
      asked: true,
      forms: [
        {
          interviewer: Ada,
          status: 'SUBMITTED',
          hours: 2,
          fit: 3,
          ratings: { [go]: 2, [ownership]: 3, [mentoring]: null, [legacy]: null },
        },
        { interviewer: Ben, status: 'SUBMITTED', hours: 4, fit: 4, ratings: { [go]: 3, [ownership]: 4, [mentoring]: null } },
        { interviewer: Cleo, status: 'DECLINED' },
      ],
      answer: { status: 'RELEASED', band: 3, score: 60, releasedAfterHours: 6, helpful: true },
    });
    await make.session({
      ...common,
      role: backend,
      endsAt: '2025-03-05T15:00:00Z', // S2: released though the candidate never asked
      forms: [
        { interviewer: Ada, status: 'SUBMITTED', hours: 8, fit: 2, ratings: { [go]: 1, [ownership]: 2, [mentoring]: 3 } },
        { interviewer: Ben, status: 'EXPIRED' },
      ],
      answer: { status: 'RELEASED', band: 2, score: 30, releasedAfterHours: 12, helpful: false },
    });
    // week of Mar 10
    await make.session({
      ...common,
      role: designer,
      endsAt: '2025-03-10T09:00:00Z', // S3
      forms: [
        { interviewer: Cleo, status: 'SUBMITTED', hours: 1, fit: 1, ratings: { [figma]: 1 } },
        { interviewer: Dan, status: 'SUBMITTED', hours: 10, fit: 3, ratings: { [figma]: null } },
      ],
      answer: { status: 'WITHHELD', band: 1, score: 0 },
    });
    await make.session({
      ...common,
      role: backend,
      endsAt: '2025-03-16T23:30:00Z', // S4: Sunday night UTC, still the week of Mar 10
      asked: true,
      forms: [
        { interviewer: Ada, status: 'SUBMITTED', hours: 24, fit: 4, ratings: { [go]: 4, [ownership]: null, [mentoring]: 4 } },
        { interviewer: Dan, status: 'OPENED' },
      ],
      answer: { status: 'AWAITING_REVIEW', band: 4, score: 100 },
    });
    // week of Mar 17
    await make.session({
      ...common,
      role: backend,
      endsAt: '2025-03-17T08:00:00Z', // S5: nothing sent yet
      asked: true,
      forms: [
        { interviewer: Ben, status: 'PENDING', sent: false },
        { interviewer: Cleo, status: 'FAILED', sent: false },
      ],
      answer: { status: 'WAITING_FOR_FEEDBACK' },
    });
    await make.session({
      ...common,
      role: designer,
      endsAt: '2025-03-18T10:00:00Z', // S6
      asked: true,
      forms: [
        { interviewer: Dan, status: 'SUBMITTED', hours: 6, fit: 4, ratings: { [figma]: 4 } },
        { interviewer: Cleo, status: 'SUBMITTED', hours: 24, fit: 3, ratings: { [figma]: 3 } },
      ],
      answer: { status: 'RELEASED', band: 3, score: 83, releasedAfterHours: 24, helpful: true },
    });

    // outside the population: completed exactly at `to`, before `from`, not completed at all
    const noise = (endsAt: string, status: SessionSpec['status'] = 'COMPLETED') =>
      make.session({
        ...common,
        role: backend,
        endsAt,
        status,
        asked: true,
        forms: [{ interviewer: Eve, status: 'SUBMITTED', hours: 1, fit: 1, ratings: { [go]: 1, [figma]: 1 } }],
        answer: { status: 'RELEASED', band: 4, score: 100, releasedAfterHours: 1, helpful: false },
      });
    await noise(TO);
    await noise('2025-02-28T23:59:59Z');
    await noise('2025-03-12T12:00:00Z', 'SCHEDULED');
    await noise('2025-03-13T12:00:00Z', 'CANCELLED');

    // another organization, same weeks
    ids.globexRole = await make.role(globex, 'Globex Role');
    const globexCriterion = await make.criterion(globex, ids.globexRole, { label: 'Globex skill', kind: 'SKILL', weight: 5, position: 0 });
    const globexInterviewer = await make.interviewer(globex, 'Zed');
    await make.session({
      org: globex,
      candidate: await make.candidate(globex, 'Gus'),
      role: ids.globexRole,
      endsAt: '2025-03-11T10:00:00Z',
      asked: true,
      forms: [{ interviewer: globexInterviewer, status: 'SUBMITTED', hours: 3, fit: 1, ratings: { [globexCriterion]: 1 } }],
      answer: { status: 'RELEASED', band: 1, score: 0, releasedAfterHours: 5, helpful: false },
    });
  });

  afterAll(async () => {
    await h.close();
  });

  const criterion = (key: string, label: string, kind: string, weight: number) => ({
    id: ids[key],
    label,
    description: `About ${label}`,
    kind,
    weight,
  });
  const interviewer = (name: string) => ({ id: ids[name], name, email: `${name.toLowerCase()}@example.test` });

  it('aggregates the whole population of the range', async () => {
    expect(await dashboard(gql, { from: FROM, to: TO })).toEqual({
      from: FROM,
      to: TO,
      sessionsCompleted: 6, // S1..S6; the sessions at `to`, before `from`, scheduled and cancelled are out
      fitFeedbackRequested: 4, // S1, S4, S5, S6
      formsSent: 11, // S1 3 + S2 2 + S3 2 + S4 2 + S5 0 (pending, failed unsent) + S6 2
      formsSubmitted: 8, // S1 2 + S2 1 + S3 2 + S4 1 + S6 2
      responseRate: expect.closeTo(8 / 11, 6),
      medianHoursToFeedback: 7, // 1 2 4 [6 8] 10 24 24
      answersReleased: 3, // S1, S2, S6
      answersWithheld: 1, // S3
      formsDeclined: 1, // Cleo on S1
      medianHoursToAnswer: 15, // released and asked: S1 6h, S6 24h (S2 was released but not asked)
      helpfulRate: expect.closeTo(2 / 3, 6), // S1 yes, S2 no, S6 yes
      fitDistribution: [
        { band: 'NOT_A_FIT', count: 1 }, // S3
        { band: 'PARTIAL_FIT', count: 1 }, // S2
        { band: 'GOOD_FIT', count: 2 }, // S1, S6
        { band: 'STRONG_FIT', count: 1 }, // S4 (awaiting review still counts: it is composed)
      ],
      criteria: [
        // Go: 2, 3, 1, 4 -> mean 2.5, two ratings of 1-2
        { criterion: criterion('go', 'Go', 'SKILL', 5), roleTitle: 'Backend Engineer', averageRating: 2.5, ratedCount: 4, lackingCount: 2 },
        // Figma: 1, (null), 4, 3 -> mean 8/3, one lacking; before Ownership because its mean is lower
        {
          criterion: criterion('figma', 'Figma', 'SKILL', 4),
          roleTitle: 'Product Designer',
          averageRating: expect.closeTo(8 / 3, 6),
          ratedCount: 3,
          lackingCount: 1,
        },
        // Ownership: 3, 4, 2, (null) -> mean 3, one lacking
        {
          criterion: criterion('ownership', 'Ownership', 'QUALITY', 3),
          roleTitle: 'Backend Engineer',
          averageRating: 3,
          ratedCount: 3,
          lackingCount: 1,
        },
        // Mentoring: (null), (null), 3, 4 -> mean 3.5
        {
          criterion: criterion('mentoring', 'Mentoring', 'EXPERIENCE', 2),
          roleTitle: 'Backend Engineer',
          averageRating: 3.5,
          ratedCount: 2,
          lackingCount: 0,
        },
        // Perl (retired since): offered once, never assessed
        {
          criterion: criterion('legacy', 'Perl', 'SKILL', 1),
          roleTitle: 'Backend Engineer',
          averageRating: null,
          ratedCount: 0,
          lackingCount: 0,
        },
      ],
      interviewers: [
        // Ada: S1 2h fit 3, S2 8h fit 2, S4 24h fit 4; only S1 had another response (Ben 4): 3 - 3.5
        {
          interviewer: interviewer('Ada'),
          formsSent: 3,
          formsSubmitted: 3,
          medianHoursToFeedback: 8,
          averageOverallFit: 3,
          calibrationDelta: -0.5,
        },
        // Ben: S1 4h fit 4, S2 expired, S5 never sent; S1: 4 - 3.5
        {
          interviewer: interviewer('Ben'),
          formsSent: 2,
          formsSubmitted: 1,
          medianHoursToFeedback: 4,
          averageOverallFit: 4,
          calibrationDelta: 0.5,
        },
        // Cleo: S1 declined, S3 1h fit 1, S5 failed unsent, S6 24h fit 3; S3: 1 - 2, S6: 3 - 3.5
        {
          interviewer: interviewer('Cleo'),
          formsSent: 3,
          formsSubmitted: 2,
          medianHoursToFeedback: 12.5,
          averageOverallFit: 2,
          calibrationDelta: -0.75,
        },
        // Dan: S3 10h fit 3, S4 opened, S6 6h fit 4; S3: 3 - 2, S6: 4 - 3.5
        {
          interviewer: interviewer('Dan'),
          formsSent: 3,
          formsSubmitted: 2,
          medianHoursToFeedback: 8,
          averageOverallFit: 3.5,
          calibrationDelta: 0.75,
        },
        // Eve only has forms outside the range: not listed
      ],
      weekly: [
        // S1 + S2: 3 of 5 sent submitted; scores 60, 30
        { weekStart: '2025-03-03T00:00:00.000Z', sessionsCompleted: 2, responseRate: 0.6, averageFitScore: 45 },
        // S3 + S4: 3 of 4; scores 0, 100
        { weekStart: '2025-03-10T00:00:00.000Z', sessionsCompleted: 2, responseRate: 0.75, averageFitScore: 50 },
        // S5 + S6: 2 of 2 (S5 sent nothing); only S6 is scored
        { weekStart: '2025-03-17T00:00:00.000Z', sessionsCompleted: 2, responseRate: 1, averageFitScore: 83 },
      ],
    });
  });

  it('filters to the sessions of one role', async () => {
    expect(await dashboard(gql, { roleId: ids.backend, from: FROM, to: TO })).toEqual({
      from: FROM,
      to: TO,
      sessionsCompleted: 4, // S1, S2, S4, S5
      fitFeedbackRequested: 3, // S1, S4, S5
      formsSent: 7, // 3 + 2 + 2 + 0
      formsSubmitted: 4, // S1 2, S2 1, S4 1
      responseRate: expect.closeTo(4 / 7, 6),
      medianHoursToFeedback: 6, // 2 [4 8] 24
      answersReleased: 2,
      answersWithheld: 0,
      formsDeclined: 1,
      medianHoursToAnswer: 6, // S1 only
      helpfulRate: 0.5,
      fitDistribution: [
        { band: 'NOT_A_FIT', count: 0 },
        { band: 'PARTIAL_FIT', count: 1 },
        { band: 'GOOD_FIT', count: 1 },
        { band: 'STRONG_FIT', count: 1 },
      ],
      criteria: [
        expect.objectContaining({ criterion: expect.objectContaining({ label: 'Go' }), averageRating: 2.5, lackingCount: 2 }),
        expect.objectContaining({ criterion: expect.objectContaining({ label: 'Ownership' }), averageRating: 3, lackingCount: 1 }),
        expect.objectContaining({ criterion: expect.objectContaining({ label: 'Mentoring' }), averageRating: 3.5 }),
        expect.objectContaining({ criterion: expect.objectContaining({ label: 'Perl' }), averageRating: null }),
      ],
      interviewers: [
        {
          interviewer: interviewer('Ada'),
          formsSent: 3,
          formsSubmitted: 3,
          medianHoursToFeedback: 8,
          averageOverallFit: 3,
          calibrationDelta: -0.5,
        },
        {
          interviewer: interviewer('Ben'),
          formsSent: 2,
          formsSubmitted: 1,
          medianHoursToFeedback: 4,
          averageOverallFit: 4,
          calibrationDelta: 0.5,
        },
        // declined S1, unsent S5: forms but no response at all
        {
          interviewer: interviewer('Cleo'),
          formsSent: 1,
          formsSubmitted: 0,
          medianHoursToFeedback: null,
          averageOverallFit: null,
          calibrationDelta: null,
        },
        // S4 opened, never submitted
        {
          interviewer: interviewer('Dan'),
          formsSent: 1,
          formsSubmitted: 0,
          medianHoursToFeedback: null,
          averageOverallFit: null,
          calibrationDelta: null,
        },
      ],
      weekly: [
        { weekStart: '2025-03-03T00:00:00.000Z', sessionsCompleted: 2, responseRate: 0.6, averageFitScore: 45 },
        { weekStart: '2025-03-10T00:00:00.000Z', sessionsCompleted: 1, responseRate: 0.5, averageFitScore: 100 }, // S4
        { weekStart: '2025-03-17T00:00:00.000Z', sessionsCompleted: 1, responseRate: null, averageFitScore: null }, // S5
      ],
    });
  });

  it('counts a session completed exactly at `from` and leaves out one completed exactly at `to`', async () => {
    // S1 completed at 2025-03-03T10:00Z, S2 at 2025-03-05T15:00Z
    const d = await dashboard(gql, { from: '2025-03-03T10:00:00Z', to: '2025-03-05T15:00:00Z' });
    expect(d).toMatchObject({
      from: '2025-03-03T10:00:00.000Z',
      to: '2025-03-05T15:00:00.000Z',
      sessionsCompleted: 1,
      formsSent: 3,
      formsSubmitted: 2,
      medianHoursToFeedback: 3, // 2h and 4h
      criteria: [
        expect.objectContaining({
          criterion: expect.objectContaining({ label: 'Go' }),
          averageRating: 2.5,
          ratedCount: 2,
          lackingCount: 1,
        }),
        expect.objectContaining({ criterion: expect.objectContaining({ label: 'Ownership' }), averageRating: 3.5, lackingCount: 0 }),
        expect.objectContaining({ criterion: expect.objectContaining({ label: 'Mentoring' }), averageRating: null, ratedCount: 0 }),
        expect.objectContaining({ criterion: expect.objectContaining({ label: 'Perl' }), averageRating: null, ratedCount: 0 }),
      ],
      weekly: [
        { weekStart: '2025-03-03T00:00:00.000Z', sessionsCompleted: 1, responseRate: expect.closeTo(2 / 3, 6), averageFitScore: 60 },
      ],
    });
  });

  it('defaults to the 90 days up to now', async () => {
    const initech = h.recruiter('initech');
    const make = new Factory(h);
    const org = await make.organization(initech);
    const role = await make.role(org, 'Initech Role');
    const candidate = await make.candidate(org, 'Ivy');
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * HOUR).toISOString();
    await make.session({ org, role, candidate, endsAt: daysAgo(10), asked: true });
    await make.session({ org, role, candidate, endsAt: daysAgo(89) });
    await make.session({ org, role, candidate, endsAt: daysAgo(91) });

    const before = Date.now();
    const d = await dashboard(initech, {});
    expect(d.sessionsCompleted).toBe(2);
    expect(d.fitFeedbackRequested).toBe(1);
    expect(Date.parse(d.to)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(d.to)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(d.to) - Date.parse(d.from)).toBe(90 * 24 * HOUR);

    // only `to` given: the 90 days before it, [-140 days, -50 days)
    const until = await dashboard(initech, { to: daysAgo(50) });
    expect(Date.parse(until.to) - Date.parse(until.from)).toBe(90 * 24 * HOUR);
    expect(until.sessionsCompleted).toBe(2);
    // only `from` given: up to now
    expect((await dashboard(initech, { from: daysAgo(95) })).sessionsCompleted).toBe(3);
  });

  it('gives an organization without sessions zeros, nulls and every band', async () => {
    expect(await dashboard(h.recruiter('hooli'), { from: FROM, to: TO })).toEqual({
      from: FROM,
      to: TO,
      sessionsCompleted: 0,
      fitFeedbackRequested: 0,
      formsSent: 0,
      formsSubmitted: 0,
      responseRate: null,
      medianHoursToFeedback: null,
      answersReleased: 0,
      answersWithheld: 0,
      formsDeclined: 0,
      medianHoursToAnswer: null,
      helpfulRate: null,
      fitDistribution: ZERO_BANDS,
      criteria: [],
      interviewers: [],
      weekly: [],
    });
  });

  it("never counts another organization's data", async () => {
    // Globex has one session in the same weeks, and sees only that one
    expect(await dashboard(globexGql, { from: FROM, to: TO })).toMatchObject({
      sessionsCompleted: 1,
      fitFeedbackRequested: 1,
      formsSent: 1,
      formsSubmitted: 1,
      medianHoursToFeedback: 3,
      answersReleased: 1,
      medianHoursToAnswer: 5,
      helpfulRate: 0,
      fitDistribution: [{ band: 'NOT_A_FIT', count: 1 }, ...ZERO_BANDS.slice(1)],
      criteria: [expect.objectContaining({ roleTitle: 'Globex Role', averageRating: 1 })],
      interviewers: [expect.objectContaining({ interviewer: expect.objectContaining({ name: 'Zed' }), calibrationDelta: null })],
      weekly: [{ weekStart: '2025-03-10T00:00:00.000Z', sessionsCompleted: 1, responseRate: 1, averageFitScore: 0 }],
    });
  });

  it('refuses a role that is malformed, unknown or of another organization as NOT_FOUND', async () => {
    for (const roleId of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', ids.globexRole]) {
      const result = await gql(DASHBOARD, { roleId, from: FROM, to: TO });
      expect(result.data).toBeNull();
      expect(result.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    }
    // and the owner may filter by it
    expect((await dashboard(globexGql, { roleId: ids.globexRole, from: FROM, to: TO })).sessionsCompleted).toBe(1);
  });

  it.each([
    ['`from` after `to`', { from: TO, to: FROM }, [{ field: 'to', message: 'must not be before from' }]],
    ['`from` after now, with no `to`', { from: '2999-01-01T00:00:00Z' }, [{ field: 'to', message: 'must not be before from' }]],
    [
      'a range over 5 years',
      { from: '2019-12-31T23:59:59Z', to: '2025-01-01T00:00:00Z' },
      [{ field: 'from', message: 'must be at most 5 years before to' }],
    ],
    [
      'text that is no date',
      { from: 'last tuesday', to: 'soon' },
      [
        { field: 'from', message: 'must be a date and time with a time zone, such as 2026-12-07T10:00:00Z' },
        { field: 'to', message: 'must be a date and time with a time zone, such as 2026-12-07T10:00:00Z' },
      ],
    ],
    [
      'milliseconds and a date without a time',
      { from: 0, to: '2025-01-01' },
      [
        { field: 'from', message: 'must be a date and time with a time zone, such as 2026-12-07T10:00:00Z' },
        { field: 'to', message: 'must be a date and time with a time zone, such as 2026-12-07T10:00:00Z' },
      ],
    ],
    [
      'a date before 1970',
      { from: '0001-01-01T00:00:00Z', to: '1969-12-31T23:59:59Z' },
      [
        { field: 'from', message: 'must be between the years 1970 and 9999' },
        { field: 'to', message: 'must be between the years 1970 and 9999' },
      ],
    ],
  ])('refuses %s as BAD_USER_INPUT', async (_case, vars, fields) => {
    const result = await gql(DASHBOARD, { ...vars, roleId: ids.backend });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields });
  });

  it('accepts a range of exactly 5 years and an empty one', async () => {
    // S1..S6 and the session completed on Feb 28; the one completed at `to` stays out
    expect((await dashboard(gql, { from: '2020-03-22T00:00:00Z', to: TO })).sessionsCompleted).toBe(7);
    expect((await dashboard(gql, { from: FROM, to: FROM })).sessionsCompleted).toBe(0);
  });

  it('refuses anonymous callers as UNAUTHENTICATED', async () => {
    const result = await h.anonymous()(DASHBOARD, { from: FROM, to: TO });
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('reads the dashboard in a fixed number of statements from the rollups, however much data there is', async () => {
    const hooli = h.recruiter('hooli');
    await dashboard(hooli, {}); // provisions the recruiter, so only the steady-state lookup remains
    await dashboard(gql, { from: FROM, to: TO }); // folds in whatever the factories changed
    // every statement on any connection, prepared ones included
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      const countFor = async (client: Gql, vars: Record<string, unknown>, document = DASHBOARD) => {
        spy.mockClear();
        ok(await client(document, vars));
        const statements = spy.mock.calls.map(([query]) => (typeof query === 'string' ? query : (query as { text: string }).text));
        return {
          // the figure groups outside the selection are not read at all
          interviewerOrCriteria: statements.filter((sql) => /dashboard_(interviewer|criterion)_rollups|weekly_sums/.test(sql)).length,
          // the pending-changes probe, the sums, the medians' middle values
          dashboard: statements.filter((sql) => /dashboard_/.test(sql)).length,
          // promises kept included: from the rollups too, never a join over the range's sessions
          writeModel: statements.filter((sql) =>
            /\b(interview_sessions|feedback_forms|feedback_responses|criterion_ratings|candidate_answers|fit_feedback_requests)\b/.test(
              sql,
            ),
          ).length,
          // and the snapshot's BEGIN and COMMIT, RecruiterGuard's viewer lookup
          total: statements.length,
        };
      };
      const full = await countFor(gql, { from: FROM, to: TO });
      expect(full).toEqual({ interviewerOrCriteria: 1, dashboard: 3, writeModel: 0, total: 7 });
      expect(await countFor(gql, { roleId: ids.backend, from: FROM, to: TO })).toEqual(full);
      expect(await countFor(gql, { from: '2020-03-22T00:00:00Z', to: TO })).toEqual(full);
      // nothing in the range: no medians to pick
      expect(await countFor(hooli, { from: FROM, to: TO })).toEqual({ ...full, dashboard: 2, total: 6 });
      // the tiles: the same three statements, none reading interviewers, criteria or weeks
      const tiles = { interviewerOrCriteria: 0, dashboard: 3, writeModel: 0, total: 7 };
      expect(await countFor(gql, { from: FROM, to: TO }, TILES)).toEqual(tiles);
      expect(await countFor(gql, { roleId: ids.backend, from: FROM, to: TO }, TILES)).toEqual(tiles);
      // only the range: nothing read but the probe (and the viewer)
      expect(await countFor(gql, { from: FROM, to: TO }, '{ closingFeedbackDashboard { from to } }')).toEqual({
        interviewerOrCriteria: 0,
        dashboard: 1,
        writeModel: 0,
        total: 2,
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('gives the tiles the same figures as the whole dashboard, for all roles and per role', async () => {
    for (const vars of [
      { from: FROM, to: TO },
      { roleId: ids.backend, from: FROM, to: TO },
    ]) {
      const whole = await dashboard(gql, vars);
      const tiles = ok(await gql<{ closingFeedbackDashboard: Dashboard }>(TILES, vars)).closingFeedbackDashboard;
      const { promisesKeptRate, ...shared } = tiles;
      expect(Object.keys(shared)).toHaveLength(13);
      expect(shared).toEqual(Object.fromEntries(Object.keys(shared).map((key) => [key, whole[key]])));
      expect(typeof promisesKeptRate === 'number' || promisesKeptRate === null).toBe(true);
    }
  });
});
