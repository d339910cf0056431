import type { DataSource } from 'typeorm';

import { rebuildStatements, refreshStatements } from './refresh-statements';

/** Runs one statement and gives its rows. */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
/** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
export type InTransaction = <T>(work: (query: Query) => Promise<T>) => Promise<T>;

/** The InTransaction of a TypeORM DataSource. */
export function transactionsOn(dataSource: DataSource): InTransaction {
  return (work) => dataSource.transaction((manager) => work((sql, params) => manager.query(sql, params)));
}

/** Advisory lock namespace of the drains ('dash'); the second key is the organization's hash. */
const LOCK_NAMESPACE = 0x64617368;
const DRAIN_STATEMENTS = refreshStatements('SELECT DISTINCT unnest($1::uuid[]) AS session_id');
/** In the drain's transaction: a replica showing this version has replayed the whole fold. */
const BUMP_VERSIONS = `INSERT INTO dashboard_rollup_versions (organization_id, version) SELECT DISTINCT unnest($1::uuid[]), 1
  ON CONFLICT (organization_id) DO UPDATE SET version = dashboard_rollup_versions.version + 1, folded_at = now()`;

export interface DrainOptions {
  /** Wait for another drain of the same organization to finish (the read path), or skip it (the worker). */
  wait?: boolean;
  /** Dirty marks claimed per transaction. */
  batch?: number;
}

/**
 * Folds an organization's dirty sessions into its dashboard rollups, in transactions of at most
 * `batch` marks, until none is left. One drain per organization at a time (a transaction-scoped
 * advisory lock): a refresh reads the facts the previous one stored, and rollup rows are only
 * ever updated under that lock, so concurrent drains can neither double-count nor deadlock.
 * Returns the sessions refreshed, or null when another drain held the organization (wait: false).
 */
export async function drainOrganization(
  inTransaction: InTransaction,
  organizationId: string,
  options: DrainOptions = {},
): Promise<number | null> {
  const batch = options.batch ?? 2_000;
  let refreshed = 0;
  for (;;) {
    const claimed = await inTransaction(async (query) => {
      const lock = options.wait ? 'pg_advisory_xact_lock' : 'pg_try_advisory_xact_lock';
      const [locked] = await query(`SELECT ${lock}(${LOCK_NAMESPACE}, hashtext($1::text))::text AS locked`, [organizationId]);
      if (locked?.locked === 'false') return null;
      const [claim] = await query(
        `WITH claimed AS (
           DELETE FROM dashboard_dirty_sessions WHERE id IN (
             SELECT id FROM dashboard_dirty_sessions WHERE organization_id = $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING session_id)
         SELECT count(*)::int AS marks, coalesce(array_agg(DISTINCT session_id), '{}') AS ids FROM claimed`,
        [organizationId, batch],
      );
      const ids = claim!.ids as string[];
      if (ids.length > 0) {
        for (const statement of DRAIN_STATEMENTS) await query(statement, [ids]);
        await query(BUMP_VERSIONS, [[organizationId]]);
      }
      return { marks: claim!.marks as number, sessions: ids.length };
    });
    if (claimed === null) return refreshed > 0 ? refreshed : null;
    refreshed += claimed.sessions;
    if (claimed.marks < batch) return refreshed;
  }
}

/** Organizations with dirty sessions, oldest mark first. */
export async function dirtyOrganizations(query: Query, limit = 100): Promise<string[]> {
  const rows = await query(`SELECT organization_id FROM dashboard_dirty_sessions GROUP BY organization_id ORDER BY min(id) LIMIT $1`, [
    limit,
  ]);
  return rows.map((row) => row.organization_id as string);
}

/** The dashboard's facts and rollups: everything derived from the write model, per organization. */
export const DASHBOARD_DERIVED_TABLES = [
  'dashboard_session_facts',
  'dashboard_form_facts',
  'dashboard_response_facts',
  'dashboard_rating_facts',
  'dashboard_rollups',
  'dashboard_hist_rollups',
  'dashboard_interviewer_rollups',
  'dashboard_criterion_rollups',
] as const;

/**
 * Recomputes the facts and rollups of whole organizations from the write model, set-based (for
 * bulk loads such as the scale seed; the caller's transaction should hold the data still).
 * Their dirty marks are dropped: everything they recorded is included.
 */
export async function rebuildDashboardRollups(query: Query, organizationIds: string[]): Promise<void> {
  for (const table of ['dashboard_dirty_sessions', ...DASHBOARD_DERIVED_TABLES]) {
    await query(`DELETE FROM ${table} WHERE organization_id = ANY($1::uuid[])`, [organizationIds]);
  }
  // all organizations at once: one pass over each table (hash joins) beats an index walk per organization
  const statements = rebuildStatements(
    `SELECT id AS session_id FROM interview_sessions WHERE organization_id = ANY($1::uuid[]) AND status = 'COMPLETED'`,
  );
  for (const statement of statements) await query(statement, [organizationIds]);
  await query(BUMP_VERSIONS, [organizationIds]);
}
