export type { LocalService } from './local-services';
export { ensureDatabase, ensurePostgres, ensureRedis, freePort, withDatabase } from './local-services';
export { testConfig, TestDatabase, TestRedis } from './test-environment';
export { signTestJwt } from './test-jwt';
