// Keeps docker-compose.yml and .env.example in step with the environment contract
// (libs/config/src/config.schema.ts, DESIGN.md "Operating contract").
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { envSchema } from '@closer/config';
import { parse } from 'yaml';

const root = join(__dirname, '..');

type Environment = Record<string, string | number | boolean | null> | string[];
type Port = string | number | { target?: number | string; published?: number | string };

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Environment;
  ports?: Port[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
}

interface Compose {
  services: Record<string, Service>;
}

const APPS = {
  gateway: 'GATEWAY_PORT',
  'candidate-service': 'CANDIDATE_SERVICE_PORT',
  worker: 'WORKER_PORT',
} as const;
type App = keyof typeof APPS;
const APP_NAMES = Object.keys(APPS) as App[];
const SERVICES = ['postgres', 'redis', 'mailpit', 'migrate', 'gateway', 'candidate-service', 'worker'];
const SCHEMA_KEYS = Object.keys(envSchema.shape);
const EXTRA_VARIABLES = ['NODE_ENV', 'APOLLO_TELEMETRY_DISABLED'];

function loadCompose(): Compose {
  return parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
}

/** Compose interpolation with an empty shell environment: `${VAR:-default}` becomes its default. */
function interpolate(value: string): string {
  const variable = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g;
  const resolved = value.replace(variable, (_match, _name, fallback?: string) => fallback ?? '');
  return resolved.replace(/\$\$/g, '$');
}

/** A service's environment as name → value (`${VAR:-default}` resolved to the default). */
function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(env).map(([name, value]) => [name, value === null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(value)]));
}

function tokens(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command.map(String) : command.trim().split(/\s+/);
}

/** Each port entry as { published, target } (short or long syntax). */
function portsOf(service: Service): { published?: string; target: string }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      const published = port.published === undefined ? undefined : String(port.published);
      return { published, target: String(port.target) };
    }
    const parts = interpolate(String(port)).split('/')[0]!.split(':');
    return { published: parts.length > 1 ? parts[parts.length - 2] : undefined, target: parts[parts.length - 1]! };
  });
}

function dependencies(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']));
}

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const services = compose.services;
  const defaults = envSchema.parse({});

  it('has exactly the services postgres, redis, mailpit, migrate, gateway, candidate-service, worker', () => {
    expect(Object.keys(services).sort()).toEqual([...SERVICES].sort());
  });

  it.each(['migrate', ...APP_NAMES])('%s uses only variable names of the environment contract', (name) => {
    const allowed = new Set([...SCHEMA_KEYS, ...EXTRA_VARIABLES]);
    const env = environmentOf(services[name]!);
    expect(Object.keys(env).length).toBeGreaterThan(0);
    expect(Object.keys(env).filter((variable) => !allowed.has(variable))).toEqual([]);
  });

  it.each(['migrate', ...APP_NAMES])('%s has a valid environment with the compose defaults', (name) => {
    const env = environmentOf(services[name]!);
    const result = envSchema.safeParse(env);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    expect(env.DATABASE_URL).toMatch(/@postgres(:\d+)?\//);
    expect(env.REDIS_URL).toMatch(/^redis:\/\/redis(:\d+)?/);
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
  });

  it.each(APP_NAMES)('%s publishes and listens on its *_PORT, the schema default', (app) => {
    const variable = APPS[app];
    const env = environmentOf(services[app]!);
    const expected = String(defaults[variable]);
    expect(expected).toBe({ gateway: '3000', 'candidate-service': '3001', worker: '3002' }[app]);
    expect(env[variable]).toBe(expected);
    expect(portsOf(services[app]!)).toContainEqual({ published: expected, target: expected });
    const probe = services[app]!.healthcheck?.test;
    if (probe !== undefined) expect(tokens(probe).join(' ')).toContain(`127.0.0.1:${expected}/health`);
  });

  it('points CANDIDATE_SERVICE_URL at the candidate-service service and its port', () => {
    const subgraphPort = environmentOf(services['candidate-service']!).CANDIDATE_SERVICE_PORT;
    for (const name of ['migrate', ...APP_NAMES]) {
      const value = environmentOf(services[name]!).CANDIDATE_SERVICE_URL;
      if (name === 'gateway') expect(value).toBeDefined();
      if (value === undefined) continue;
      const url = new URL(value);
      expect({ service: name, host: url.hostname, port: url.port, path: url.pathname }).toEqual({
        service: name,
        host: 'candidate-service',
        port: subgraphPort,
        path: '/graphql',
      });
    }
  });

  it('runs redis with noeviction and appendonly yes', () => {
    const args = tokens(services.redis?.command).flatMap((token) => token.split('='));
    const option = (name: string): string | undefined => {
      const at = args.indexOf(name);
      return at < 0 ? undefined : args[at + 1];
    };
    expect(option('--maxmemory-policy')).toBe('noeviction');
    expect(option('--appendonly')).toBe('yes');
  });

  it.each(APP_NAMES)('%s runs node dist/apps/<its name>/main.js', (app) => {
    expect(tokens(services[app]!.command)).toEqual(['node', `dist/apps/${app}/main.js`]);
  });

  it('migrate runs npm run db:migrate once postgres is healthy', () => {
    expect(tokens(services.migrate!.command)).toEqual(['npm', 'run', 'db:migrate']);
    expect(dependencies(services.migrate!)).toMatchObject({ postgres: 'service_healthy' });
  });

  it.each(['migrate', ...APP_NAMES])('%s is built from the one Dockerfile', (name) => {
    const build = services[name]!.build;
    const context = typeof build === 'string' ? build : build?.context;
    const dockerfile = (typeof build === 'object' && build.dockerfile) || 'Dockerfile';
    expect(context).toBe('.');
    expect(dockerfile).toBe('Dockerfile');
    expect(existsSync(join(root, dockerfile))).toBe(true);
  });

  it('starts the apps after migrate succeeded, and the gateway after candidate-service', () => {
    for (const app of APP_NAMES) {
      expect({ app, migrate: dependencies(services[app]!).migrate }).toEqual({
        app,
        migrate: 'service_completed_successfully',
      });
    }
    expect(Object.keys(dependencies(services.gateway!))).toContain('candidate-service');
    expect(Object.keys(dependencies(services['candidate-service']!))).not.toContain('gateway');
  });
});

describe('.env.example', () => {
  const text = readFileSync(join(root, '.env.example'), 'utf8');

  it.each(SCHEMA_KEYS)('sets or documents %s', (key) => {
    expect(text).toMatch(new RegExp(`^#?\\s*${key}=`, 'm'));
  });
});
