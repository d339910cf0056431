import { DASHBOARD_DERIVED_TABLES, rebuildDashboardRollups } from '@closer/database';
import type { Client } from 'pg';

import { Progress } from '../progress';
import { seedChunk } from './chunk';
import {
  GENERATOR_VERSION,
  planOrganizations,
  SEED_SLUG_PREFIX,
  SeedRefusedError,
  SeedResult,
  SeedScaleOptions,
  SeedSummary,
} from './plan';
import { setUp } from './set-up';
import { clearSeed, dropSecondaryStructures, setDashboardTriggers } from './tables';

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
    const { total } = foreign.rows[0];
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
    if (present.rows[0].n === plan.orgs.length) return { skipped: true, summary: seeded.summary };
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
    const anchor = anchorRows[0].anchor;
    log(`clearing previous seed data`);
    await clearSeed(client, foreign.rows.length > 0);
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

    const big = plan.orgs[plan.big];
    const typical = plan.orgs[plan.typical];
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
      `VACUUM (ANALYZE) organizations, users, roles, criteria, interviewers, candidates, interview_sessions, feedback_forms, feedback_responses, criterion_ratings, candidate_answers, fit_feedback_requests, ${DASHBOARD_DERIVED_TABLES.join(', ')}`,
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
