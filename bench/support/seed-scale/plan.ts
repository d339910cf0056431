// How the scale seed divides its responses: one big tenant, the others around an even share.
import { createHash } from 'node:crypto';

export const SEED_SLUG_PREFIX = 'seed-';
/** The organization bench:submit fills and empties; a seed organization so seed:scale may replace it. */
export const SUBMIT_BENCH_SLUG = 'seed-submit-bench';
export const ROLES_PER_ORG = 40;
export const HISTORY_DAYS = 730;
const FORMS_PER_SESSION = 3; // 20% panels of 2, 60% of 3, 20% of 4
const SUBMIT_RATE = 0.85; // interviewers' submit propensity, 0.73..0.97, averages this
const BIG_SHARE = 0.1;
/** Bumped whenever the generated shapes change, so an old seed is never mistaken for a current one. */
export const GENERATOR_VERSION = 2; // 2: the dashboard rollups are built too

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
  const typical = others.length > 0 ? others[Math.floor((others.length - 1) / 2)].index : 0;
  return { orgs, big: 0, typical };
}
