export { ensureDatabase, ensurePostgres, ensureRedis, freePort, withDatabase } from './local-services';
export type { LocalService } from './local-services';
export { TestDatabase, TestRedis, testConfig } from './test-environment';
export { signTestJwt } from './test-jwt';
