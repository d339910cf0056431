// `npm start`: the whole suite with demo data on this machine (DESIGN.md, "Running it").
// Builds when sources changed, finds or starts PostgreSQL and Redis, migrates, starts the three
// apps, seeds a demo organisation through the public API and stays up until Ctrl-C.
// For tests: CLOSER_PRIVATE_SERVICES=1 always starts private PostgreSQL and Redis,
// CLOSER_DATA_DIR=<dir> keeps their data and the logs there instead of .data, and
// CLOSER_SKIP_BUILD=1 uses dist/ as it is (the test run built it once).
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { CloserConfig, ConfigError, loadConfig } from '@closer/config';
import {
  AppName,
  AppProcess,
  ensureDatabase,
  ensurePostgres,
  ensureRedis,
  isPortOpen,
  LocalService,
  redactPassword,
} from '@closer/local-services';

import { recruiterToken, seedIfEmpty } from './demo/seed-demo';

const ROOT = resolve(__dirname, '..');
const APPS: readonly AppName[] = ['candidate-service', 'gateway', 'worker'];
const DATA_DIR = process.env.CLOSER_DATA_DIR || '.data';
const LOG_DIR = join(DATA_DIR, 'logs');
const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const DEMO_HOUR_MS = '60000';

// Everything this script starts, from the moment it is started, so that one shutdown path
// (shutdown() below) can stop it at any point: PostgreSQL and Redis while they start (the abort
// signal makes a start stop what it began) or run, the build and migration steps, the apps.
const startup = new AbortController();
const services: Promise<LocalService | undefined>[] = [];
const apps: AppProcess[] = [];
const steps = new Set<ChildProcess>();
let stopping = false;

class Aborted extends Error {}

function say(line: string): void {
  process.stdout.write(`[closer] ${line}\n`);
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  process.on('SIGINT', () => void shutdown(0, 'SIGINT'));
  process.on('SIGTERM', () => void shutdown(0, 'SIGTERM'));
  // last resort (e.g. an uncaught error): never leave a step running (AppProcess does the same for the apps)
  process.on('exit', () => steps.forEach((child) => killGroup(child, 'SIGKILL')));

  const env = appEnvironment(process.env);
  const config = withLinkedUrls(env, loadConfig(env));
  await assertPortsFree(config);
  await buildIfNeeded();

  const { databaseUrl, redisUrl } = await prepareServices();
  Object.assign(env, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl });
  await migrate(env);

  const ports: Record<AppName, number> = {
    'candidate-service': config.ports.candidateService,
    gateway: config.ports.gateway,
    worker: config.ports.worker,
  };
  for (const name of APPS) await startApp(name, ports[name], env);

  const token = config.auth.jwtSecret ? await recruiterToken(config.auth.jwtSecret) : undefined;
  await seedIfEmpty(databaseUrl, config, token, { say, stopping: () => stopping, logDir: LOG_DIR });
  printSummary(config, token);
}

/** What every app receives: the caller's environment plus demo-friendly defaults. */
function appEnvironment(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...source, APOLLO_TELEMETRY_DISABLED: 'true' };
  env.NODE_ENV ||= 'development';
  if (!env.CLOSER_HOUR_MS) {
    env.CLOSER_HOUR_MS = DEMO_HOUR_MS;
    say('CLOSER_HOUR_MS=60000: one "hour" lasts a minute, so a 48-hour feedback window closes in 48 minutes');
  }
  // the demo recruiter (subject demo-recruiter) is an admin of "demo": let them operate the queue dashboard
  env.OPS_OPERATORS ||= 'demo-recruiter';
  env.OPS_ORGANIZATION ||= 'demo';
  return env;
}

/** Keeps the apps pointing at each other (and mails at the gateway) when only ports were changed. */
function withLinkedUrls(env: NodeJS.ProcessEnv, config: CloserConfig): CloserConfig {
  env.CANDIDATE_SERVICE_URL ||= `http://127.0.0.1:${config.ports.candidateService}/graphql`;
  env.PUBLIC_URL ||= `http://localhost:${config.ports.gateway}`;
  return loadConfig(env);
}

async function assertPortsFree(config: CloserConfig): Promise<void> {
  const wanted: [string, number][] = [
    ['GATEWAY_PORT', config.ports.gateway],
    ['CANDIDATE_SERVICE_PORT', config.ports.candidateService],
    ['WORKER_PORT', config.ports.worker],
  ];
  for (const [variable, port] of wanted) {
    if (await isPortOpen(port)) {
      throw new Error(`Port ${port} (${variable}) is already in use: is another \`npm start\` still running? Stop it, or set ${variable}.`);
    }
  }
}

