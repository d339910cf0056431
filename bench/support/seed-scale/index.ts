// The scale seeder (`npm run seed:scale`): years of realistic feedback for 50 organizations,
// generated inside PostgreSQL with set-returning functions (INSERT … SELECT generate_series), so
// no row crosses the wire — as fast as COPY, with no extra package. Every value is a pure function
// of (organization, row number) through hashint8extended and md5, so the same arguments always
// give the same rows, ids included; only the time anchor (the hour the seed ran) moves.
export {
  planOrganizations,
  SEED_SLUG_PREFIX,
  type SeedOrgPlan,
  seedRecruiter,
  SeedRefusedError,
  type SeedResult,
  type SeedScaleOptions,
  type SeedSummary,
  SUBMIT_BENCH_SLUG,
} from './plan';
export { type SeedRunOptions, seedScale } from './seeder';
export { ORGANIZATION_TABLES_CHILD_FIRST } from './tables';
