// Import direction, checked by `npm run lint:deps` (part of `npm run lint`, which CI runs).
// Test code (specs, the test/ and bench/ trees, apps/worker/test) may reach into any layer it
// exercises, so the layering rules look at the apps' own sources only; the app boundaries and
// the ban on cycles hold everywhere.
const TESTS = ['\\.(spec|int-spec|e2e-spec|system-spec)\\.tsx?$', '^test/', '^bench/', '^apps/[^/]+/test/'];
const WORKER = '^apps/worker/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle is a design bug: one of the two modules belongs below the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-app-imports-another-app',
      comment: 'Apps talk over GraphQL, PostgreSQL and BullMQ, and share code through libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-imports-an-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-through-its-index',
      comment: 'A lib exports only through its src/index.ts; other libs and the apps import that.',
      severity: 'error',
      // the DataSource file is the TypeORM CLI's entry point, loaded without path aliases
      from: { path: '^(apps|libs)/([^/]+)/', pathNot: '^libs/database/src/data-source\\.ts$' },
      to: { path: '^libs/([^/]+)/src/', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'no-module-imported-from-below',
      comment: 'Nest modules sit on top of their folder: only modules and the app entry (main, *.app) import them.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/', pathNot: ['\\.module\\.ts$', '^apps/[^/]+/src/(main|[^/]+\\.app)\\.ts$', ...TESTS] },
      to: { path: '\\.module\\.ts$' },
    },
    {
      name: 'resolver-on-top',
      comment: 'Data flows resolver → service → repository: nothing below a resolver imports one.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/', pathNot: ['\\.(resolver|module)\\.ts$', ...TESTS] },
      to: { path: '\\.resolver\\.ts$' },
    },
    {
      name: 'repository-below-service',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.(service|resolver|processor|handler)\\.ts$' },
    },
    {
      name: 'worker-queue-imports-no-feature',
      comment: 'queue/ (producer, runner, job ids) is the bottom layer of the worker.',
      severity: 'error',
      from: { path: `${WORKER}queue/` },
      to: { path: WORKER, pathNot: `${WORKER}queue/` },
    },
    {
      name: 'worker-handler-only-from-its-processor',
      comment: 'A job handler is called by its queue processor (and registered by its module), by nothing else.',
      severity: 'error',
      from: { path: WORKER, pathNot: ['\\.(processor|module)\\.ts$', ...TESTS] },
      to: { path: `${WORKER}[^/]+/handlers/` },
    },
    {
      name: 'worker-processor-owns-its-handlers',
      severity: 'error',
      from: { path: `${WORKER}([^/]+)/[^/]+\\.(processor|module)\\.ts$` },
      to: { path: `${WORKER}[^/]+/handlers/`, pathNot: `${WORKER}$1/handlers/` },
    },
    {
      name: 'worker-processor-only-from-its-module',
      comment: 'worker.app.ts closes the processors on shutdown.',
      severity: 'error',
      from: { path: WORKER, pathNot: ['\\.module\\.ts$', `${WORKER}worker\\.app\\.ts$`, ...TESTS] },
      to: { path: '\\.processor\\.ts$' },
    },
    {
      name: 'worker-folders-import-down',
      comment:
        'queue/ at the bottom; feedback/, outbox/, ops/, webhooks/ and dashboard-rollups/ above it and ' +
        'beside each other; mail/ (whose form mails settle forms and schedule reminders) above feedback/.',
      severity: 'error',
      from: { path: `${WORKER}(feedback|outbox|ops|webhooks|dashboard-rollups)/` },
      to: { path: WORKER, pathNot: [`${WORKER}$1/`, `${WORKER}queue/`] },
    },
    {
      name: 'worker-mail-imports-down',
      severity: 'error',
      from: { path: `${WORKER}mail/` },
      to: { path: WORKER, pathNot: `${WORKER}(mail|feedback|queue)/` },
    },
  ],
  options: {
    includeOnly: '^(apps|libs|test|bench|scripts)/',
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/'] },
    doNotFollow: { path: 'node_modules' },
    // type-only imports count: a cycle through types is a cycle in the design all the same
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
