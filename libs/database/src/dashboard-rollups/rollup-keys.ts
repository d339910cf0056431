/** `role_key` of the rollup rows that count every role of the organization. */
export const ALL_ROLES_KEY = '00000000-0000-0000-0000-000000000000';

/**
 * Bucket grains, coarsest first: year, quarter, month, ISO week (Monday), day — all in UTC. A
 * contribution is added to its bucket of every grain; a range is read as whole buckets of the
 * coarsest grains that fit (see the dashboard's range planner), so any [from, to) costs a few dozen
 * rows per key instead of one per session.
 */
export const GRAINS = ['Y', 'Q', 'M', 'W', 'D'] as const;
export type Grain = (typeof GRAINS)[number];

/**
 * Coarse histogram bins per interviewer (dashboard_hours_bin / 4: a quarter of a doubling, so
 * values within 19% of each other), packed into one numeric: bin b counts 2^(32·b)
 * (dashboard_histogram_units).
 */
export const COARSE_BINS = 64;
/** The fine bins of dashboard_hours_bin, packed the same way per bucket (dashboard_hist_rollups). */
export const FINE_BINS = 256;
export const COARSE_SHIFT = 2;
export const COARSE_BITS = 32;

const UNITS: Record<Grain, string> = { Y: 'year', Q: 'quarter', M: 'month', W: 'week', D: 'day' };

/** SQL: a LATERAL join giving (grain, bucket) of each grain for `utc` (a timestamp without time zone, in UTC). */
export const bucketsOf = (utc: string, grains: readonly Grain[] = GRAINS) => `
  CROSS JOIN LATERAL (VALUES ${grains.map((g) => `('${g}'::"char", date_trunc('${UNITS[g]}', ${utc})::date)`).join(', ')}) g(grain, bucket)`;
