// npm run bench:gateway -- [--quick] [--runs 3] [--duration 10] [--warmup 2] [--connections 10] [--from-dist]
//                           [--operations me,session,closingFeedbackDashboard] [--profile DIR]
//                           [--variants apollo/jit,apollo/graphql-js,apollo-uncached/jit,hive/jit]
//
// What the gateway costs: `me`, `session(id)` with its forms, responses and ratings, and
// `closingFeedbackDashboard` under load (autocannon, closed loop, keep-alive) through the gateway
// (Bearer JWT: verification, limits, query planning, a signed hop) and straight at the candidate
// subgraph (signed identity header, as the gateway sends it), in the same run, interleaved. Each
// measurement follows a warm-up; the report gives medians over runs of req/s, p50 and p99, the
// ratios gateway / direct against the target, and each app's RSS after every run.
// BENCH_TRACING=on: both apps export every trace over OTLP to a sink on loopback (tracing off otherwise).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

import { CANDIDATE_SERVICE_SUBGRAPH, IDENTITY_HEADER, signIdentity } from '@closer/domain';
import { cpuSecondsOf } from '@closer/local-services';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';

import { type ChildApp, startApp } from './support/apps';
import { parseArgs, runMain } from './support/cli';
import { DASHBOARD, IDENTITY, JWT_AUDIENCE, JWT_ISSUER, ME, type Operation, OPERATION_NAMES, SESSION } from './support/gateway-operations';
import { seedGatewayBenchOrganization } from './support/gateway-seed';
import { DEFAULT_VARIANTS, type Executor, parseVariant, type Path } from './support/gateway-variants';
import { profilingEnv } from './support/profiling';
import { formatSeconds } from './support/progress';
import { machine, printJson, printTable } from './support/report';
import { benchDatabase, benchRedis, deleteRedisKeys, dropBenchDatabase } from './support/services';
import { median, round } from './support/stats';
import { startTraceSink } from './support/trace-sink';

const log = (line: string) => process.stderr.write(`[bench:gateway] ${line}\n`);