async function buildIfNeeded(): Promise<void> {
  if (process.env.CLOSER_SKIP_BUILD === '1') {
    const missing = APPS.map((app) => `dist/apps/${app}/main.js`).filter((entry) => !existsSync(entry));
    if (missing.length > 0) throw new Error(`CLOSER_SKIP_BUILD=1, but ${missing.join(', ')} is missing: run \`npm run build\``);
    say('Build: using dist/ as it is (CLOSER_SKIP_BUILD=1)');
    return;
  }
  const stale = buildStaleness();
  if (!stale) {
    say('Build is up to date');
    return;
  }
  say(`Building (${stale})…`);
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli ? [process.execPath, [npmCli, 'run', 'build']] : ['npm', ['run', 'build']];
  const { code } = await run(command, args, { inherit: true });
  if (code !== 0) throw new Error('`npm run build` failed (see above)');
}

/** Why a build is needed, or undefined when every entry point is newer than every source. */
function buildStaleness(): string | undefined {
  const outputs = APPS.map((app) => mtime(`dist/apps/${app}/main.js`));
  if (outputs.some((time) => time === undefined)) return 'no build yet';
  const builtAt = Math.min(...(outputs as number[]));
  const newest = newestSource(['apps', 'libs', 'tsconfig.json', 'nest-cli.json']);
  return newest && newest.time > builtAt ? `${newest.path} changed` : undefined;
}

/** Test files, libs/testing and libs/local-services are not part of any app build: editing them needs no rebuild. */
const NOT_IN_BUILD = new Set([join('libs', 'testing'), join('libs', 'local-services')]);

function newestSource(paths: string[]): { path: string; time: number } | undefined {
  let newest: { path: string; time: number } | undefined;
  const visit = (path: string): void => {
    if (/\.(int-|e2e-)?spec\.ts$/.test(path) || NOT_IN_BUILD.has(path)) return;
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return;
    // a directory's own time changes when a file in it is deleted or renamed
    if (!newest || stats.mtimeMs > newest.time) newest = { path, time: stats.mtimeMs };
    if (stats.isDirectory()) readdirSync(path).forEach((entry) => visit(join(path, entry)));
  };
  paths.forEach(visit);
  return newest;
}

async function prepareServices(): Promise<{ databaseUrl: string; redisUrl: string }> {
  const forcePrivate = process.env.CLOSER_PRIVATE_SERVICES === '1';
  const { signal } = startup;
  const postgres = ensurePostgres({
    envUrl: process.env.DATABASE_URL,
    dataDir: join(DATA_DIR, 'postgres'),
    log: say,
    forcePrivate,
    signal,
  });
  const redis = ensureRedis({ envUrl: process.env.REDIS_URL, dataDir: join(DATA_DIR, 'redis'), log: say, forcePrivate, signal });
  // registered before they settle: a Ctrl-C during start-up aborts them, and a start that gives up
  // has stopped what it started before it rejects
  services.push(
    postgres.catch(() => undefined),
    redis.catch(() => undefined),
  );
  const [pg, rd] = await Promise.all([postgres, redis]);
  const databaseUrl = process.env.DATABASE_URL && !forcePrivate ? pg.url : await ensureDatabase(pg.url, 'closer');
  say(`PostgreSQL: ${redactPassword(databaseUrl)}${pg.private ? ' (private)' : ''}`);
  say(`Redis: ${redactPassword(rd.url)}${rd.private ? ' (private)' : ''}`);
  return { databaseUrl, redisUrl: rd.url };
}

async function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  say('Applying database migrations…');
  const { code, output } = await run(process.execPath, ['scripts/typeorm.mjs', 'migrate'], { env });
  if (code !== 0) throw new Error(`Migrations failed:\n${output.trim().split('\n').slice(-40).join('\n')}`);
}

async function startApp(name: AppName, port: number, env: NodeJS.ProcessEnv): Promise<void> {
  if (stopping) throw new Aborted();
  say(`Starting ${name}…`);
  const app: AppProcess = new AppProcess(name, port, {
    env,
    logDir: LOG_DIR,
    detached: true,
    readyTimeoutMs: HEALTH_TIMEOUT_MS,
    formatLogLine: readableLogLine,
    onExit: ({ code, signal }) => {
      if (!stopping) void diedUnexpectedly(app, signal ?? `code ${code}`);
    },
  });
  apps.push(app);
  try {
    await app.start(startup.signal);
  } catch (error) {
    if (stopping) throw new Aborted(); // a signal or the app's exit (diedUnexpectedly reports it) is shutting down
    throw error;
  }
  say(`${name.padEnd(17)} up on port ${port} (pid ${app.pid}, log ${app.logFile})`);
}

