// The tables the seed fills and clears, and what it switches off for the bulk load.
import { DASHBOARD_DERIVED_TABLES } from '@closer/database';
import type { Client } from 'pg';

import { SEED_SLUG_PREFIX } from './plan';

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
  ...DASHBOARD_DERIVED_TABLES,
] as const;

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
export async function setDashboardTriggers(client: Client, action: 'ENABLE' | 'DISABLE'): Promise<void> {
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
  ...DASHBOARD_TRIGGER_TABLES,
  ...DASHBOARD_DERIVED_TABLES,
];

/**
 * Drops the foreign keys and the indexes other than primary keys of the tables the seed fills, as
 * the catalog defines them now; the returned function recreates exactly those definitions.
 */
export async function dropSecondaryStructures(client: Client): Promise<() => Promise<void>> {
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

/** Deletes the previous seed: every seed organization and all that hangs off it. */
export async function clearSeed(client: Client, hasForeign: boolean): Promise<void> {
  if (!hasForeign) {
    // everything here is seed data: TRUNCATE reaches every table that hangs off organizations
    await client.query(`TRUNCATE organizations, dashboard_dirty_sessions, ${DASHBOARD_DERIVED_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
    return;
  }
  const seedOrgs = `(SELECT id FROM organizations WHERE slug LIKE '${SEED_SLUG_PREFIX}%')`;
  for (const table of [...ORGANIZATION_TABLES_CHILD_FIRST, 'organizations']) {
    await client.query(`DELETE FROM ${table} WHERE ${table === 'organizations' ? 'id' : 'organization_id'} IN ${seedOrgs}`);
  }
}
