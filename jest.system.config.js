// System tests (test/system): the built apps as separate processes on private PostgreSQL and
// Redis instances, with faults injected. Run by `npm run test:system` (which builds first);
// `npm test` never runs them. SYSTEM_SCALE=full runs the full sizes (see RELIABILITY.md).
const unit = require('./jest.config.js').projects.find((project) => project.displayName === 'unit');

module.exports = {
  rootDir: unit.rootDir,
  testEnvironment: unit.testEnvironment,
  transform: unit.transform,
  transformIgnorePatterns: unit.transformIgnorePatterns,
  moduleNameMapper: unit.moduleNameMapper,
  moduleFileExtensions: unit.moduleFileExtensions,
  displayName: 'system',
  testMatch: ['<rootDir>/test/system/**/*.system-spec.ts'],
  // each file starts its own services and apps and waits on real time (lock expiry, backoff)
  testTimeout: 600_000,
  maxWorkers: process.env.SYSTEM_MAX_WORKERS ? Number(process.env.SYSTEM_MAX_WORKERS) : 3,
};
