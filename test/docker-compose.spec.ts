// Keeps docker-compose.yml and .env.example in step with the environment contract
// (libs/config/src/config.schema.ts, DESIGN.md "Operating contract").
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { envSchema, loadConfig } from '@closer/config';
import { parse } from 'yaml';

const root = join(__dirname, '..');

type Environment = Record<string, string | number | boolean | null> | string[];
type Port = string | number | { target?: number | string; published?: number | string; host_ip?: string };

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Environment;
  ports?: Port[];
  network_mode?: string;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  profiles?: string[];
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
const CLOSER_SERVICES = ['migrate', ...APP_NAMES];
const SERVICES = ['postgres', 'redis', 'mailpit', 'migrate', 'gateway', 'candidate-service', 'worker'];
const SCHEMA_KEYS = Object.keys(envSchema.shape);
// the iss/aud every recruiter JWT must carry (DESIGN.md, "Operating contract")
const EXTRA_VARIABLES = ['NODE_ENV', 'APOLLO_TELEMETRY_DISABLED', 'AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'];
/** Never given a value in the file: each must come from `.env` or the shell, or compose refuses to start. */
const SECRETS = ['AUTH_JWT_SECRET', 'INTERNAL_AUTH_SECRET', 'LINK_SECRET', 'METRICS_TOKEN'];
const REQUIRED = ['AUTH_JWT_SECRET', 'INTERNAL_AUTH_SECRET', 'LINK_SECRET', 'AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'];

/** What a production `.env` next to docker-compose.yml holds (random secrets: a value written here would be refused). */
const PRODUCTION_DOTENV: Record<string, string> = {
  AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
  INTERNAL_AUTH_SECRET: randomBytes(32).toString('base64url'),
  LINK_SECRET: randomBytes(32).toString('base64url'),
  AUTH_JWT_ISSUER: 'https://auth.example.com/',
  AUTH_JWT_AUDIENCE: 'closer',
};

function loadCompose(): Compose {
  return parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
}

/**
 * Compose interpolation against `variables` (what `.env` and the shell give `docker compose`):
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `$VAR`, `$$`.
 * A `?` form whose variable is missing throws, as `docker compose` refuses to start.
 */
function interpolate(value: string, variables: Record<string, string> = {}): string {
  const reference = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  return value.replace(reference, (match, braced?: string, colon?: string, operator?: string, operand?: string, bare?: string) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const set = colon ? Boolean(variables[name]) : variables[name] !== undefined;
    if (set) return variables[name]!;
    if (operator === '?') throw new Error(`required variable ${name} is missing a value: ${operand}`);
    return operator === '-' ? operand! : '';
  });
}