async function diedUnexpectedly(app: AppProcess, how: string): Promise<void> {
  process.stderr.write(`[closer] ${app.app} exited unexpectedly (${how}).\n${app.tail(25)}\n`);
  await shutdown(1);
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** pino writes JSON; show level, message and error instead of the raw object. */
function readableLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; stack?: string } };
    const level = LEVELS[entry.level ?? 30] ?? String(entry.level);
    return `  ${level} ${entry.msg ?? ''}${entry.err ? `\n    ${entry.err.stack ?? entry.err.message}` : ''}`;
  } catch {
    return `  ${line}`;
  }
}

function printSummary(config: CloserConfig, token: string | undefined): void {
  const gateway = `http://localhost:${config.ports.gateway}`;
  const lines = ['', 'Closer is running.', `  GraphQL API   ${gateway}/graphql`];
  if (token)
    lines.push(
      `  Dashboard     ${gateway}/dashboard#token=${token}`,
      '                (signed in as Robin Recruiter of "demo" for 12 hours)',
    );
  else lines.push('  Dashboard     sign in with a token from your AUTH_JWKS_URL issuer');
  if (config.opsOperators.length > 0)
    lines.push(`  Queues        ${gateway}/admin/queues (operators in OPS_OPERATORS: the dashboard's Queues button)`);
  lines.push(
    config.mail.smtpUrl
      ? `  Mail          sent via ${redactPassword(config.mail.smtpUrl)}`
      : `  Mailbox       http://localhost:${config.ports.worker}/mailbox`,
  );
  lines.push(`  Logs          ${resolve(ROOT, LOG_DIR)}/<app>.log`, '', 'Press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

let shutdownPromise: Promise<void> | undefined;

/**
 * The one way out, whenever it is called: steps and apps first (the apps hold connections), then
 * PostgreSQL and Redis, whether they run or are still starting; each is waited for. Idempotent.
 * Nothing new starts once `stopping` is set: run() and startApp() refuse.
 */
function shutdown(code: number, signal?: string): Promise<void> {
  if (shutdownPromise) {
    if (signal) say('Still stopping…');
    return shutdownPromise;
  }
  stopping = true;
  startup.abort();
  if (signal) say(`${signal}: stopping…`);
  shutdownPromise = (async () => {
    await Promise.all([...[...steps].map(stopStep), ...apps.map(stopApp)]);
    // a service still starting settles once it is up (then stopped here) or has given up
    await Promise.all(
      services.map(async (service) =>
        (await service)?.stop().catch((error: unknown) => process.stderr.write(`[closer] ${errorMessage(error)}\n`)),
      ),
    );
    say('Stopped.');
    process.exit(code);
  })();
  return shutdownPromise;
}

async function stopApp(app: AppProcess): Promise<void> {
  if ((await app.stop(STOP_TIMEOUT_MS)) === 'killed') say(`${app.app} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killed it`);
}

/**
 * Runs a build or migration step to completion, sharing our terminal or capturing its output.
 * It gets its own process group so that shutdown can stop it with everything it spawned.
 */
function run(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; inherit?: boolean },
): Promise<{ code: number; output: string }> {
  if (stopping) return Promise.reject(new Aborted());
  return new Promise((resolveRun, reject) => {
    const stdout = opts.inherit ? 'inherit' : 'pipe';
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ['ignore', stdout, stdout], detached: true });
    steps.add(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      steps.delete(child);
      if (stopping) reject(new Aborted());
      else resolveRun({ code: code ?? 1, output });
    });
  });
}

async function stopStep(child: ChildProcess): Promise<void> {
  const closed = new Promise<void>((resolveClose) => child.once('close', () => resolveClose()));
  if (!killGroup(child, 'SIGTERM')) return; // already gone
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await closed;
  clearTimeout(timer);
}

/** Signals a step and everything it spawned (its own process group); false when it is gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false;
  }
}

function mtime(path: string): number | undefined {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch(async (error: unknown) => {
  if (error instanceof Aborted || stopping) return; // a signal or an app's exit is already shutting down
  const text = error instanceof ConfigError ? error.message : errorMessage(error);
  process.stderr.write(`[closer] ${text}\n`);
  await shutdown(1);
});
