// The dashboard's rollups under random writes: batches of random operations on the write model
// (sessions completed, forms sent/submitted/declined/expired/failed, answers composed, released,
// withheld, fit requests, helpful votes, re-ratings, erasure through the API), each followed by
// the dashboard for random ranges (edges mid-day) and roles, compared with the plain SQL of
// bench/support/dashboard-baseline.sql: every number, medians included, must match.
import { drainOrganization, rebuildDashboardRollups, transactionsOn } from '@closer/database';
import { Client } from 'pg';

import { ok, SubgraphHarness } from '../apps/candidate-service/test/subgraph.harness';
import { baselineDashboard, DASHBOARD_QUERY, dashboardDifferences, type DashboardNumbers } from '../bench/support/dashboard-baseline';

/** mulberry32: a small seeded generator, so a failure names the seed that reproduces it. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const SEED = Number(process.env.DASHBOARD_PROPERTY_SEED ?? Date.now() % 1_000_000);
const DAY = 86_400_000;
const HOUR = 3_600_000;
// a window crossing a year, quarters, months and ISO weeks
const START = Date.parse('2025-11-20T00:00:00Z');
const SPAN_DAYS = 80;

describe(`dashboard rollups under random writes (seed ${SEED})`, () => {
  let h: SubgraphHarness;
  let client: Client;
  let org: string;
  const roles: string[] = [];
  const criteria = new Map<string, string[]>();
  const interviewers: string[] = [];
  const candidates: string[] = [];
  const rnd = generator(SEED);

  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
  const one = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await q<T>(sql, params))[0];
  const instant = () => new Date(START + Math.floor(rnd.next() * SPAN_DAYS * DAY));

  beforeAll(async () => {
    h = await SubgraphHarness.start();
    client = new Client({ connectionString: h.database.url });
    await client.connect();
    const gql = h.recruiter('acme');
    org = ok(await gql<{ me: { organization: { id: string } } }>('{ me { organization { id } } }')).me.organization.id;
    for (let r = 0; r < 3; r++) {
      const role = (
        await one<{ id: string }>(`INSERT INTO roles (organization_id, title) VALUES ($1, $2) RETURNING id`, [org, `Role ${r}`])
      ).id;
      roles.push(role);
      const ids: string[] = [];
      for (let c = 0; c < 3 + r; c++) {
        const row = await one<{ id: string }>(
          `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position, retired_at)
           VALUES ($1, $2, $3, 'SKILL', $4, $5, $6) RETURNING id`,
          [org, role, `Criterion ${r}.${c}`, 1 + (c % 5), c, c === 0 && r === 1 ? new Date(START) : null],
        );
        ids.push(row.id);
      }
      criteria.set(role, ids);
    }
    for (const name of ['Ada', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn']) {
      interviewers.push(
        (
          await one<{ id: string }>(`INSERT INTO interviewers (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id`, [
            org,
            name,
            `${name.toLowerCase()}@example.test`,
          ])
        ).id,
      );
    }
    for (let c = 0; c < 8; c++) {
      candidates.push(
        (
          await one<{ id: string }>(`INSERT INTO candidates (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id`, [
            org,
            `Candidate ${c}`,
            `candidate${c}@example.test`,
          ])
        ).id,
      );
    }
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await h?.close();
  });

  // --- the operations ------------------------------------------------------------------------

  async function createSession(): Promise<void> {
    const role = rnd.pick(roles);
    const endsAt = instant();
    const status = rnd.chance(0.85) ? 'COMPLETED' : rnd.pick(['SCHEDULED', 'CANCELLED']);
    const session = (
      await one<{ id: string }>(
        `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at, cancelled_at)
       VALUES ($1, $2, $3, 'Onsite', $4, $5, $6, $7, $8) RETURNING id`,
        [
          org,
          rnd.pick(candidates),
          role,
          new Date(endsAt.getTime() - HOUR),
          endsAt,
          status,
          status === 'COMPLETED' ? new Date(endsAt.getTime() + rnd.int(0, 600_000)) : null,
          status === 'CANCELLED' ? endsAt : null,
        ],
      )
    ).id;
    const panel = [...interviewers].sort(() => rnd.next() - 0.5).slice(0, rnd.int(1, 4));
    for (const interviewer of panel) {
      await q(`INSERT INTO feedback_forms (organization_id, session_id, interviewer_id, status) VALUES ($1, $2, $3, 'PENDING')`, [
        org,
        session,
        interviewer,
      ]);
    }
  }

  async function completeScheduled(): Promise<void> {
    await q(
      `UPDATE interview_sessions SET status = 'COMPLETED', completed_at = ends_at + interval '3 minutes'
        WHERE id = (SELECT id FROM interview_sessions WHERE organization_id = $1 AND status = 'SCHEDULED' ORDER BY random() LIMIT 1)`,
      [org],
    );
  }

  const openForm = (statuses: string) =>
    one<{ id: string; session_id: string; interviewer_id: string; sent_at: Date | null; role_id: string; completed_at: Date }>(
      `SELECT f.id, f.session_id, f.interviewer_id, f.sent_at, s.role_id, s.completed_at
         FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id
        WHERE f.organization_id = $1 AND s.status = 'COMPLETED' AND f.status IN (${statuses})
        ORDER BY random() LIMIT 1`,
      [org],
    );

  async function sendForm(): Promise<void> {
    const form = await openForm(`'PENDING'`);
    if (form)
      await q(`UPDATE feedback_forms SET status = 'SENT', sent_at = $2 WHERE id = $1`, [
        form.id,
        new Date(form.completed_at.getTime() + 30_000),
      ]);
  }

  async function submitForm(): Promise<void> {
    const form = await openForm(`'SENT', 'OPENED'`);
    if (!form) return;
    // hours with fractions, some exactly equal, some under a minute
    const hours = rnd.pick([rnd.next() * 0.01, rnd.int(1, 72), rnd.next() * 100, 6]);
    const submittedAt = new Date(form.sent_at!.getTime() + Math.round(hours * HOUR));
    await q(`UPDATE feedback_forms SET status = 'SUBMITTED', submitted_at = $2 WHERE id = $1`, [form.id, submittedAt]);
    const response = (
      await one<{ id: string }>(
        `INSERT INTO feedback_responses (organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps, submitted_at)
       VALUES ($1, $2, $3, $4, $5, 'strong', 'some', $6) RETURNING id`,
        [org, form.id, form.session_id, form.interviewer_id, rnd.int(1, 4), submittedAt],
      )
    ).id;
    const ids = criteria.get(form.role_id)!;
    await q(
      `INSERT INTO criterion_ratings (response_id, criterion_id, organization_id, rating)
       SELECT $1, unnest($2::uuid[]), $3, unnest($4::smallint[])`,
      [response, ids, org, ids.map(() => (rnd.chance(0.15) ? null : rnd.int(1, 4)))],
    );
  }

  async function settleForm(): Promise<void> {
    const form = await openForm(`'PENDING', 'SENT', 'OPENED'`);
    if (!form) return;
    const status = rnd.pick(['DECLINED', 'EXPIRED', 'FAILED']);
    await q(`UPDATE feedback_forms SET status = $2, declined_at = CASE WHEN $2 = 'DECLINED' THEN now() END WHERE id = $1`, [
      form.id,
      status,
    ]);
  }

  async function composeAnswer(): Promise<void> {
    const session = await one<{ id: string; ends_at: Date }>(
      `SELECT s.id, s.ends_at FROM interview_sessions s
        WHERE s.organization_id = $1 AND s.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM candidate_answers a WHERE a.session_id = s.id)
        ORDER BY random() LIMIT 1`,
      [org],
    );
    if (!session) return;
    const status = rnd.pick(['RELEASED', 'WITHHELD', 'AWAITING_REVIEW', 'WAITING_FOR_FEEDBACK']);
    const band = status === 'WAITING_FOR_FEEDBACK' || rnd.chance(0.1) ? null : rnd.int(1, 4);
    await q(
      `INSERT INTO candidate_answers (organization_id, session_id, status, fit_band, fit_score, composed_at, released_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        org,
        session.id,
        status,
        band,
        band === null || rnd.chance(0.1) ? null : rnd.int(0, 100),
        band === null ? null : session.ends_at,
        status === 'RELEASED' ? new Date(session.ends_at.getTime() + rnd.int(60_000, 200 * HOUR)) : null,
      ],
    );
  }

  async function reviewAnswer(): Promise<void> {
    if (rnd.chance(0.6)) {
      await q(
        `UPDATE candidate_answers SET status = 'RELEASED', released_at = composed_at + interval '5 hours 7 minutes'
          WHERE id = (SELECT id FROM candidate_answers WHERE organization_id = $1 AND status = 'AWAITING_REVIEW' ORDER BY random() LIMIT 1)`,
        [org],
      );
    } else {
      await q(
        `UPDATE candidate_answers SET status = 'WITHHELD', withheld_reason = 'by a reviewer'
          WHERE id = (SELECT id FROM candidate_answers WHERE organization_id = $1 AND status = 'AWAITING_REVIEW' ORDER BY random() LIMIT 1)`,
        [org],
      );
    }
  }

  async function askForFeedback(): Promise<void> {
    await q(
      `INSERT INTO fit_feedback_requests (organization_id, session_id, source)
       SELECT $1, s.id, 'PORTAL' FROM interview_sessions s
        WHERE s.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM fit_feedback_requests q WHERE q.session_id = s.id)
        ORDER BY random() LIMIT 1`,
      [org],
    );
  }

  async function voteHelpful(): Promise<void> {
    await q(
      `UPDATE candidate_answers SET helpful = $2, rated_at = now()
        WHERE id = (SELECT id FROM candidate_answers WHERE organization_id = $1 AND status = 'RELEASED' ORDER BY random() LIMIT 1)`,
      [org, rnd.chance(0.6)],
    );
  }

  async function rerate(): Promise<void> {
    await q(
      `UPDATE criterion_ratings SET rating = $2
        WHERE (response_id, criterion_id) = (SELECT response_id, criterion_id FROM criterion_ratings WHERE organization_id = $1 ORDER BY random() LIMIT 1)`,
      [org, rnd.chance(0.2) ? null : rnd.int(1, 4)],
    );
  }

  async function erase(): Promise<void> {
    const candidate = rnd.pick(candidates);
    ok(await h.recruiter('acme')(`mutation($id: ID!) { eraseCandidate(id: $id) }`, { id: candidate }));
  }

  const operations: [number, () => Promise<void>][] = [
    [6, createSession],
    [1, completeScheduled],
    [6, sendForm],
    [6, submitForm],
    [2, settleForm],
    [3, composeAnswer],
    [2, reviewAnswer],
    [2, askForFeedback],
    [2, voteHelpful],
    [1, rerate],
    [0.3, erase],
  ];
  const weight = operations.reduce((sum, [w]) => sum + w, 0);
  const operation = () => {
    let x = rnd.next() * weight;
    for (const [w, op] of operations) if ((x -= w) < 0) return op;
    return operations[0][1];
  };

  const dashboard = async (scope: { from: Date; to: Date; roleId: string | null }) =>
    ok(
      await h.recruiter('acme')<{ closingFeedbackDashboard: DashboardNumbers }>(DASHBOARD_QUERY, {
        roleId: scope.roleId,
        from: scope.from.toISOString(),
        to: scope.to.toISOString(),
      }),
    ).closingFeedbackDashboard;

  const randomScope = () => {
    const kind = rnd.int(0, 3);
    const a = instant();
    const b = instant();
    const [from, to] =
      kind === 0
        ? [new Date(START - 400 * DAY), new Date(START + (SPAN_DAYS + 1) * DAY)] // everything
        : kind === 1
          ? [new Date(Math.min(a.getTime(), b.getTime())), new Date(Math.max(a.getTime(), b.getTime()))] // any instants
          : kind === 2
            ? [a, new Date(a.getTime() + rnd.int(1, 20) * HOUR)] // within a day or two
            : [new Date(Date.UTC(2025, 11, 1)), new Date(Date.UTC(2026, 1, 1, 12, 30))]; // whole months and a half day
    return { organizationId: org, from, to, roleId: rnd.chance(0.4) ? rnd.pick(roles) : null };
  };

  it('gives the numbers of the plain SQL after every batch of random writes', async () => {
    const inTransaction = transactionsOn(h.dataSource);
    let compared = 0;
    let withMedians = 0;
    for (let batch = 0; batch < 10; batch++) {
      const size = batch === 0 ? 40 : rnd.int(5, 25);
      for (let i = 0; i < size; i++) await operation()();
      // sometimes a worker's drains race the read (they must neither double-count nor deadlock)
      const racing = rnd.chance(0.5)
        ? [
            drainOrganization(inTransaction, org, { wait: false, batch: 3 }),
            drainOrganization(inTransaction, org, { wait: false, batch: 5 }),
          ]
        : [];
      for (let check = 0; check < 5; check++) {
        const scope = randomScope();
        const [actual] = await Promise.all([dashboard(scope), ...racing.splice(0)]);
        const expected = await baselineDashboard(client, scope);
        expect({ batch, scope, differences: dashboardDifferences(expected, actual) }).toEqual({ batch, scope, differences: [] });
        compared++;
        if (expected.medianHoursToFeedback !== null && expected.interviewers.some((i) => i.medianHoursToFeedback !== null)) withMedians++;
      }
    }
    // the comparisons covered real figures, not only empty ranges
    expect(compared).toBe(50);
    expect(withMedians).toBeGreaterThan(10);
    const [{ pending }] = await q<{ pending: number }>('SELECT count(*)::int AS pending FROM dashboard_dirty_sessions');
    expect(pending).toBe(0);
  }, 240_000);

  it('leaves the rollups equal to a rebuild from scratch', async () => {
    const snapshot = () =>
      q(
        `SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dashboard_rollups t WHERE sessions <> 0 OR forms_sent <> 0 OR forms_submitted <> 0 OR forms_declined <> 0) AS rollups,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dashboard_hist_rollups t WHERE feedback <> 0 OR answer <> 0) AS hist,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT organization_id, grain, bucket, interviewer_id, forms, forms_sent, forms_submitted, responses, fit_sum, calibration_n, calibration_sum::float8 FROM dashboard_interviewer_rollups WHERE forms <> 0 OR responses <> 0) t) AS interviewers,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dashboard_criterion_rollups t WHERE ratings <> 0) AS criteria`,
      );
    const incremental = await snapshot();
    await rebuildDashboardRollups((sql, params) => q(sql, params), [org]);
    expect(await snapshot()).toEqual(incremental);
  }, 60_000);
});
