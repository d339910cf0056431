import type { ClientBase } from 'pg';

import type { DashboardScope } from './dashboard-baseline';
import { type SeedSummary } from './seed-scale';

export interface DashboardCase {
  name: string;
  tenant: 'big' | 'typical';
  slug: string;
  range: 'all-time' | '90 days';
  role: 'all roles' | 'one role';
  scope: DashboardScope;
  /** The GraphQL variables for the same scope. */
  variables: { roleId: string | null; from: string; to: string };
  /** Completed sessions in scope, for context. */
  sessions: number;
}

const DAY_MS = 86_400_000;

/** The seed's summary, as seed:scale recorded it; null when the database was never seeded. */
export async function seedSummary(client: ClientBase): Promise<SeedSummary | null> {
  const found = await client.query<{ ok: boolean }>(`SELECT to_regclass('seed_scale.runs') IS NOT NULL AS ok`);
  if (!found.rows[0]?.ok) return null;
  const { rows } = await client.query<{ summary: SeedSummary }>('SELECT summary FROM seed_scale.runs');
  return rows[0]?.summary ?? null;
}

/**
 * The big and a typical tenant × all-time (from = 3 years before now) and the last 90 days × all
 * roles and the tenant's busiest role: 8 cases, all ending at `now`.
 */
export async function dashboardCases(client: ClientBase, summary: SeedSummary, now = new Date()): Promise<DashboardCase[]> {
  const cases: DashboardCase[] = [];
  const threeYearsAgo = new Date(now.getTime());
  threeYearsAgo.setUTCFullYear(threeYearsAgo.getUTCFullYear() - 3);
  for (const tenant of ['big', 'typical'] as const) {
    const slug = summary[tenant].slug;
    const { rows } = await client.query<{ org_id: string; role_id: string }>(
      `SELECT o.id AS org_id, s.role_id
         FROM organizations o JOIN interview_sessions s ON s.organization_id = o.id AND s.status = 'COMPLETED'
        WHERE o.slug = $1
        GROUP BY o.id, s.role_id ORDER BY count(*) DESC, s.role_id LIMIT 1`,
      [slug],
    );
    if (!rows[0]) throw new Error(`the seed has no completed sessions for ${slug}`);
    for (const [range, from] of [
      ['all-time', threeYearsAgo],
      ['90 days', new Date(now.getTime() - 90 * DAY_MS)],
    ] as const) {
      for (const role of ['all roles', 'one role'] as const) {
        const roleId = role === 'one role' ? rows[0].role_id : null;
        const scope = { organizationId: rows[0].org_id, from, to: now, roleId };
        const counted = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM interview_sessions
            WHERE organization_id = $1 AND status = 'COMPLETED' AND completed_at >= $2 AND completed_at < $3 AND ($4::uuid IS NULL OR role_id = $4::uuid)`,
          [scope.organizationId, scope.from, scope.to, scope.roleId],
        );
        cases.push({
          name: `${tenant} · ${range} · ${role}`,
          tenant,
          slug,
          range,
          role,
          scope,
          variables: { roleId, from: from.toISOString(), to: now.toISOString() },
          sessions: counted.rows[0].n,
        });
      }
    }
  }
  return cases;
}