/** A service's environment as written in the file: name → raw value. */
function rawEnvironmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(env).map(([name, value]) => [name, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

/** A service's environment as its containers receive it, given `variables`. */
function environmentOf(service: Service, variables: Record<string, string> = PRODUCTION_DOTENV): Record<string, string> {
  return Object.fromEntries(Object.entries(rawEnvironmentOf(service)).map(([name, value]) => [name, interpolate(value, variables)]));
}

function tokens(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command.map(String) : command.trim().split(/\s+/);
}

/** Each port entry as { hostIp, published, target } (short `[IP:][PUBLISHED:]TARGET[/proto]` or long syntax). */
function portsOf(service: Service): { hostIp?: string; published?: string; target: string }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      const published = port.published === undefined ? undefined : String(port.published);
      return { hostIp: port.host_ip, published, target: String(port.target) };
    }
    const parts = interpolate(String(port)).split('/')[0]!.split(':');
    const target = parts.pop()!;
    const published = parts.pop();
    const hostIp = parts.length > 0 ? parts.join(':').replace(/^\[|\]$/g, '') : undefined;
    return { hostIp, published, target };
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

  it('has exactly the services postgres, redis, mailpit, migrate, gateway, candidate-service, worker outside a profile', () => {
    expect(
      Object.entries(services)
        .filter(([, service]) => !service.profiles)
        .map(([name]) => name)
        .sort(),
    ).toEqual([...SERVICES].sort());
  });

  it.each(CLOSER_SERVICES)('%s uses only variable names of the environment contract', (name) => {
    const allowed = new Set([...SCHEMA_KEYS, ...EXTRA_VARIABLES]);
    const env = environmentOf(services[name]!);
    expect(Object.keys(env).length).toBeGreaterThan(0);
    expect(Object.keys(env).filter((variable) => !allowed.has(variable))).toEqual([]);
  });

  it.each(CLOSER_SERVICES)('%s starts in production with a production .env: the configuration loads', (name) => {
    const env = environmentOf(services[name]!);
    expect(env.NODE_ENV).toBe('production');
    expect(() => loadConfig(env)).not.toThrow();
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    expect(env.DATABASE_URL).toMatch(/@postgres(:\d+)?\//);
    expect(env.REDIS_URL).toMatch(/^redis:\/\/redis(:\d+)?/);
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(env.AUTH_JWT_ISSUER).toBe(PRODUCTION_DOTENV.AUTH_JWT_ISSUER);
    expect(env.AUTH_JWT_AUDIENCE).toBe(PRODUCTION_DOTENV.AUTH_JWT_AUDIENCE);
  });

  it.each(CLOSER_SERVICES)('%s lets .env override NODE_ENV and SMTP_URL', (name) => {
    const env = environmentOf(services[name]!, { ...PRODUCTION_DOTENV, NODE_ENV: 'development', SMTP_URL: 'smtp://relay.example.com:587' });
    expect(env.NODE_ENV).toBe('development');
    expect(env.SMTP_URL).toBe('smtp://relay.example.com:587');
  });

  it.each(CLOSER_SERVICES)('%s takes every secret, the JWT issuer and audience from .env, refusing to start without them', (name) => {
    const raw = rawEnvironmentOf(services[name]!);
    for (const variable of REQUIRED) {
      expect({ variable, value: raw[variable] }).toEqual({
        variable,
        value: expect.stringMatching(new RegExp(`^\\$\\{${variable}:\\?[^}]+\\}$`)),
      });
      for (const missing of [undefined, '']) {
        const variables = { ...PRODUCTION_DOTENV, [variable]: missing } as Record<string, string>;
        expect(() => environmentOf(services[name]!, variables)).toThrow(`required variable ${variable} is missing a value`);
      }
    }
  });

  it('has no default for any secret in any service (a default in a public file is no secret)', () => {
    const isSecret = (variable: string) => SECRETS.includes(variable) || /_(SECRET|TOKEN)$/.test(variable);
    const found = Object.entries(services).flatMap(([service, definition]) =>
      Object.entries(rawEnvironmentOf(definition))
        .filter(([variable]) => isSecret(variable))
        .map(([variable, value]) => ({ service, variable, value })),
    );
    expect(found.length).toBeGreaterThanOrEqual(3 * CLOSER_SERVICES.length);
    for (const { service, variable, value } of found) {
      expect({ service, variable, value }).toEqual({
        service,
        variable,
        value: expect.stringMatching(new RegExp(`^\\$\\{${variable}:\\?[^}]+\\}$`)),
      });
    }
  });

  it('publishes only the gateway on every interface; every other published port is bound to 127.0.0.1', () => {
    expect(portsOf(services.gateway!)).toEqual([{ hostIp: undefined, published: '3000', target: '3000' }]);
    for (const [name, service] of Object.entries(services)) {
      expect({ name, networkMode: service.network_mode }).toEqual({ name, networkMode: undefined });
      if (name === 'gateway') continue;
      for (const port of portsOf(service)) expect({ name, ...port }).toEqual({ name, ...port, hostIp: '127.0.0.1' });
    }
    expect(services['candidate-service']!.ports ?? []).toEqual([]);
    expect(portsOf(services.mailpit!).map((port) => port.target)).not.toContain('1025');
  });

  it.each(APP_NAMES)('%s listens on its *_PORT, the schema default, and probes it', (app) => {
    const variable = APPS[app];
    const env = environmentOf(services[app]!);
    const expected = String(defaults[variable]);
    expect(expected).toBe({ gateway: '3000', 'candidate-service': '3001', worker: '3002' }[app]);
    expect(env[variable]).toBe(expected);
    // readiness: compose starts the gateway once the subgraph is ready, and restarts only on exit
    expect(tokens(services[app]!.healthcheck?.test).join(' ')).toContain(`127.0.0.1:${expected}/health/ready`);
    for (const port of portsOf(services[app]!)) expect(port).toEqual({ ...port, published: expected, target: expected });
  });

  it('pins every third-party image to a version, the mail catcher to a full release', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      const tag = /:([^/:@]+)$/.exec(service.image ?? '')?.[1];
      expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/^v?\d+/) });
    }
    expect(services.mailpit!.image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
  });

  it('checks the health of the mail catcher, and the apps wait for it to be healthy', () => {
    const probe = tokens(services.mailpit!.healthcheck?.test);
    expect(services.mailpit!.healthcheck?.disable).not.toBe(true);
    expect(probe[0]).toBe('CMD');
    expect(probe).toContain('readyz');
    for (const app of APP_NAMES)
      expect({ app, mailpit: dependencies(services[app]!).mailpit }).toEqual({ app, mailpit: 'service_healthy' });
  });

  it('points CANDIDATE_SERVICE_URL at the candidate-service service and its port', () => {
    const subgraphPort = environmentOf(services['candidate-service']!).CANDIDATE_SERVICE_PORT;
    for (const name of CLOSER_SERVICES) {
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

  it.each(CLOSER_SERVICES)('%s is built from the one Dockerfile', (name) => {
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

describe('docker-compose.yml profiles sentinel and cluster', () => {
  const services = loadCompose().services;
  const inProfile = (profile: string) =>
    Object.entries(services)
      .filter(([, service]) => service.profiles?.includes(profile))
      .map(([name]) => name)
      .sort();

  it('sentinel: a replica of redis and three sentinels monitoring it as "closer" with a quorum of 2', () => {
    expect(inProfile('sentinel')).toEqual(['redis-replica', 'sentinel-1', 'sentinel-2', 'sentinel-3']);
    expect(tokens(services['redis-replica']!.command)).toEqual(expect.arrayContaining(['--replicaof', 'redis', '6379', 'noeviction']));
    for (const name of ['sentinel-1', 'sentinel-2', 'sentinel-3']) {
      const script = tokens(services[name]!.command).join(' ');
      expect(script).toContain('sentinel monitor closer redis 6379 2');
      expect(script).toContain('--sentinel');
    }
  });

  it('cluster: six cluster-enabled nodes keeping every job, joined with one replica per primary', () => {
    const nodes = [1, 2, 3, 4, 5, 6].map((n) => `redis-node-${n}`);
    expect(inProfile('cluster')).toEqual([...nodes, 'redis-cluster-init'].sort());
    for (const node of nodes) {
      expect(tokens(services[node]!.command)).toEqual(
        expect.arrayContaining(['--cluster-enabled', 'yes', '--maxmemory-policy', 'noeviction', '--appendonly']),
      );
    }
    const init = tokens(services['redis-cluster-init']!.command).join(' ');
    expect(init).toMatch(/redis-cli --cluster create .*--cluster-replicas 1 --cluster-yes/);
    expect(Object.keys(dependencies(services['redis-cluster-init']!)).sort()).toEqual(nodes);
  });

  it.each([
    [
      'sentinel',
      {
        REDIS_MODE: 'sentinel',
        REDIS_SENTINEL_MASTER: 'closer',
        REDIS_URL: 'redis://sentinel-1:26379,redis://sentinel-2:26379,redis://sentinel-3:26379',
      },
    ],
    [
      'cluster',
      {
        REDIS_MODE: 'cluster',
        QUEUE_PREFIX: '{closer}',
        REDIS_URL: 'redis://redis-node-1:6379,redis://redis-node-2:6379,redis://redis-node-3:6379',
      },
    ],
  ])('the apps load their configuration with the variables the comments give for the %s profile', (profile, variables) => {
    const config = loadConfig(environmentOf(services.worker!, { ...PRODUCTION_DOTENV, ...variables }));
    expect(config.redis).toMatchObject({ mode: profile, url: variables.REDIS_URL });
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    for (const [name, value] of Object.entries(variables)) expect(text).toContain(`${name}=${value}`);
  });

  it('runs one Redis with the apps in single mode when no profile is chosen', () => {
    expect(loadConfig(environmentOf(services.worker!)).redis).toMatchObject({ mode: 'single', url: 'redis://redis:6379' });
  });
});

describe('.env.example', () => {
  const text = readFileSync(join(root, '.env.example'), 'utf8');

  it.each(SCHEMA_KEYS)('sets or documents %s', (key) => {
    expect(text).toMatch(new RegExp(`^#?\\s*${key}=`, 'm'));
  });
});
