// The runtime stage of the Dockerfile, laid out in a directory (support/runtime-stage.ts): it holds
// production dependencies, dist/ and the web build only, and `npm run db:migrate` migrates a
// fresh database from the compiled JavaScript, with ts-node and TypeScript nowhere to be loaded.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { ensureDatabase, ensurePostgres, LocalService, withDatabase } from '@closer/local-services';
import { Client } from 'pg';

import { assembleRuntimeStage } from './support/runtime-stage';

const ROOT = join(__dirname, '..', '..');
const SECRET = (label: string) => `${label}-${randomBytes(24).toString('hex')}`;
/** What the compose file's migrate service receives in production. */
const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: SECRET('jwt'),
  INTERNAL_AUTH_SECRET: SECRET('internal'),
  LINK_SECRET: SECRET('link'),
  AUTH_JWT_ISSUER: 'https://auth.example.com/',
  AUTH_JWT_AUDIENCE: 'closer',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  APOLLO_TELEMETRY_DISABLED: 'true',
};
const NEVER_IN_THE_IMAGE = [
  'ts-node',
  'typescript',
  'tsconfig-paths',
  '@swc/core',
  '@nestjs/cli',
  'jest',
  'ts-jest',
  'vite',
  'eslint',
  'prettier',
];

/**
 * Preloaded into every node process (NODE_OPTIONS): refuses to compile ts-node, TypeScript, any
 * .ts file or any file of the repository checkout, and lists what it compiled from the image.
 */
const GUARD = `
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const { sep } = require('node:path');
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  const forbidden =
    /[\\\\/]node_modules[\\\\/](ts-node|typescript|tsconfig-paths|@swc)[\\\\/]/.test(filename) ||
    /\\.[cm]?tsx?$/.test(filename) ||
    filename.startsWith(process.env.GUARD_REPOSITORY + sep);
  appendFileSync(process.env.GUARD_LOG, (forbidden ? 'FORBIDDEN ' : 'loaded ') + filename + '\\n');
  if (forbidden) throw new Error('not in the production image: ' + filename);
  return compile.call(this, content, filename);
};
`;

