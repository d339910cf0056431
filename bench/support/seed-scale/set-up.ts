// The seed's organizations, recruiters, roles with their criteria, interviewers and candidates,
// generated inside PostgreSQL into the temp tables the chunks join (seed_org, seed_role, …).
import type { Client } from 'pg';

import { HISTORY_DAYS, ROLES_PER_ORG, SeedOrgPlan } from './plan';
import { Add, array, pick, U, uid } from './sql';
import { CRITERIA, FIRST_NAMES, LAST_NAMES, NEXT_STEPS, ROLE_TITLES } from './vocabulary';

export async function setUp(client: Client, orgs: SeedOrgPlan[], anchor: Date, add: Add): Promise<void> {
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
