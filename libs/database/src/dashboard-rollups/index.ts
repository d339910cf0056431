export type { DrainOptions, InTransaction, Query } from './drain';
export { DASHBOARD_DERIVED_TABLES, dirtyOrganizations, drainOrganization, rebuildDashboardRollups, transactionsOn } from './drain';
export type { Grain } from './rollup-keys';
export { ALL_ROLES_KEY, COARSE_BINS, COARSE_BITS, COARSE_SHIFT, FINE_BINS, GRAINS } from './rollup-keys';