describe('the runtime stage of the image', () => {
  let work: string;
  let image: string;
  let guard: string;
  let postgres: LocalService;
  const databases: string[] = [];

  beforeAll(() => {
    for (const built of ['dist/apps/candidate-service/main.js', 'apps/web/dist/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first (npm run test:system does)`);
    }
    work = mkdtempSync(join(tmpdir(), 'closer-image-'));
    image = join(work, 'app');
    guard = join(work, 'guard.cjs');
    writeFileSync(guard, GUARD);
    assembleRuntimeStage(ROOT, image, { npm_config_prefer_offline: 'true' });
  }, 300_000);

  beforeAll(async () => {
    postgres = await ensurePostgres({ envUrl: process.env.DATABASE_URL, dataDir: join(ROOT, '.data', 'system-image-postgres') });
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: withDatabase(postgres.url, 'postgres') });
    await admin.connect();
    for (const database of databases) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    await postgres?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function freshDatabase(): Promise<string> {
    const name = `closer_image_${randomBytes(4).toString('hex')}`;
    databases.push(name);
    return ensureDatabase(postgres.url, name);
  }

  /** `npm run db:migrate` in `cwd` with the guard preloaded; returns its exit and what node compiled. */
  function migrate(
    cwd: string,
    env: Record<string, string>,
  ): { status: number | null; output: string; loaded: string[]; forbidden: string[] } {
    const log = join(work, `loads-${randomBytes(4).toString('hex')}.log`);
    writeFileSync(log, '');
    const result = spawnSync('npm', ['run', 'db:migrate'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        ...env,
        NODE_OPTIONS: `--require ${guard}`,
        GUARD_LOG: log,
        GUARD_REPOSITORY: ROOT,
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return {
      status: result.status,
      output: `${result.stdout}\n${result.stderr}`,
      loaded: lines.filter((line) => line.startsWith('loaded ')).map((line) => line.slice('loaded '.length)),
      forbidden: lines.filter((line) => line.startsWith('FORBIDDEN ')).map((line) => line.slice('FORBIDDEN '.length)),
    };
  }

  it('holds package*.json, the two scripts, production dependencies, dist/ and the web build only', () => {
    expect(readdirSync(image).sort()).toEqual(['apps', 'dist', 'node_modules', 'package-lock.json', 'package.json', 'scripts']);
    expect(readdirSync(join(image, 'apps'))).toEqual(['web']);
    expect(readdirSync(join(image, 'apps', 'web'))).toEqual(['dist']);
    expect(readdirSync(join(image, 'scripts')).sort()).toEqual(['prune-optional-peers.mjs', 'typeorm.mjs']);
    expect(existsSync(join(image, 'apps/web/dist/index.html'))).toBe(true);
    for (const app of ['gateway', 'candidate-service', 'worker']) expect(existsSync(join(image, 'dist/apps', app, 'main.js'))).toBe(true);

    expect(NEVER_IN_THE_IMAGE.filter((name) => existsSync(join(image, 'node_modules', name)))).toEqual([]);
    const { devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    // type packages some production dependency declares (@types/node) are declarations, not code
    const devInstalled = Object.keys(devDependencies).filter(
      (name) => !name.startsWith('@types/') && existsSync(join(image, 'node_modules', name)),
    );
    expect(devInstalled).toEqual([]);
    // what the build stage did install, so that the check above can fail
    expect(Object.keys(devDependencies).filter((name) => existsSync(join(ROOT, 'node_modules', name))).length).toBeGreaterThan(20);

    const typescript = listFiles(
      image,
      (path) => !path.startsWith('node_modules/') && /\.[cm]?tsx?$/.test(path) && !path.endsWith('.d.ts'),
    );
    expect(typescript).toEqual([]);
  });

  it('guards for real: ts-node cannot be loaded under the guard, and the repository migrating from TypeScript is refused', () => {
    const refused = migrate(ROOT, {
      ...PRODUCTION_ENV,
      NODE_ENV: 'test',
      DATABASE_URL: withDatabase(postgres.url, 'closer_never_created'),
    });
    expect(refused.status).not.toBe(0);
    expect(refused.forbidden.some((file) => file.includes(`${join('node_modules', 'ts-node')}`))).toBe(true);
  });

  it('`npm run db:migrate` migrates a fresh database from dist/, exactly as the TypeScript migrations do', async () => {
    const fromSources = await freshDatabase();
    const fromImage = await freshDatabase();
    // the reference: the migrations run from the TypeScript sources, as the test harness runs them
    const reference = spawnSync(process.execPath, ['scripts/typeorm.mjs', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, ...PRODUCTION_ENV, NODE_ENV: 'test', DATABASE_URL: fromSources },
      encoding: 'utf8',
    });
    expect(reference.status).toBe(0);

    const run = migrate(image, { ...PRODUCTION_ENV, DATABASE_URL: fromImage });
    expect({ status: run.status, forbidden: run.forbidden }).toEqual({ status: 0, forbidden: [] });
    expect(run.output).toContain('has been executed successfully');

    const schema = await schemaOf(fromImage);
    expect(schema).toEqual(await schemaOf(fromSources));
    for (const table of ['organizations', 'candidates', 'interview_sessions', 'migrations']) expect(schema).toContain(`table ${table}`);
    const applied = await migrationsOf(fromImage);
    expect(applied).toEqual(await migrationsOf(fromSources));
    expect(applied.length).toBeGreaterThanOrEqual(3);

    // every migration came from the image's compiled JavaScript
    const compiled = run.loaded.filter((file) => file.startsWith(join(image, 'dist'))).map((file) => relative(image, file));
    expect(compiled).toContain('dist/apps/candidate-service/libs/database/src/data-source.js');
    for (const name of applied) {
      const [, className, timestamp] = /^(.*?)(\d{13})$/.exec(name)!;
      expect(compiled).toContain(`dist/apps/candidate-service/libs/database/src/migrations/${timestamp}-${className}.js`);
    }
  });

  it('migrates from dist/ too when .env sets NODE_ENV=development (the image has no ts-node)', async () => {
    const database = await freshDatabase();
    const run = migrate(image, { ...PRODUCTION_ENV, NODE_ENV: 'development', DATABASE_URL: database });
    expect({ status: run.status, forbidden: run.forbidden }).toEqual({ status: 0, forbidden: [] });
    expect((await migrationsOf(database)).length).toBeGreaterThanOrEqual(3);
  });

  it('says what is missing when the compiled data source is not there', () => {
    const bare = join(work, 'no-build');
    assembleRuntimeStageWithoutDist(image, bare);
    const run = migrate(bare, { ...PRODUCTION_ENV, DATABASE_URL: withDatabase(postgres.url, 'closer_never_created') });
    expect(run.status).toBe(1);
    expect(run.output).toContain('dist/apps/candidate-service/libs/database/src/data-source.js is missing: run `npm run build` first');
  });
});

/** The image without dist/: its package.json, scripts and node_modules (linked). */
function assembleRuntimeStageWithoutDist(image: string, target: string): void {
  spawnSync('mkdir', ['-p', join(target, 'scripts')]);
  for (const file of ['package.json', 'scripts/typeorm.mjs']) writeFileSync(join(target, file), readFileSync(join(image, file)));
  spawnSync('ln', ['-s', join(image, 'node_modules'), join(target, 'node_modules')]);
}

async function schemaOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ item: string }>(`
      SELECT 'table ' || table_name AS item FROM information_schema.tables WHERE table_schema = 'public'
      UNION ALL SELECT format('column %s.%s %s null=%s default=%s', table_name, column_name, data_type, is_nullable, column_default)
        FROM information_schema.columns WHERE table_schema = 'public'
      UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL SELECT format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION ALL SELECT format('trigger %s %s', tgrelid::regclass, tgname) FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      UNION ALL SELECT 'extension ' || extname FROM pg_extension
      ORDER BY 1`);
    return rows.map((row) => row.item);
  } finally {
    await client.end();
  }
}

async function migrationsOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY timestamp')).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

function listFiles(dir: string, keep: (path: string) => boolean, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    const rel = relative(base, path);
    if (entry.isDirectory()) return listFiles(path, keep, base);
    return keep(rel) ? [rel] : [];
  });
}
