// The scale seeder and the dashboard baseline of bench/, on a small seed: the GraphQL dashboard
// must give exactly the numbers of the straightforward SQL (bench/support/dashboard-baseline.sql)
// for every benchmark case, and seeding must be idempotent, deterministic and refuse foreign data.
import { Client } from 'pg';

import { ok, SubgraphHarness } from '../apps/candidate-service/test/subgraph.harness';
import { baselineDashboard, DASHBOARD_QUERY, dashboardDifferences, type DashboardNumbers } from '../bench/support/dashboard-baseline';
import { type DashboardCase, dashboardCases } from '../bench/support/dashboard-cases';
import { seedRecruiter, SeedRefusedError, seedScale, type SeedSummary } from '../bench/support/seed-scale';

const SMALL = { responses: 2_000, organizations: 6 };

describe('dashboard baseline on a scale seed', () => {
  let h: SubgraphHarness;
  let client: Client;
  let summary: SeedSummary;
  let cases: DashboardCase[];
  const now = new Date();

  const fingerprint = async () =>
    (
      await client.query<{ responses: string; ratings: string; answers: string }>(
        `SELECT (SELECT md5(string_agg(id::text || overall_fit, ',' ORDER BY id)) FROM feedback_responses) AS responses,
                (SELECT md5(string_agg(response_id::text || criterion_id::text || coalesce(rating, 0), ',' ORDER BY response_id, criterion_id))
                   FROM criterion_ratings) AS ratings,
                (SELECT md5(string_agg(session_id::text || status || coalesce(fit_band, 0), ',' ORDER BY session_id)) FROM candidate_answers) AS answers`,
      )
    ).rows[0];

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    client = new Client({ connectionString: h.database.url });
    await client.connect();
    const seeded = await seedScale(client, SMALL, { progress: false });
    expect(seeded.skipped).toBe(false);
    summary = seeded.summary;
    cases = await dashboardCases(client, summary, now);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await h?.close();
  });

  it('seeds the requested shape', async () => {
    expect(summary.rows.organizations).toBe(SMALL.organizations);
    expect(summary.rows.roles).toBe(SMALL.organizations * 40);
    // ~85% of ~3 forms per session answered: the response count lands near the request
    expect(summary.rows.feedback_responses).toBeGreaterThan(SMALL.responses * 0.9);
    expect(summary.rows.feedback_responses).toBeLessThan(SMALL.responses * 1.1);
    expect(summary.big.responses).toBeGreaterThan(0);
    const [shape] = (
      await client.query<{ min_criteria: number; max_criteria: number; statuses: string[] }>(
        `SELECT (SELECT min(n) FROM (SELECT count(*)::int AS n FROM criteria WHERE retired_at IS NULL GROUP BY role_id) x) AS min_criteria,
                (SELECT max(n) FROM (SELECT count(*)::int AS n FROM criteria WHERE retired_at IS NULL GROUP BY role_id) x) AS max_criteria,
                (SELECT array_agg(DISTINCT status ORDER BY status) FROM candidate_answers) AS statuses`,
      )
    ).rows;
    expect(shape.min_criteria).toBeGreaterThanOrEqual(4);
    expect(shape.max_criteria).toBeLessThanOrEqual(8);
    expect(shape.statuses).toEqual(expect.arrayContaining(['RELEASED', 'WITHHELD']));
  });

  it('builds the dashboard rollups itself and leaves nothing for a drain', async () => {
    const [state] = (
      await client.query<{ dirty: number; facts: number; completed: number; rollups: number }>(
        `SELECT (SELECT count(*)::int FROM dashboard_dirty_sessions) AS dirty,
                (SELECT count(*)::int FROM dashboard_session_facts) AS facts,
                (SELECT count(*)::int FROM interview_sessions WHERE status = 'COMPLETED') AS completed,
                (SELECT count(*)::int FROM dashboard_rollups) AS rollups`,
      )
    ).rows;
    expect(state.dirty).toBe(0);
    expect(state.facts).toBe(state.completed);
    expect(state.rollups).toBeGreaterThan(0);
  });

  it('covers the big and typical tenants, both ranges, with and without a role', () => {
    expect(cases.map((c) => c.name)).toHaveLength(8);
    expect(cases.every((c) => c.sessions > 0)).toBe(true);
  });

  it('gives the same numbers through GraphQL as the baseline SQL, case by case', async () => {
    const emptyRange = { ...cases[0], name: 'big · an empty year', scope: { ...cases[0].scope } };
    emptyRange.scope.to = new Date(now.getTime() - 4 * 365 * 86_400_000);
    emptyRange.scope.from = new Date(emptyRange.scope.to.getTime() - 365 * 86_400_000);
    emptyRange.variables = { roleId: null, from: emptyRange.scope.from.toISOString(), to: emptyRange.scope.to.toISOString() };

    for (const c of [...cases, emptyRange]) {
      const gql = h.recruiter(c.slug, seedRecruiter(c.slug));
      const actual = ok(await gql<{ closingFeedbackDashboard: DashboardNumbers }>(DASHBOARD_QUERY, c.variables)).closingFeedbackDashboard;
      const expected = await baselineDashboard(client, c.scope);
      expect({ case: c.name, differences: dashboardDifferences(expected, actual) }).toEqual({ case: c.name, differences: [] });
      if (c === emptyRange) {
        expect(expected).toMatchObject({ sessionsCompleted: 0, responseRate: null, medianHoursToFeedback: null, criteria: [], weekly: [] });
      } else {
        // the comparison is only worth something when the figures are there
        expect(expected.criteria.length).toBeGreaterThan(0);
        expect(expected.interviewers.length).toBeGreaterThan(0);
        expect(expected.formsSubmitted).toBeGreaterThan(0);
      }
    }
  });

  it('signing in as the seeded recruiter provisions nothing', async () => {
    const [{ users }] = (await client.query<{ users: number }>('SELECT count(*)::int AS users FROM users')).rows as [{ users: number }];
    expect(users).toBe(SMALL.organizations);
  });

  it('skips a second seed with the same arguments and reproduces the same rows when reseeding', async () => {
    const before = await fingerprint();
    const again = await seedScale(client, SMALL, { progress: false });
    expect(again.skipped).toBe(true);
    expect(await fingerprint()).toEqual(before);

    const reseeded = await seedScale(client, SMALL, { progress: false, reseed: true });
    expect(reseeded.skipped).toBe(false);
    expect(reseeded.summary.rows).toEqual(summary.rows);
    expect(await fingerprint()).toEqual(before);
  }, 60_000);

  it('refuses a database holding organizations it did not create, and changes nothing', async () => {
    await client.query(`INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme')`);
    const before = await fingerprint();
    await expect(seedScale(client, { ...SMALL, responses: 1_000 }, { progress: false })).rejects.toThrow(SeedRefusedError);
    expect(await fingerprint()).toEqual(before);
  });

  it('with force, replaces only its own organizations', async () => {
    const forced = await seedScale(client, { ...SMALL, responses: 1_000 }, { progress: false, force: true });
    expect(forced.skipped).toBe(false);
    const [counts] = (
      await client.query<{ acme: number; seeded: number; responses: number }>(
        `SELECT count(*) FILTER (WHERE slug = 'acme')::int AS acme, count(*) FILTER (WHERE slug LIKE 'seed-%')::int AS seeded,
                (SELECT count(*)::int FROM feedback_responses) AS responses
           FROM organizations`,
      )
    ).rows;
    expect(counts).toEqual({ acme: 1, seeded: SMALL.organizations, responses: forced.summary.rows.feedback_responses });
    expect(forced.summary.rows.feedback_responses).toBeLessThan(1_100);
  }, 60_000);
});
