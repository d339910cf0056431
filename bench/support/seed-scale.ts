// The scale seeder (`npm run seed:scale`): years of realistic feedback for 50 organizations,
// generated inside PostgreSQL with set-returning functions (INSERT … SELECT generate_series), so
// no row crosses the wire — as fast as COPY, with no extra package. Every value is a pure function
// of (organization, row number) through hashint8extended and md5, so the same arguments always
// give the same rows, ids included; only the time anchor (the hour the seed ran) moves.
import { createHash } from 'node:crypto';

import type { Client } from 'pg';

import { rebuildDashboardRollups } from '../../libs/database/src/dashboard-rollups';
import { Progress } from './progress';

export const SEED_SLUG_PREFIX = 'seed-';
/** The organization bench:submit fills and empties; a seed organization so seed:scale may replace it. */
export const SUBMIT_BENCH_SLUG = 'seed-submit-bench';
const ROLES_PER_ORG = 40;
const HISTORY_DAYS = 730;
const FORMS_PER_SESSION = 3; // 20% panels of 2, 60% of 3, 20% of 4
const SUBMIT_RATE = 0.85; // interviewers' submit propensity, 0.73..0.97, averages this
const BIG_SHARE = 0.1;
/** Bumped whenever the generated shapes change, so an old seed is never mistaken for a current one. */
const GENERATOR_VERSION = 2; // 2: the dashboard rollups are built too

export interface SeedScaleOptions {
  responses: number;
  organizations?: number;
}

export interface SeedOrgPlan {
  index: number;
  id: string;
  slug: string;
  name: string;
  recruiterId: string;
  completedSessions: number;
  cancelledSessions: number;
  scheduledSessions: number;
  interviewers: number;
  candidates: number;
  deadlineHours: number;
  minResponses: number;
  shareScore: boolean;
}

export interface SeedSummary {
  args: { responses: number; organizations: number; version: number };
  anchor: string;
  seconds: number;
  big: { slug: string; responses: number };
  typical: { slug: string; responses: number };
  rows: Record<string, number>;
}

export interface SeedResult {
  skipped: boolean;
  summary: SeedSummary;
}

export class SeedRefusedError extends Error {}

/** The recruiter identity seeded in every organization: signing in as it provisions nothing new. */
export function seedRecruiter(slug: string): { sub: string; org: string; email: string; name: string; role: string } {
  return { sub: 'seed-recruiter', org: slug, email: `recruiter@${slug}.seed.test`, name: `Recruiter of ${slug}`, role: 'recruiter' };
}

