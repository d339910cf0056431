// Three projects: `unit` needs no services and runs in seconds; `web` is the browser app's logic in
// jsdom; `integration` runs against real PostgreSQL and Redis (found or started by libs/testing's
// global setup). TESTING.md describes the suite.
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
    // NestJS 12 ships ESM only; jest's module system needs CommonJS
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' }, jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleNameMapper: { '^@closer/(.*)$': '<rootDir>/libs/$1/src' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
};

module.exports = {
  testTimeout: 30_000,
  // the files mostly wait on PostgreSQL, Redis, SMTP and the browser: two at a time roughly halve
  // the run on a 2-core machine (jest's default there is one); TEST_MAX_WORKERS overrides it
  maxWorkers: process.env.TEST_MAX_WORKERS ? Number(process.env.TEST_MAX_WORKERS) : 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
    },
    // the web app's own logic, in a browser-like DOM (jsdom: localStorage with a real quota, Intl);
    // apps/web is an ES module package, compiled to CommonJS for jest like the NestJS packages
    {
      ...shared,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/web/src/**/*.spec.ts'],
      transform: {
        '^.+\\.tsx?$': [
          '@swc/jest',
          { module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } } },
        ],
      },
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
