export { testConfig, TestDatabase, TestRedis } from './test-environment';
export { signTestJwt } from './test-jwt';