/** The same uuid PostgreSQL's `md5(text)::uuid` gives. */
function md5Uuid(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function planOrganizations(options: SeedScaleOptions): { orgs: SeedOrgPlan[]; big: number; typical: number } {
  const count = Math.max(1, Math.floor(options.organizations ?? 50));
  const completedTotal = Math.max(count, Math.round(options.responses / (FORMS_PER_SESSION * SUBMIT_RATE)));
  // the big tenant takes 10%; the others spread 0.6x..1.4x around an even share
  const weights = Array.from({ length: count }, (_, i) =>
    i === 0 ? 0 : 0.6 + (0.8 * ((i * 37) % Math.max(1, count - 1))) / Math.max(1, count - 2),
  );
  const otherWeight = weights.reduce((sum, w) => sum + w, 0);
  const orgs = weights.map((weight, index): SeedOrgPlan => {
    const share = count === 1 ? 1 : index === 0 ? BIG_SHARE : ((1 - BIG_SHARE) * weight) / otherWeight;
    const completedSessions = Math.max(1, Math.round(completedTotal * share));
    const slug = `${SEED_SLUG_PREFIX}${String(index).padStart(2, '0')}`;
    return {
      index,
      id: md5Uuid(`o:${index}`),
      slug,
      name: index === 0 ? `Seed ${String(index).padStart(2, '0')} (big)` : `Seed ${String(index).padStart(2, '0')}`,
      recruiterId: md5Uuid(`u:${index}`),
      completedSessions,
      cancelledSessions: Math.round(completedSessions * 0.03),
      scheduledSessions: Math.min(200, Math.max(1, Math.round(completedSessions / 100))),
      interviewers: Math.min(400, Math.max(8, Math.round(completedSessions / 120))),
      candidates: Math.max(1, Math.ceil(completedSessions * 0.6)),
      deadlineHours: index % 7 === 3 ? 72 : 48,
      minResponses: index % 10 === 4 ? 1 : 2,
      shareScore: index % 3 === 0,
    };
  });
  // typical: the organization of median size among the others
  const others = orgs.slice(1).sort((a, b) => a.completedSessions - b.completedSessions || a.index - b.index);
  const typical = others.length > 0 ? others[Math.floor((others.length - 1) / 2)]!.index : 0;
  return { orgs, big: 0, typical };
}

// --- SQL building blocks ---------------------------------------------------------------------

/** A uniform [0, 1) value, a pure function of (key, salt). */
const U = (key: string, salt: number) => `((hashint8extended((${key})::bigint, ${salt}) & 2147483647)::float8 / 2147483648.0)`;
const uid = (namespace: string, key: string) => `md5('${namespace}:' || (${key}))::uuid`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const array = (items: readonly string[]) => `ARRAY[${items.map(literal).join(', ')}]::text[]`;
const pick = (items: readonly string[], u: string) => `(${array(items)})[1 + floor(${u} * ${items.length})::int]`;

const ROLE_TITLES = [
  'Backend Engineer',
  'Frontend Engineer',
  'Full-Stack Engineer',
  'Data Engineer',
  'Data Scientist',
  'Site Reliability Engineer',
  'Mobile Engineer',
  'QA Engineer',
  'Product Manager',
  'Product Designer',
  'UX Researcher',
  'Engineering Manager',
  'Account Executive',
  'Sales Development Representative',
  'Customer Success Manager',
  'Support Specialist',
  'Marketing Manager',
  'Financial Analyst',
  'Recruiter',
  'Security Engineer',
];
const CRITERIA: readonly (readonly [string, 'SKILL' | 'EXPERIENCE' | 'QUALITY'])[] = [
  ['System design', 'SKILL'],
  ['TypeScript', 'SKILL'],
  ['SQL and data modelling', 'SKILL'],
  ['Testing discipline', 'SKILL'],
  ['Debugging', 'SKILL'],
  ['API design', 'SKILL'],
  ['Cloud infrastructure', 'SKILL'],
  ['Security basics', 'SKILL'],
  ['Performance tuning', 'SKILL'],
  ['Code review', 'SKILL'],
  ['Frontend architecture', 'SKILL'],
  ['Distributed systems', 'SKILL'],
  ['Data analysis', 'SKILL'],
  ['Negotiation', 'SKILL'],
  ['Forecasting', 'SKILL'],
  ['Stakeholder management', 'SKILL'],
  ['Production on-call', 'EXPERIENCE'],
  ['Leading a team', 'EXPERIENCE'],
  ['Shipping to customers', 'EXPERIENCE'],
  ['Scaling a product', 'EXPERIENCE'],
  ['B2B sales cycles', 'EXPERIENCE'],
  ['Hiring', 'EXPERIENCE'],
  ['Regulated industries', 'EXPERIENCE'],
  ['Early-stage product work', 'EXPERIENCE'],
  ['Written communication', 'QUALITY'],
  ['Ownership', 'QUALITY'],
  ['Collaboration', 'QUALITY'],
  ['Curiosity', 'QUALITY'],
  ['Structured thinking', 'QUALITY'],
  ['Coaching others', 'QUALITY'],
  ['Handling ambiguity', 'QUALITY'],
  ['Customer focus', 'QUALITY'],
];
const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Femi',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kavya',
  'Liam',
  'Maya',
  'Noor',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Aleksander',
  'Bea',
  'Cyrus',
  'Dana',
];
const LAST_NAMES = [
  'Okafor',
  'Lindqvist',
  'García',
  'Nakamura',
  'Schmidt',
  'Dubois',
  'Kowalski',
  'Haddad',
  'Osei',
  'Novak',
  'Rossi',
  'Silva',
  'Tanaka',
  'Walsh',
  'Yilmaz',
  'Andersen',
  'Byrne',
  'Costa',
  'Díaz',
  'Eriksen',
  'Fischer',
  'Gupta',
  'Hughes',
  'Ivanova',
  'Jensen',
  'Khan',
  'Laurent',
  'Moreau',
  'Nguyen',
  'Olsen',
];
const SESSION_KINDS = ['Technical interview', 'Onsite loop', 'Hiring manager conversation', 'Panel interview', 'Case study', 'Final round'];
const NEXT_STEPS = [
  'We will get back to you within a week.',
  'A recruiter will call you about the next round.',
  'Expect an email about the final round soon.',
  'We will share a decision after the last interviews.',
];
const STRENGTHS = [
  'Clear structure when explaining trade-offs.',
  'Asked sharp questions about the product and its users.',
  'Strong fundamentals; wrote clean, tested code under time pressure.',
  'Good instincts for prioritising what matters to customers.',
  'Explained past projects concretely, with numbers.',
  'Listened well and built on the panel’s hints.',
  'Calm and methodical when the problem got harder.',
  'Showed real ownership of past outcomes, good and bad.',
];
const GAPS = [
  'Little evidence of operating systems in production.',
  'Design discussion stayed high level; no failure modes.',
  'Could not yet show leading others through a project.',
  'Testing came late and stayed shallow.',
  'Struggled to quantify the impact of past work.',
  'Needed many hints on the data modelling part.',
  'Did not ask about constraints before designing.',
  'Nothing lacking that this session could show.',
];
const MESSAGES = [
  'Thank you for a thoughtful conversation; your structured approach stood out.',
  'You explained your past work clearly. Practising system design at scale would help.',
  'Great questions about the team. Showing more depth in testing would strengthen your case.',
  'We enjoyed the session. Concrete numbers about your impact would make your examples stronger.',
  'Your debugging was methodical. Broader production experience would help for this role.',
  'Thank you for your time and openness throughout the interview.',
];
const PRIVATE_NOTES = [
  'Check references on the last role.',
  'Strong hire signal from me.',
  'Not sure about seniority level.',
  'Compare with the other finalist.',
];
const RATING_NOTES = ['Solid examples.', 'Only partly covered.', 'Ran out of time here.', 'Clearly above the bar.'];
const DECLINE_REASONS = ['Did not attend the session', 'Joined too late to judge', 'Conflict of interest', 'No basis to judge this role'];
const WITHHOLD_REASONS = [
  'The panel disagreed too much to answer fairly',
  'The candidate withdrew',
  'Better discussed in a call than in writing',
];
const HELPFUL_COMMENTS = ['Thanks, this was useful.', 'Clear and kind.', 'Too vague to act on.', 'Helped me prepare for the next one.'];

// --- the seeder ------------------------------------------------------------------------------

const MARKER_DDL = `
  CREATE SCHEMA IF NOT EXISTS seed_scale;
  CREATE TABLE IF NOT EXISTS seed_scale.runs (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    args jsonb NOT NULL,
    summary jsonb NOT NULL,
    seeded_at timestamptz NOT NULL DEFAULT now()
  )`;

/** Sessions per chunk: large enough that per-statement overhead vanishes, small enough for steady progress. */
const CHUNK = 12_000;

export interface SeedRunOptions {
  /** Seed next to organizations that seed:scale did not create (they are left alone). */
  force?: boolean;
  /** Seed again even when the database already holds a seed made with the same arguments. */
  reseed?: boolean;
  progress?: boolean;
  log?: (line: string) => void;
}

/**
 * Seeds `client`'s database (migrated already). Refuses a database with organizations of its own
 * unless forced; skips when the same arguments were seeded already; otherwise replaces every seed
 * organization in one transaction, so an interrupted run leaves the previous state.
 */