type MemoryFigures = ReturnType<ChildApp['memory']>;
/** Through the gateway against straight at the subgraph, per operation. */
const TARGETS = { rpsRatioAtLeast: 0.5, p99RatioAtMost: 2 };
interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** CPU time each app process spent per request (user + system), in ms: unaffected by waiting for a core. */
  cpuMsPerRequest: { gateway: number; subgraph: number };
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    quick: 'boolean',
    runs: 'number',
    duration: 'number',
    warmup: 'number',
    connections: 'number',
    'from-dist': 'boolean',
    profile: 'string',
    operations: 'string',
    variants: 'string',
  });
  const quick = args.quick === true;
  const runs = Math.max(1, (args.runs as number | undefined) ?? (quick ? 1 : 3));
  const durationS = (args.duration as number | undefined) ?? (quick ? 2.5 : 10);
  const warmupS = (args.warmup as number | undefined) ?? (quick ? 1 : 2);
  const connections = Math.max(1, (args.connections as number | undefined) ?? 10);
  const fromDist = args['from-dist'] === true;
  const only = typeof args.operations === 'string' ? args.operations.split(',').map((name) => name.trim()) : [...OPERATION_NAMES];
  for (const name of only)
    if (!(OPERATION_NAMES as readonly string[]).includes(name))
      throw new Error(`--operations: unknown ${name} (known: ${OPERATION_NAMES.join(', ')})`);
  const variants = String(args.variants ?? DEFAULT_VARIANTS)
    .split(',')
    .map((name) => parseVariant(name.trim()));
  const profileDir = typeof args.profile === 'string' ? resolve(args.profile) : undefined;
  if (durationS + warmupS >= 55)
    throw new Error('--duration + --warmup must stay under a minute: a signed identity header is valid for 60 s');
  const started = Date.now();

  const secrets = { AUTH_JWT_SECRET: secret(), INTERNAL_AUTH_SECRET: secret(), LINK_SECRET: secret() };
  const databaseName = `closer_bench_gateway_${randomBytes(4).toString('hex')}`;
  const prefix = `closer-bench-gateway-${randomBytes(4).toString('hex')}`;
  const database = await benchDatabase(databaseName);
  const redis = await benchRedis();
  const sink = process.env.BENCH_TRACING === 'on' ? await startTraceSink() : undefined;
  const apps: ChildApp[] = [];
  try {
    // production settings: no introspection, production error handling; quiet logs so the
    // figures measure the request path rather than log writing
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      // seeding submits a form per request from one address: keep the link limits out of the way
      LINK_RATE_LIMIT_PER_MINUTE: '1000000',
      // required in production; neither app sends mail
      SMTP_URL: 'smtp://127.0.0.1:25',
      AUTH_JWT_ISSUER: JWT_ISSUER,
      AUTH_JWT_AUDIENCE: JWT_AUDIENCE,
      ...secrets,
      ...sink?.env,
    };
    log(`starting the apps (${fromDist ? 'dist/' : 'sources (ts-node)'}) for ${variants.map((v) => v.name).join(', ')}…`);
    const profiling = (app: string) => (profileDir ? profilingEnv(profileDir, app) : {});
    // one subgraph per executor, one gateway per engine and executor; uncached variants share their gateway
    const subgraphs = new Map<Executor, ChildApp>();
    for (const executor of new Set(variants.map((v) => v.executor))) {
      const label = `candidate-service-${executor}`;
      const app = await startApp('candidate-service', { ...env, ...profiling(label), GRAPHQL_EXECUTOR: executor }, { fromDist, label });
      apps.push(app);
      subgraphs.set(executor, app);
    }
    const gateways = new Map<string, ChildApp>();
    for (const variant of variants) {
      const key = `${variant.engine}/${variant.executor}`;
      if (gateways.has(key)) continue;
      const label = `gateway-${variant.engine}-${variant.executor}`;
      const app = await startApp(
        'gateway',
        { ...env, ...profiling(label), CANDIDATE_SERVICE_URL: `${subgraphs.get(variant.executor)!.baseUrl}/graphql` },
        { fromDist, label, entry: variant.engine === 'hive' ? 'bench/support/hive-gateway.ts' : undefined },
      );
      apps.push(app);
      gateways.set(key, app);
    }
    const paths: Path[] = [
      ...[...subgraphs].map(([executor, subgraph]): Path => ({
        name: `direct/${executor}`,
        direct: true,
        executor,
        url: `${subgraph.baseUrl}/graphql`,
        subgraph,
        uncached: false,
      })),
      ...variants.map((variant): Path => ({
        name: variant.name,
        direct: false,
        executor: variant.executor,
        url: `${gateways.get(`${variant.engine}/${variant.executor}`)!.baseUrl}/graphql`,
        gateway: gateways.get(`${variant.engine}/${variant.executor}`),
        subgraph: subgraphs.get(variant.executor)!,
        uncached: variant.uncached,
      })),
    ];
    const jwt = await new SignJWT({ org: IDENTITY.org, email: IDENTITY.email, name: IDENTITY.name, role: IDENTITY.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(IDENTITY.sub)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(secrets.AUTH_JWT_SECRET));
    const headersFor = (path: Path, body: string): Record<string, string> =>
      !path.direct
        ? { authorization: `Bearer ${jwt}` }
        : {
            [IDENTITY_HEADER]: signIdentity(secrets.INTERNAL_AUTH_SECRET, IDENTITY, {
              method: 'POST',
              subgraph: CANDIDATE_SERVICE_SUBGRAPH,
              body,
            }),
          };
    // A signed header is good for one body and a few seconds: on the direct path each request is
    // signed afresh (set after each response, before the next request is written), as the gateway does.
    const loadHeaders = (path: Path, body: string): Pick<autocannon.Options, 'headers' | 'setupClient'> => {
      const headers = () => ({ 'content-type': 'application/json', ...headersFor(path, body) });
      if (!path.direct) return { headers: headers() };
      return {
        setupClient: (client) => {
          client.setHeaders(headers());
          client.on('response', () => client.setHeaders(headers()));
        },
      };
    };

    const seedingGateway = paths.find((path) => !path.direct)!;
    const seeded = await seedGatewayBenchOrganization(seedingGateway.url, jwt, database.url, secrets.LINK_SECRET);
    log(`seeded ${seeded.sessions} completed sessions, ${seeded.submitted}/${seeded.forms} forms answered`);

    const now = Date.now();
    const operations: Operation[] = (
      [
        { name: 'me', query: ME, variables: {} },
        { name: 'session', query: SESSION, variables: { id: seeded.sessionId } },
        {
          name: 'closingFeedbackDashboard',
          query: DASHBOARD,
          // a fixed range, so every answer is the same and can be checked byte for byte
          variables: { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString() },
        },
      ] satisfies Operation[]
    ).filter((operation) => only.includes(operation.name));
    // an uncached variant sends each request as a new document (a numbered comment): parsed, validated and planned afresh
    let documents = 0;
    const bodyOf = (operation: Operation, path: Path) =>
      JSON.stringify({ query: path.uncached ? `${operation.query}\n# ${++documents}` : operation.query, variables: operation.variables });

    // every path must do the same work: same data, no errors; the exact bodies are then expected under load
    const expected = new Map<string, string>();
    for (const operation of operations) {
      let reference: string | undefined;
      for (const path of paths) {
        const body = bodyOf(operation, path);
        const response = await fetch(path.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headersFor(path, body) },
          body,
        });
        const text = await response.text();
        const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
        if (response.status !== 200 || parsed.errors || !parsed.data)
          throw new Error(`${operation.name} via ${path.name}: HTTP ${response.status} ${text.slice(0, 500)}`);
        expected.set(`${operation.name}:${path.name}`, text);
        const data = JSON.stringify(parsed.data);
        reference ??= data;
        if (data !== reference) throw new Error(`${operation.name}: ${path.name} answered differently from ${paths[0].name}`);
      }
    }

    const runsOf = new Map<string, Measurement[]>();
    const memoryByRun: { run: number; loadAverage1m: number; rssMiB: Record<string, MemoryFigures> }[] = [];
    const total = runs * operations.length * paths.length;
    let done = 0;
    for (let run = 1; run <= runs; run++) {
      for (const operation of operations) {
        for (const path of paths) {
          const body = bodyOf(operation, path);
          const options = {
            url: path.url,
            method: 'POST' as const,
            connections,
            body,
            // a new body for every request of an uncached variant (where autocannon checks answers in the request)
            ...(path.uncached
              ? {
                  requests: [
                    {
                      setupRequest: (request: autocannon.Request) => ({ ...request, body: bodyOf(operation, path) }),
                      onResponse: (status: number, answer: string) => {
                        if (answer !== expected.get(`${operation.name}:${path.name}`)) unexpected++;
                      },
                    },
                  ],
                }
              : { expectBody: expected.get(`${operation.name}:${path.name}`)! }),
          };
          let unexpected = 0;
          await load({ ...options, ...loadHeaders(path, body), duration: warmupS });
          const cpuBefore = { gateway: path.gateway ? cpuMs(path.gateway.pid) : Number.NaN, subgraph: cpuMs(path.subgraph.pid) };
          const result = await load({ ...options, ...loadHeaders(path, body), duration: durationS });
          const cpuAfter = { gateway: path.gateway ? cpuMs(path.gateway.pid) : Number.NaN, subgraph: cpuMs(path.subgraph.pid) };
          const failures = result.errors + result.timeouts + result.non2xx + result.mismatches + unexpected;
          if (failures > 0) {
            throw new Error(
              `${operation.name} via ${path.name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${result.mismatches + unexpected} unexpected bodies`,
            );
          }
          const measurement = {
            rps: result.requests.total / result.duration,
            p50: result.latency.p50,
            p99: result.latency.p99,
            requests: result.requests.total,
            cpuMsPerRequest: {
              gateway: (cpuAfter.gateway - cpuBefore.gateway) / result.requests.total,
              subgraph: (cpuAfter.subgraph - cpuBefore.subgraph) / result.requests.total,
            },
          };
          runsOf.set(`${operation.name}:${path.name}`, [...(runsOf.get(`${operation.name}:${path.name}`) ?? []), measurement]);
          done++;
          log(
            `[${done}/${total}] run ${run} ${operation.name} via ${path.name}: ${round(measurement.rps)} req/s, p50 ${measurement.p50} ms, p99 ${measurement.p99} ms, ` +
              `CPU per request: gateway ${round(measurement.cpuMsPerRequest.gateway)} ms, subgraph ${round(measurement.cpuMsPerRequest.subgraph)} ms; load average ${round(loadavg()[0])}`,
          );
        }
      }
      // memory after every run: growth from one run to the next would be a leak
      const after = {
        run,
        loadAverage1m: round(loadavg()[0]),
        rssMiB: Object.fromEntries(apps.map((app) => [app.label, app.memory()])),
      };
      memoryByRun.push(after);
      log(
        `after run ${run}: RSS ${Object.entries(after.rssMiB)
          .map(([label, m]) => `${label} ${m.rssMiB ?? '?'} MiB (peak ${m.peakRssMiB ?? '?'})`)
          .join(', ')}; load average ${after.loadAverage1m}`,
      );
    }

    const results = Object.fromEntries(
      operations.map((operation) => {
        const medians = (path: Path) => {
          const measured = runsOf.get(`${operation.name}:${path.name}`)!;
          return {
            rps: round(median(measured.map((m) => m.rps))),
            p50: round(median(measured.map((m) => m.p50))),
            p99: round(median(measured.map((m) => m.p99))),
            requests: measured.map((m) => m.requests),
            cpuMsPerRequest: {
              gateway: round(median(measured.map((m) => m.cpuMsPerRequest.gateway))),
              subgraph: round(median(measured.map((m) => m.cpuMsPerRequest.subgraph))),
            },
          };
        };
        const byPath = Object.fromEntries(paths.map((path) => [path.name, medians(path)]));
        // each gateway variant against the subgraph it fronts, reached directly
        const ratios = Object.fromEntries(
          paths
            .filter((path) => !path.direct)
            .map((path) => {
              const via = byPath[path.name];
              const direct = byPath[`direct/${path.executor}`];
              const rps = via.rps / direct.rps;
              const p99 = via.p99 / direct.p99;
              return [
                path.name,
                {
                  rps: round(rps),
                  p50: round(via.p50 / direct.p50),
                  p99: round(p99),
                  met: rps >= TARGETS.rpsRatioAtLeast && p99 <= TARGETS.p99RatioAtMost,
                },
              ];
            }),
        );
        return [operation.name, { paths: byPath, ratios }];
      }),
    );

    process.stdout.write(
      `\nGateway overhead — ${connections} connections, ${durationS} s per measurement after ${warmupS} s of warm-up, ` +
        `medians of ${runs} run(s); apps from ${fromDist ? 'dist/' : 'sources'}, NODE_ENV=production, tracing ${sink ? 'on' : 'off'}\n\n`,
    );
    printTable(
      ['operation', 'path', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/req', 'subgraph CPU ms/req', 'vs direct: req/s', 'p99', 'target'],
      Object.entries(results).flatMap(([name, r]) =>
        paths.map((path) => {
          const m = r.paths[path.name];
          const ratio = r.ratios[path.name];
          return [
            name,
            path.name,
            m.rps,
            m.p50,
            m.p99,
            path.direct ? '-' : m.cpuMsPerRequest.gateway,
            m.cpuMsPerRequest.subgraph,
            ratio ? `${ratio.rps}×` : '',
            ratio ? `${ratio.p99}×` : '',
            ratio ? (ratio.met ? 'met' : 'not met') : '',
          ];
        }),
      ),
    );
    process.stdout.write(
      `\nTarget: through the gateway ≥ ${TARGETS.rpsRatioAtLeast}× the direct req/s and p99 ≤ ${TARGETS.p99RatioAtMost}× the direct p99 ` +
        `(each variant against the subgraph it fronts).\n\n`,
    );
    printTable(
      ['RSS after run', ...apps.map((app) => `${app.label} MiB (peak)`), 'load average'],
      memoryByRun.map((m) => [
        m.run,
        ...apps.map((app) => `${m.rssMiB[app.label].rssMiB ?? '?'} (${m.rssMiB[app.label].peakRssMiB ?? '?'})`),
        m.loadAverage1m,
      ]),
    );
    process.stdout.write(`\nevery answer checked · ${formatSeconds((Date.now() - started) / 1000)}\n`);
    printJson({
      bench: 'gateway',
      at: new Date().toISOString(),
      machine: machine(),
      quick,
      runs,
      durationS,
      warmupS,
      connections,
      appsFrom: fromDist ? 'dist' : 'sources',
      variants: variants.map((v) => v.name),
      tracing: sink ? { exports: sink.exports(), bytes: sink.bytes() } : 'off',
      seed: seeded,
      targets: TARGETS,
      allTargetsMet: Object.values(results).every((r) => Object.values(r.ratios).every((ratio) => ratio.met)),
      results,
      memoryByRun,
      seconds: round((Date.now() - started) / 1000),
    });
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await sink?.stop();
    await dropBenchDatabase(database.url, databaseName).catch((error: unknown) => log(`could not drop ${databaseName}: ${String(error)}`));
    await deleteRedisKeys(redis.url, prefix).catch((error: unknown) => log(`could not delete the ${prefix}:* keys: ${String(error)}`));
    await database.stop();
    await redis.stop();
  }
});

/** CPU time (user + system) a process has used so far, in ms; Linux /proc, NaN elsewhere. */
function cpuMs(pid: number): number {
  return (cpuSecondsOf(pid) ?? Number.NaN) * 1000;
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error: unknown, result: autocannon.Result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
  });
}
