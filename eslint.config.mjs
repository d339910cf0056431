import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jest from 'eslint-plugin-jest';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

const APPS = ['gateway', 'candidate-service', 'worker', 'web'];

/** An app never imports another app, and libs never import apps: they talk over GraphQL, PostgreSQL and BullMQ. */
const appBoundaries = APPS.map((app) => ({
  files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: APPS.filter((other) => other !== app).map((other) => ({
          group: [`**/apps/${other}/**`, `**/${other}/src/**`, `../../${other}/**`, `../${other}/**`],
          message: `apps/${app} must not import apps/${other}: share through libs/ or talk over the API.`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'artifacts/**', 'apps/web/dist/**', 'apps/web/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // type-aware rules, with the two programs `npm run typecheck` compiles (the web app's with its specs)
      parserOptions: { project: ['./tsconfig.json', './apps/web/tsconfig.spec.json'], tsconfigRootDir: import.meta.dirname },
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // Apollo plugin hooks, Nest lifecycle hooks and fetch-like interfaces must return promises even
      // when they have nothing to wait for; the rule flags every one of them
      '@typescript-eslint/require-await': 'off',
      // React event handlers may be async: a rejected promise there is handled inside the handler
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // the browser app: React with the automatic JSX runtime, browser globals, no Node
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        history: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        requestAnimationFrame: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLTextAreaElement: 'readonly',
        Intl: 'readonly',
        Response: 'readonly',
        process: 'off',
        Buffer: 'off',
        __dirname: 'off',
      },
    },
    // props declared as methods (`onSave(value): void`) are plain callbacks, never bound to an object
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  ...appBoundaries,
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'libs must not depend on apps.' }] }],
    },
  },
  { files: ['scripts/**', 'test/**', '**/*.spec.ts', '**/*.int-spec.ts'], rules: { 'no-console': 'off' } },
  { files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.system-spec.ts'], ...jest.configs['flat/recommended'] },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.system-spec.ts'],
    rules: {
      // `describe(SessionService.name)` names the subject (CONVENTIONS.md, habit 10)
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
      // jest's version knows that `expect(mock.method)` never calls the method unbound
      '@typescript-eslint/unbound-method': 'off',
      'jest/unbound-method': 'error',
      // Some files assert inside loops over cases and in shared helpers that already fail loudly;
      // rewriting them around the rules is a change of its own. Warned, so new code sees it.
      'jest/no-conditional-expect': 'warn',
      'jest/expect-expect': 'warn',
      'jest/no-standalone-expect': 'warn',
    },
  },
  {
    // Tests and benchmarks read GraphQL and JSON bodies untyped and type them where they assert;
    // typing every response of the suites is work of its own. Warned here, errors in the apps.
    files: ['test/**', 'bench/**', 'apps/*/test/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.system-spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'warn',
      '@typescript-eslint/no-unsafe-member-access': 'warn',
      '@typescript-eslint/no-unsafe-call': 'warn',
      '@typescript-eslint/no-unsafe-return': 'warn',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      '@typescript-eslint/no-unsafe-enum-comparison': 'warn',
      '@typescript-eslint/no-base-to-string': 'warn',
      '@typescript-eslint/restrict-template-expressions': 'warn',
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
    },
  },
  // the JavaScript configs and scripts are outside every TypeScript program: no type-aware rules there
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