export async function seedScale(client: Client, options: SeedScaleOptions, run: SeedRunOptions = {}): Promise<SeedResult> {
  const log = run.log ?? (() => undefined);
  const plan = planOrganizations(options);
  const args = { responses: Math.floor(options.responses), organizations: plan.orgs.length, version: GENERATOR_VERSION };

  await client.query(MARKER_DDL);
  const foreign = await client.query<{ slug: string; total: number }>(
    `SELECT slug, count(*) OVER ()::int AS total FROM organizations WHERE slug NOT LIKE '${SEED_SLUG_PREFIX}%' ORDER BY slug LIMIT 3`,
  );
  if (foreign.rows.length > 0 && !run.force) {
    const { total } = foreign.rows[0]!;
    throw new SeedRefusedError(
      `refusing to seed: the database holds ${total} organization(s) seed:scale did not create (${foreign.rows.map((r) => r.slug).join(', ')}${total > 3 ? ', …' : ''}). ` +
        'Use another database (DATABASE_URL) or pass --force to seed next to them (only seed-* organizations are replaced).',
    );
  }
  const marker = await client.query<{ args: SeedSummary['args']; summary: SeedSummary }>('SELECT args, summary FROM seed_scale.runs');
  const seeded = marker.rows[0];
  if (seeded && !run.reseed && sameArgs(seeded.args, args)) {
    const present = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM organizations WHERE slug = ANY($1::text[])`, [
      plan.orgs.map((o) => o.slug),
    ]);
    if (present.rows[0]!.n === plan.orgs.length) return { skipped: true, summary: seeded.summary };
  }

  const started = Date.now();
  const rows: Record<string, number> = {};
  const add = (table: string, count: number | null) => (rows[table] = (rows[table] ?? 0) + (count ?? 0));
  const responsesByOrg = new Map<number, number>();

  await client.query(`SET temp_buffers = '256MB'`).catch(() => undefined); // only before the session's first temp table
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL work_mem = '256MB'; SET LOCAL synchronous_commit = off`);
    const { rows: anchorRows } = await client.query<{ anchor: Date }>(`SELECT date_trunc('hour', now()) AS anchor`);
    const anchor = anchorRows[0]!.anchor;
    log(`clearing previous seed data`);
    await clear(client, foreign.rows.length > 0);
    // bulk loading: foreign keys and secondary indexes go and come back (validated, rebuilt in one
    // sorted pass each) instead of being checked and updated row by row; all in this transaction
    const restore = foreign.rows.length > 0 ? null : await dropSecondaryStructures(client);
    // the rollups are built set-based at the end instead of marking every loaded session dirty
    await setDashboardTriggers(client, 'DISABLE');
    await setUp(client, plan.orgs, anchor, add);

    const total = plan.orgs.reduce((sum, o) => sum + o.completedSessions + o.cancelledSessions + o.scheduledSessions, 0);
    const progress = new Progress('seed:scale sessions', total, run.progress !== false);
    let done = 0;
    for (const org of plan.orgs) {
      const last = org.completedSessions + org.cancelledSessions + org.scheduledSessions - 1;
      for (let lo = 0; lo <= last; lo += CHUNK) {
        const hi = Math.min(last, lo + CHUNK - 1);
        const responses = await seedChunk(client, org, lo, hi, anchor, add);
        responsesByOrg.set(org.index, (responsesByOrg.get(org.index) ?? 0) + responses);
        done += hi - lo + 1;
        progress.update(done, `${(rows.feedback_responses ?? 0).toLocaleString('en-US')} responses`);
      }
    }
    progress.finish(`${(rows.feedback_responses ?? 0).toLocaleString('en-US')} responses`);
    await client.query('DROP TABLE seed_org, seed_role, seed_crit, seed_iv');
    log('building the dashboard rollups');
    await rebuildDashboardRollups(
      async (sql, params) => (await client.query(sql, params)).rows,
      plan.orgs.map((o) => o.id),
    );
    await setDashboardTriggers(client, 'ENABLE');
    if (restore) {
      log('rebuilding indexes and validating foreign keys');
      await restore();
    }

    const big = plan.orgs[plan.big]!;
    const typical = plan.orgs[plan.typical]!;
    const summary: SeedSummary = {
      args,
      anchor: anchor.toISOString(),
      seconds: 0,
      big: { slug: big.slug, responses: responsesByOrg.get(big.index) ?? 0 },
      typical: { slug: typical.slug, responses: responsesByOrg.get(typical.index) ?? 0 },
      rows,
    };
    summary.seconds = Math.round((Date.now() - started) / 100) / 10;
    await client.query(
      `INSERT INTO seed_scale.runs (id, args, summary) VALUES (true, $1, $2)
       ON CONFLICT (id) DO UPDATE SET args = EXCLUDED.args, summary = EXCLUDED.summary, seeded_at = now()`,
      [JSON.stringify(args), JSON.stringify(summary)],
    );
    log('committing');
    await client.query('COMMIT');
    log('analyzing');
    // fresh statistics and visibility maps: the planner and index-only scans see the data as it is
    await client.query(
      `VACUUM (ANALYZE) organizations, users, roles, criteria, interviewers, candidates, interview_sessions, feedback_forms, feedback_responses, criterion_ratings, candidate_answers, fit_feedback_requests, ${DASHBOARD_TABLES.join(', ')}`,
    );
    summary.seconds = Math.round((Date.now() - started) / 100) / 10;
    await client.query(`UPDATE seed_scale.runs SET summary = $1`, [JSON.stringify(summary)]);
    return { skipped: false, summary };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function sameArgs(a: SeedSummary['args'], b: SeedSummary['args']): boolean {
  return a.responses === b.responses && a.organizations === b.organizations && a.version === b.version;
}

async function clear(client: Client, hasForeign: boolean): Promise<void> {
  if (!hasForeign) {
    // everything here is seed data: TRUNCATE reaches every table that hangs off organizations
    await client.query(`TRUNCATE organizations, dashboard_dirty_sessions, ${DASHBOARD_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
    return;
  }
  const seedOrgs = `(SELECT id FROM organizations WHERE slug LIKE '${SEED_SLUG_PREFIX}%')`;
  for (const table of [...ORGANIZATION_TABLES_CHILD_FIRST, 'organizations']) {
    await client.query(`DELETE FROM ${table} WHERE ${table === 'organizations' ? 'id' : 'organization_id'} IN ${seedOrgs}`);
  }
}

/** Every table whose rows belong to an organization, children before parents (safe delete order). */
export const ORGANIZATION_TABLES_CHILD_FIRST = [
  'webhook_deliveries',
  'webhook_endpoints',
  'api_keys',
  'criterion_ratings',
  'feedback_responses',
  'candidate_answers',
  'fit_feedback_requests',
  'feedback_forms',
  'interview_sessions',
  'criteria',
  'roles',
  'interviewers',
  'candidates',
  'users',
  'email_deliveries',
  'outbox_events',
  // last: deleting the rows above marks their sessions dirty
  'dashboard_dirty_sessions',
  'dashboard_session_facts',
  'dashboard_form_facts',
  'dashboard_response_facts',
  'dashboard_rating_facts',
  'dashboard_rollups',
  'dashboard_hist_rollups',
  'dashboard_interviewer_rollups',
  'dashboard_criterion_rollups',
] as const;

/** The dashboard's facts and rollups (libs/database/src/dashboard-rollups), filled by the seed at the end. */
const DASHBOARD_TABLES = ORGANIZATION_TABLES_CHILD_FIRST.filter(
  (table) => table.startsWith('dashboard_') && table !== 'dashboard_dirty_sessions',
);

/** The write-model tables whose triggers mark sessions dirty for the dashboard rollups. */
const DASHBOARD_TRIGGER_TABLES = [
  'interview_sessions',
  'feedback_forms',
  'feedback_responses',
  'criterion_ratings',
  'candidate_answers',
  'fit_feedback_requests',
];

/** Switches the dashboard's dirty-marking triggers off for the bulk load and on again (inside the seed's transaction). */
async function setDashboardTriggers(client: Client, action: 'ENABLE' | 'DISABLE'): Promise<void> {
  for (const table of DASHBOARD_TRIGGER_TABLES) {
    for (const event of ['inserted', 'deleted', 'updated'])
      await client.query(`ALTER TABLE ${table} ${action} TRIGGER dashboard_${table}_${event}`);
  }
}

const LOADED_TABLES = [
  'users',
  'roles',
  'criteria',
  'interviewers',
  'candidates',
  'interview_sessions',
  'feedback_forms',
  'feedback_responses',
  'criterion_ratings',
  'candidate_answers',
  'fit_feedback_requests',
  ...DASHBOARD_TABLES,
];

/**
 * Drops the foreign keys and the indexes other than primary keys of the tables the seed fills, as
 * the catalog defines them now; the returned function recreates exactly those definitions.
 */
async function dropSecondaryStructures(client: Client): Promise<() => Promise<void>> {
  const { rows: foreignKeys } = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])`,
    [LOADED_TABLES],
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
       FROM pg_index i
      WHERE indrelid = ANY($1::regclass[]) AND NOT indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [LOADED_TABLES],
  );
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT "${fk.name}"`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  return async () => {
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    for (const index of indexes) await client.query(index.def);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
  };
}

type Add = (table: string, count: number | null) => void;

async function setUp(client: Client, orgs: SeedOrgPlan[], anchor: Date, add: Add): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE seed_org AS
     SELECT * FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::uuid[], $10::bool[])
       AS t(org_idx, id, slug, name, deadline_hours, min_resp, n_iv, n_cand, recruiter_id, share_score)`,
    [
      orgs.map((o) => o.index),
      orgs.map((o) => o.id),
      orgs.map((o) => o.slug),
      orgs.map((o) => o.name),
      orgs.map((o) => o.deadlineHours),
      orgs.map((o) => o.minResponses),
      orgs.map((o) => o.interviewers),
      orgs.map((o) => o.candidates),
      orgs.map((o) => o.recruiterId),
      orgs.map((o) => o.shareScore),
    ],
  );
  const a = '$1::timestamptz';
  const params = [anchor];
  add(
    'organizations',
    (
      await client.query(
        `INSERT INTO organizations (id, slug, name, feedback_deadline_hours, reminder_hours, min_responses_for_answer, share_score_with_candidates, created_at)
         SELECT id, slug, name, deadline_hours, ARRAY[24, deadline_hours - 4], min_resp, share_score, ${a} - interval '800 days' FROM seed_org`,
        params,
      )
    ).rowCount,
  );
  add(
    'users',
    (
      await client.query(
        `INSERT INTO users (id, organization_id, subject, email, name, role, created_at)
         SELECT recruiter_id, id, 'seed-recruiter', 'recruiter@' || slug || '.seed.test', 'Recruiter of ' || slug, 'recruiter',
                ${a} - interval '800 days'
           FROM seed_org`,
        params,
      )
    ).rowCount,
  );

  await client.query(
    `CREATE TEMP TABLE seed_role AS
     SELECT o.org_idx, r AS role_idx, x.rk, ${uid('r', 'x.rk')} AS id, o.id AS org_id,
            CASE WHEN r >= ${ROLE_TITLES.length} THEN 'Senior ' ELSE '' END || (${array(ROLE_TITLES)})[1 + r % ${ROLE_TITLES.length}] AS title,
            CASE WHEN ${U('x.rk', 101)} < 0.25 THEN 'RECRUITER_REVIEW' ELSE 'AUTO_RELEASE' END AS policy,
            CASE WHEN ${U('x.rk', 102)} < 0.5 THEN ${pick(NEXT_STEPS, U('x.rk', 103))} END AS next_steps,
            4 + floor(5 * ${U('x.rk', 104)})::int AS n_crit,
            ${U('x.rk', 105)} < 0.25 AS replaced,
            floor(${CRITERIA.length} * ${U('x.rk', 106)})::int AS label_start
       FROM seed_org o CROSS JOIN generate_series(0, ${ROLES_PER_ORG - 1}) r
       CROSS JOIN LATERAL (SELECT o.org_idx::bigint * 1000 + r AS rk) x`,
  );
  add(
    'roles',
    (
      await client.query(
        `INSERT INTO roles (id, organization_id, title, answer_policy, next_steps, created_at, updated_at)
         SELECT id, org_id, title, policy, next_steps, ${a} - interval '790 days' + role_idx * interval '1 hour',
                ${a} - interval '790 days' + role_idx * interval '1 hour'
           FROM seed_role`,
        params,
      )
    ).rowCount,
  );

  // slot 9 replaces slot 0 (retired 300 days ago) for a quarter of the roles: old sessions rated the retired one
  await client.query(
    `CREATE TEMP TABLE seed_crit AS
     SELECT r.org_idx, r.role_idx, slot, x.ck, ${uid('c', 'x.ck')} AS id, r.org_id, r.id AS role_id,
            (${array(CRITERIA.map(([label]) => label))})[1 + (r.label_start + slot * 7) % ${CRITERIA.length}] AS label,
            (${array(CRITERIA.map(([, kind]) => kind))})[1 + (r.label_start + slot * 7) % ${CRITERIA.length}] AS kind,
            1 + floor(5 * ${U('x.ck', 111)})::int AS weight,
            CASE WHEN slot = 9 THEN 0 ELSE slot END AS position,
            CASE WHEN slot = 9 THEN ${a} - interval '300 days' ELSE ${a} - interval '790 days' END AS created_at,
            CASE WHEN slot = 0 AND r.replaced THEN ${a} - interval '300 days' END AS retired_at,
            -0.6 + 0.9 * ${U('x.ck', 112)} AS difficulty
       FROM seed_role r CROSS JOIN generate_series(0, 9) slot
       CROSS JOIN LATERAL (SELECT r.rk * 10 + slot AS ck) x
      WHERE slot < r.n_crit OR (slot = 9 AND r.replaced)`,
    params,
  );
  await client.query('CREATE INDEX ON seed_crit (org_idx, role_idx)');
  add(
    'criteria',
    (
      await client.query(
        `INSERT INTO criteria (id, organization_id, role_id, label, description, kind, weight, position, retired_at, created_at)
         SELECT id, org_id, role_id, label, CASE WHEN ${U('ck', 113)} < 0.5 THEN 'What good looks like: ' || lower(label) || ' shown in real work.' END,
                kind, weight, position, retired_at, created_at
           FROM seed_crit`,
      )
    ).rowCount,
  );

  await client.query(
    `CREATE TEMP TABLE seed_iv AS
     SELECT o.org_idx, i, x.ik, ${uid('i', 'x.ik')} AS id, o.id AS org_id, o.slug,
            ${pick(FIRST_NAMES, U('x.ik', 121))} AS first_name, ${pick(LAST_NAMES, U('x.ik', 122))} AS last_name,
            0.73 + 0.24 * ${U('x.ik', 123)} AS submit_p,
            0.5 + 0.8 * ${U('x.ik', 124)} AS speed,
            CASE WHEN ${U('x.ik', 125)} < 0.12 THEN -1 WHEN ${U('x.ik', 125)} > 0.9 THEN 1 ELSE 0 END AS bias
       FROM seed_org o CROSS JOIN LATERAL generate_series(0, o.n_iv - 1) i
       CROSS JOIN LATERAL (SELECT o.org_idx::bigint * 100000 + i AS ik) x`,
  );
  await client.query('CREATE UNIQUE INDEX ON seed_iv (org_idx, i)');
  add(
    'interviewers',
    (
      await client.query(
        `INSERT INTO interviewers (id, organization_id, name, email, created_at)
         SELECT id, org_id, first_name || ' ' || last_name,
                lower(translate(first_name || '.' || last_name, 'éíó', 'eio')) || '.' || i || '@' || slug || '.seed.test',
                ${a} - interval '790 days' + i * interval '1 day'
           FROM seed_iv`,
        params,
      )
    ).rowCount,
  );
  add(
    'candidates',
    (
      await client.query(
        `INSERT INTO candidates (id, organization_id, name, email, portal_link_version, created_at)
         SELECT ${uid('k', 'x.kk')}, o.id, ${pick(FIRST_NAMES, U('x.kk', 131))} || ' ' || ${pick(LAST_NAMES, U('x.kk', 132))},
                'candidate.' || o.org_idx || '.' || j || '@example.test',
                CASE WHEN ${U('x.kk', 133)} < 0.1 THEN 2 ELSE 1 END,
                ${a} - interval '745 days' + (j::float8 / o.n_cand) * interval '${HISTORY_DAYS} days'
           FROM seed_org o CROSS JOIN LATERAL generate_series(0, o.n_cand - 1) j
           CROSS JOIN LATERAL (SELECT o.org_idx::bigint * 10000000 + j AS kk) x`,
        params,
      )
    ).rowCount,
  );
}

/** One slice of one organization's sessions with all that hangs off them; returns the responses written. */
async function seedChunk(client: Client, org: SeedOrgPlan, lo: number, hi: number, anchor: Date, add: Add): Promise<number> {
  const a = '$4::timestamptz';
  await client.query(
    `CREATE TEMP TABLE seed_s AS
     WITH g AS (
       SELECT o.org_idx, o.id AS org_id, o.deadline_hours, o.min_resp, o.n_iv, o.n_cand, o.recruiter_id, j,
              o.org_idx::bigint * 10000000 + j AS k,
              CASE WHEN j < $5 THEN 'COMPLETED' WHEN j < $5 + $6 THEN 'CANCELLED' ELSE 'SCHEDULED' END AS status
         FROM seed_org o CROSS JOIN generate_series($2::int, $3::int) j
        WHERE o.org_idx = $1
     ), t1 AS (
       SELECT g.*,
              floor(${ROLES_PER_ORG} * power(${U('k', 1)}, 1.7))::int AS role_idx,
              CASE WHEN status = 'SCHEDULED' THEN -(1 + 30 * ${U('k', 4)})
                   WHEN ${U('k', 3)} < 0.5 THEN ${HISTORY_DAYS} * ${U('k', 4)}
                   ELSE ${HISTORY_DAYS} * (1 - sqrt(${U('k', 4)})) END AS day_back,
              make_interval(hours => 8 + floor(9 * ${U('k', 5)})::int, mins => 15 * floor(4 * ${U('k', 6)})::int) AS time_of_day,
              (ARRAY[45, 60, 60, 90])[1 + floor(4 * ${U('k', 7)})::int] AS minutes
         FROM g
     ), t2 AS (
       SELECT t1.*, date_trunc('day', ${a} - day_back * interval '1 day', 'UTC') + time_of_day AS raw_start FROM t1
     ), t3 AS (
       SELECT t2.*,
              raw_start + CASE extract(isodow FROM raw_start AT TIME ZONE 'UTC') WHEN 6 THEN -1 WHEN 7 THEN 1 ELSE 0 END * interval '1 day' AS start0
         FROM t2
     ), t4 AS (
       SELECT t3.*,
              CASE WHEN status <> 'SCHEDULED' AND start0 + minutes * interval '1 minute' > ${a} - interval '1 hour'
                   THEN start0 - interval '7 days' ELSE start0 END AS starts_at
         FROM t3
     )
     SELECT k, ${uid('s', 'k')} AS id, org_idx, org_id, deadline_hours, min_resp, n_iv, recruiter_id, status, role_idx,
            ${uid('r', 'org_idx::bigint * 1000 + role_idx')} AS role_id,
            ${uid('k', `org_idx::bigint * 10000000 + least(n_cand - 1, greatest(0, floor(n_cand * (1 - greatest(day_back, 0) / ${HISTORY_DAYS}.0) - ${U('k', 2)} * n_cand * 0.02)))::int`)} AS candidate_id,
            ${pick(SESSION_KINDS, U('k', 10))} AS title,
            starts_at,
            starts_at + minutes * interval '1 minute' AS ends_at,
            CASE WHEN status = 'COMPLETED' THEN starts_at + minutes * interval '1 minute' + ${U('k', 8)} * interval '10 minutes' END AS completed_at,
            CASE WHEN status = 'CANCELLED' THEN starts_at - ${U('k', 9)} * interval '48 hours' END AS cancelled_at,
            starts_at - (1 + 13 * ${U('k', 16)}) * interval '1 day' AS created_at,
            CASE WHEN ${U('k', 11)} < 0.1 THEN 1 WHEN ${U('k', 11)} < 0.38 THEN 2 WHEN ${U('k', 11)} < 0.84 THEN 3 ELSE 4 END AS base_fit,
            CASE WHEN ${U('k', 12)} < 0.2 THEN 2 WHEN ${U('k', 12)} < 0.8 THEN 3 ELSE 4 END AS n_forms,
            floor(n_iv * ${U('k', 13)})::int AS iv_start,
            status = 'COMPLETED' AND ${U('k', 14)} < 0.6 AS asked,
            ${U('k', 15)} < 0.02 AS flagged
       FROM t4`,
    [org.index, lo, hi, anchor, org.completedSessions, org.cancelledSessions],
  );
  add(
    'interview_sessions',
    (
      await client.query(
        `INSERT INTO interview_sessions (id, organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at,
                                         feedback_due_at, cancelled_at, scheduled_by, created_at)
         SELECT id, org_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at,
                completed_at + deadline_hours * interval '1 hour', cancelled_at, recruiter_id, least(created_at, now())
           FROM seed_s`,
      )
    ).rowCount,
  );

  const b = '$1::timestamptz';
  await client.query(
    `CREATE TEMP TABLE seed_f AS
     WITH f AS (
       SELECT s.k, s.id AS session_id, s.org_id, s.org_idx, s.role_idx, s.base_fit, s.completed_at, s.deadline_hours,
              s.completed_at + s.deadline_hours * interval '1 hour' AS due_at,
              s.k * 8 + n AS fk, iv.id AS interviewer_id, iv.submit_p, iv.speed, iv.bias
         FROM seed_s s
         CROSS JOIN LATERAL generate_series(0, s.n_forms - 1) n
         JOIN seed_iv iv ON iv.org_idx = s.org_idx AND iv.i = (s.iv_start + n) % s.n_iv
        WHERE s.status = 'COMPLETED'
     ), f2 AS (
       SELECT f.*,
              ${U('fk', 21)} AS p,
              least(deadline_hours * 0.97, 0.1 + deadline_hours * 0.6 * power(${U('fk', 22)}, 2.2) * speed) AS h_submit,
              0.5 + 24 * ${U('fk', 23)} AS h_decline,
              completed_at + (5 + 115 * ${U('fk', 24)}) * interval '1 second' AS sent0
         FROM f
     ), f3 AS (
       SELECT f2.*,
              CASE WHEN p < submit_p THEN 'SUBMITTED'
                   WHEN (p - submit_p) / (1 - submit_p) < 0.35 THEN 'DECLINED'
                   WHEN (p - submit_p) / (1 - submit_p) < 0.93 THEN 'EXPIRED'
                   ELSE 'FAILED' END AS intended,
              extract(epoch FROM ${b} - sent0) / 3600 AS elapsed_h
         FROM f2
     )
     SELECT f3.*,
            CASE WHEN intended = 'FAILED' THEN 'FAILED'
                 WHEN intended = 'SUBMITTED' AND h_submit < elapsed_h THEN 'SUBMITTED'
                 WHEN intended = 'DECLINED' AND h_decline < elapsed_h THEN 'DECLINED'
                 WHEN intended = 'EXPIRED' AND due_at <= ${b} THEN 'EXPIRED'
                 WHEN ${U('fk', 25)} < 0.5 THEN 'OPENED' ELSE 'SENT' END AS status
       FROM f3`,
    [anchor],
  );
  add(
    'feedback_forms',
    (
      await client.query(
        `INSERT INTO feedback_forms (id, organization_id, session_id, interviewer_id, status, link_version, sent_at, opened_at, submitted_at,
                                     declined_at, decline_reason, expires_at, reminders_sent, last_error, created_at)
         SELECT ${uid('f', 'fk')}, org_id, session_id, interviewer_id, status,
                CASE WHEN ${U('fk', 26)} < 0.03 THEN 2 ELSE 1 END,
                CASE WHEN status <> 'FAILED' THEN sent0 END,
                CASE status
                  WHEN 'SUBMITTED' THEN sent0 + h_submit * ${U('fk', 27)} * interval '1 hour'
                  WHEN 'DECLINED' THEN sent0 + h_decline * ${U('fk', 27)} * interval '1 hour'
                  WHEN 'OPENED' THEN sent0 + elapsed_h * ${U('fk', 27)} * interval '1 hour'
                  WHEN 'EXPIRED' THEN CASE WHEN ${U('fk', 28)} < 0.4 THEN sent0 + 24 * ${U('fk', 27)} * interval '1 hour' END
                END,
                CASE WHEN status = 'SUBMITTED' THEN sent0 + h_submit * interval '1 hour' END,
                CASE WHEN status = 'DECLINED' THEN sent0 + h_decline * interval '1 hour' END,
                CASE WHEN status = 'DECLINED' THEN ${pick(DECLINE_REASONS, U('fk', 29))} END,
                due_at,
                CASE status WHEN 'FAILED' THEN 0 ELSE
                  (CASE status WHEN 'SUBMITTED' THEN h_submit WHEN 'DECLINED' THEN h_decline WHEN 'EXPIRED' THEN deadline_hours ELSE elapsed_h END >= 24)::int +
                  (CASE status WHEN 'SUBMITTED' THEN h_submit WHEN 'DECLINED' THEN h_decline WHEN 'EXPIRED' THEN deadline_hours ELSE elapsed_h END >= deadline_hours - 4)::int
                END,
                CASE WHEN status = 'FAILED' THEN 'SMTP 550: mailbox unavailable' END,
                completed_at
           FROM seed_f`,
      )
    ).rowCount,
  );

  await client.query(
    `CREATE TEMP TABLE seed_r AS
     SELECT fk, k, ${uid('p', 'fk')} AS id, ${uid('f', 'fk')} AS form_id, session_id, org_id, org_idx, role_idx, interviewer_id,
            base_fit, completed_at, sent0 + h_submit * interval '1 hour' AS submitted_at,
            greatest(1, least(4, base_fit
              + CASE WHEN ${U('fk', 31)} < 0.18 THEN -1 WHEN ${U('fk', 31)} > 0.84 THEN 1 ELSE 0 END
              + CASE WHEN ${U('fk', 32)} < 0.5 THEN bias ELSE 0 END))::smallint AS overall_fit,
            CASE WHEN ${U('fk', 33)} < 0.55 THEN ${pick(MESSAGES, U('fk', 34))} END AS candidate_message
       FROM seed_f WHERE status = 'SUBMITTED'`,
  );
  const responses =
    (
      await client.query(
        `INSERT INTO feedback_responses (id, organization_id, form_id, session_id, interviewer_id, overall_fit, strengths, gaps,
                                         next_steps, candidate_message, private_note, submitted_at)
         SELECT id, org_id, form_id, session_id, interviewer_id, overall_fit,
                ${pick(STRENGTHS, U('fk', 35))}, ${pick(GAPS, U('fk', 36))},
                CASE WHEN ${U('fk', 37)} < 0.3 THEN ${pick(NEXT_STEPS, U('fk', 38))} END,
                candidate_message,
                CASE WHEN ${U('fk', 39)} < 0.15 THEN ${pick(PRIVATE_NOTES, U('fk', 40))} END,
                submitted_at
           FROM seed_r`,
      )
    ).rowCount ?? 0;
  add('feedback_responses', responses);

  // one row per criterion of the profile at the time of the session; null = not assessed
  await client.query(
    `CREATE TEMP TABLE seed_cr AS
     SELECT r.k, r.id AS response_id, r.org_id, c.id AS criterion_id, c.label, c.kind, c.weight, c.position, c.slot, x.rk,
            CASE WHEN ${U('x.rk', 41)} < CASE WHEN c.kind = 'EXPERIENCE' THEN 0.12 ELSE 0.06 END THEN NULL
                 ELSE greatest(1, least(4, round(r.base_fit + c.difficulty + (${U('x.rk', 42)} - 0.5) * 2.2)))::smallint END AS rating
       FROM seed_r r
       JOIN seed_crit c ON c.org_idx = r.org_idx AND c.role_idx = r.role_idx
                       AND c.created_at <= r.completed_at AND (c.retired_at IS NULL OR c.retired_at > r.completed_at)
       CROSS JOIN LATERAL (SELECT r.fk * 16 + c.slot AS rk) x`,
  );
  add(
    'criterion_ratings',
    (
      await client.query(
        `INSERT INTO criterion_ratings (response_id, criterion_id, organization_id, rating, note)
         SELECT response_id, criterion_id, org_id, rating, CASE WHEN rating IS NOT NULL AND ${U('rk', 43)} < 0.08 THEN ${pick(RATING_NOTES, U('rk', 44))} END
           FROM seed_cr`,
      )
    ).rowCount,
  );

  // the answer as composeSessionAnswer would have left it (DESIGN.md "Composing the answer")
  add(
    'candidate_answers',
    (
      await client.query(
        `INSERT INTO candidate_answers (id, organization_id, session_id, status, fit_band, fit_score, profile, strengths, gaps, next_steps,
                                        message, responses_count, flags, withheld_reason, composed_at, released_at, released_by,
                                        helpful, helpful_comment, rated_at, updated_at)
         WITH forms AS (
           SELECT k, count(*)::int AS panel,
                  count(*) FILTER (WHERE status IN ('SUBMITTED', 'DECLINED', 'EXPIRED', 'FAILED'))::int AS settled,
                  count(*) FILTER (WHERE status = 'SUBMITTED')::int AS responses,
                  bool_or(status = 'EXPIRED') AS any_expired,
                  max(CASE status WHEN 'SUBMITTED' THEN sent0 + h_submit * interval '1 hour'
                                  WHEN 'DECLINED' THEN sent0 + h_decline * interval '1 hour' END) AS last_answer_at
             FROM seed_f GROUP BY k
         ), panel AS (
           SELECT k, percentile_disc(0.5) WITHIN GROUP (ORDER BY overall_fit) AS fit_band,
                  string_agg(candidate_message, E'\\n\\n' ORDER BY candidate_message) AS message
             FROM seed_r GROUP BY k
         ), crit AS (
           SELECT k, criterion_id, label, kind, weight, position, slot, avg(rating)::float8 AS m
             FROM seed_cr GROUP BY k, criterion_id, label, kind, weight, position, slot
         ), profile AS (
           SELECT k,
                  round(100 * sum(weight * (m - 1) / 3) / nullif(sum(weight) FILTER (WHERE m IS NOT NULL), 0))::smallint AS fit_score,
                  jsonb_agg(jsonb_build_object('criterionId', criterion_id, 'criterion', label, 'kind', kind, 'level',
                    CASE WHEN m IS NULL THEN 'NOT_ASSESSED' WHEN m >= 3.5 THEN 'STRENGTH' WHEN m >= 3 THEN 'MEETS'
                         WHEN m >= 2 THEN 'PARTLY' ELSE 'NOT_YET' END) ORDER BY position, slot) AS profile,
                  coalesce((array_agg(label ORDER BY m DESC, weight DESC, position) FILTER (WHERE m >= 3))[1:5], '{}') AS strengths,
                  coalesce((array_agg(label ORDER BY weight DESC, m, position) FILTER (WHERE m <= 2))[1:5], '{}') AS gaps
             FROM crit GROUP BY k
         ), s AS (
           SELECT s.k, s.id, s.org_id, s.completed_at, s.min_resp, s.asked, s.flagged, s.recruiter_id,
                  fo.panel, fo.settled, fo.responses, ro.policy, ro.next_steps,
                  greatest(1, least(s.min_resp, fo.panel)) AS required,
                  CASE WHEN fo.any_expired THEN s.completed_at + s.deadline_hours * interval '1 hour'
                       ELSE greatest(s.completed_at + interval '1 minute', fo.last_answer_at) END AS composed_at
             FROM seed_s s
             JOIN forms fo ON fo.k = s.k
             JOIN seed_role ro ON ro.org_idx = s.org_idx AND ro.role_idx = s.role_idx
         ), d AS (
           SELECT s.*, p.fit_band, p.message, pr.fit_score, pr.profile, pr.strengths, pr.gaps,
                  s.settled = s.panel AND s.responses < s.required AS too_few,
                  CASE WHEN s.settled < s.panel THEN 'WAITING_FOR_FEEDBACK'
                       WHEN s.responses < s.required THEN 'WITHHELD'
                       WHEN s.policy = 'AUTO_RELEASE' AND NOT s.flagged THEN 'RELEASED'
                       WHEN s.composed_at > ${b} - interval '7 days' THEN 'AWAITING_REVIEW'
                       WHEN ${U('s.k', 51)} < 0.85 THEN 'RELEASED' ELSE 'WITHHELD' END AS status
             FROM s LEFT JOIN panel p ON p.k = s.k LEFT JOIN profile pr ON pr.k = s.k
         ), e AS (
           SELECT d.*,
                  CASE WHEN status = 'RELEASED' THEN
                    CASE WHEN policy = 'AUTO_RELEASE' AND NOT flagged THEN composed_at ELSE composed_at + (1 + 71 * ${U('k', 52)}) * interval '1 hour' END
                  END AS released_at
             FROM d
         ), f AS (
           SELECT e.*, released_at + (1 + 47 * ${U('k', 53)}) * interval '1 hour' AS rate_at,
                  status = 'RELEASED' AND asked AND ${U('k', 54)} < 0.5 AND released_at + (1 + 47 * ${U('k', 53)}) * interval '1 hour' <= ${b} AS rated
             FROM e
         )
         SELECT ${uid('a', 'k')}, org_id, id, status,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN fit_band END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN fit_score END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN coalesce(profile, '[]') ELSE '[]' END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN strengths ELSE '{}' END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN gaps ELSE '{}' END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN next_steps END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN message END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' THEN responses ELSE 0 END,
                CASE WHEN flagged AND status <> 'WAITING_FOR_FEEDBACK' AND NOT too_few THEN ARRAY['culture fit / personality'] ELSE '{}' END,
                CASE WHEN too_few THEN 'not enough feedback: ' || responses || ' of ' || required || ' required responses'
                     WHEN status = 'WITHHELD' THEN ${pick(WITHHOLD_REASONS, U('k', 55))} END,
                CASE WHEN status <> 'WAITING_FOR_FEEDBACK' THEN composed_at END,
                released_at,
                CASE WHEN status = 'RELEASED' AND (policy <> 'AUTO_RELEASE' OR flagged) THEN recruiter_id END,
                CASE WHEN rated THEN ${U('k', 56)} < 0.45 + 0.1 * fit_band END,
                CASE WHEN rated AND ${U('k', 57)} < 0.2 THEN ${pick(HELPFUL_COMMENTS, U('k', 58))} END,
                CASE WHEN rated THEN rate_at END,
                least(now(), CASE WHEN rated THEN rate_at ELSE coalesce(released_at, composed_at, completed_at) END)
           FROM f`,
        [anchor],
      )
    ).rowCount,
  );

  add(
    'fit_feedback_requests',
    (
      await client.query(
        `INSERT INTO fit_feedback_requests (id, organization_id, session_id, source, requested_at)
         SELECT ${uid('q', 'k')}, org_id, id,
                CASE WHEN ${U('k', 61)} < 0.65 THEN 'PORTAL' WHEN ${U('k', 61)} < 0.9 THEN 'INTERVIEWER' ELSE 'RECRUITER' END,
                least(${b}, starts_at + 26 * ${U('k', 62)} * interval '1 hour')
           FROM seed_s WHERE asked`,
        [anchor],
      )
    ).rowCount,
  );

  await client.query('DROP TABLE seed_s, seed_f, seed_r, seed_cr');
  return responses;
}
