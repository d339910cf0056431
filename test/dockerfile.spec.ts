// The image's runtime stage holds production dependencies, the compiled apps and the web build,
// and runs as an unprivileged user. (No Docker engine here: the Dockerfile is read, and
// test/system/lean-image.system-spec.ts carries the runtime stage out in a directory.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { commandsOf, environmentOf, Instruction, parseDockerfile, Stage } from './support/dockerfile';

const stages = parseDockerfile(readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8'));
const runtime = stages[stages.length - 1];
const build = stages.find((stage) => stage.name === 'build');
const of = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((item) => item.keyword === keyword);
const runCommands = (stage: Stage): string[] => of(stage, 'RUN').flatMap(commandsOf);

/** Of the repository, only what installs and migrates; every line of code comes compiled from the build stage. */
const FROM_CONTEXT = ['package.json', 'package-lock.json', 'scripts/typeorm.mjs', 'scripts/prune-optional-peers.mjs'];
const FROM_BUILD = ['/app/dist', '/app/apps/web/dist'];

describe('Dockerfile', () => {
  it('builds in a build stage and ends with a runtime stage that starts from a clean base image', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    expect(runCommands(build!)).toEqual(expect.arrayContaining(['npm ci', 'npm run build']));
    // `FROM build` would inherit the sources, the tests and every dev dependency
    expect(stages.map((stage) => stage.name)).not.toContain(runtime.from);
    expect(runtime.from).toMatch(/^node:\d+[\w.-]*$/);
  });

  it('copies into the runtime stage only package*.json and two scripts from the repository, dist/ and the web build from the build stage', () => {
    expect(of(runtime, 'ADD')).toEqual([]);
    const copies = of(runtime, 'COPY');
    const fromContext = copies.filter((copy) => copy.flags.from === undefined).flatMap((copy) => copy.sources);
    const fromOtherStages = copies.filter((copy) => copy.flags.from !== undefined);
    expect(fromContext.sort()).toEqual([...FROM_CONTEXT].sort());
    expect(fromOtherStages.map((copy) => copy.flags.from)).toEqual(fromOtherStages.map(() => 'build'));
    expect(fromOtherStages.flatMap((copy) => copy.sources).sort()).toEqual([...FROM_BUILD].sort());
    // and each lands where the build stage had it: the apps start with `node dist/apps/<app>/main.js`
    // from /app, and the gateway serves the web app from apps/web/dist
    for (const copy of fromOtherStages) {
      expect(join('/app', copy.destination!)).toBe(copy.sources[0]);
    }
  });

  it("has no `COPY . .`, nor the build stage's whole tree, node_modules or sources, in the runtime stage", () => {
    const copied = of(runtime, 'COPY').flatMap((copy) =>
      copy.sources.map((source) => ({ from: copy.flags.from, path: source.replace(/\/+$/, '') || '/' })),
    );
    const wholeTree = copied.filter(({ from, path }) => (from === undefined ? ['.', './', '*'] : ['/app', '/', '.']).includes(path));
    const sources = copied.filter(({ path }) => /\*|node_modules|(^|\/)(libs|test|src)(\/|$)|\.ts$/.test(path));
    expect({ wholeTree, sources }).toEqual({ wholeTree: [], sources: [] });
  });

  it('installs production dependencies only, without ts-node and typescript, and builds nothing at runtime', () => {
    const commands = runCommands(runtime);
    expect(commands).toContain('npm ci --omit=dev');
    expect(commands).toContain('node scripts/prune-optional-peers.mjs');
    expect(commands.indexOf('node scripts/prune-optional-peers.mjs')).toBeGreaterThan(commands.indexOf('npm ci --omit=dev'));
    const installs = commands.filter((command) => /\bnpm (ci|install|i|add)\b|\byarn\b|\bpnpm\b/.test(command));
    expect(installs).toEqual(['npm ci --omit=dev']);
    expect(commands.filter((command) => /\b(build|tsc|nest|vite|ts-node)\b/.test(command))).toEqual([]);
  });

  it('runs as the unprivileged node user, in production', () => {
    const users = of(runtime, 'USER').map((user) => user.args.trim());
    expect(users.length).toBeGreaterThan(0);
    const last = users[users.length - 1];
    expect(last).toBe('node');
    expect(users.filter((user) => /^(root|0)(:|$)/.test(user))).toEqual([]);
    // nothing after USER runs as root again, and the command comes after it
    const keywords = runtime.instructions.map((item) => item.keyword);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.lastIndexOf('CMD'));
    expect(keywords.slice(keywords.lastIndexOf('USER')).filter((keyword) => keyword === 'RUN')).toEqual([]);
    const env = Object.assign({}, ...of(runtime, 'ENV').map(environmentOf)) as Record<string, string>;
    expect(env.NODE_ENV).toBe('production');
  });

  it('checks liveness on the ports of all three apps, so the one image fits each', () => {
    const [check] = of(runtime, 'HEALTHCHECK');
    expect(check?.args).toMatch(/^--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+\s+CMD \[/);
    const command = JSON.parse(check.args.slice(check.args.indexOf('['))) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    for (const port of ['GATEWAY_PORT || 3000', 'CANDIDATE_SERVICE_PORT || 3001', 'WORKER_PORT || 3002'])
      expect(command[2]).toContain(port);
    expect(command[2]).toContain('/health/live');
  });

  it('starts the gateway from dist by default', () => {
    expect(JSON.parse(of(runtime, 'CMD')[0].args)).toEqual(['node', 'dist/apps/gateway/main.js']);
  });
});

describe(parseDockerfile.name, () => {
  it('joins continuations, drops comments inside them, and reads COPY flags, sources and destination', () => {
    const [stage] = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'FROM node:20 AS runtime',
        'COPY --from=build --chown=node:node /app/a \\',
        '     /app/b ./',
        'RUN --mount=type=cache,target=/root/.npm npm ci \\',
        '# a comment inside the continuation',
        '    && echo done',
        'COPY ["x y", "z/"]',
        'USER node',
      ].join('\n'),
    );
    expect(stage.name).toBe('runtime');
    expect(stage.instructions.map((item) => item.keyword)).toEqual(['COPY', 'RUN', 'COPY', 'USER']);
    expect(stage.instructions[0]).toMatchObject({
      flags: { from: 'build', chown: 'node:node' },
      sources: ['/app/a', '/app/b'],
      destination: './',
    });
    expect(stage.instructions[1].flags).toEqual({ mount: 'type=cache,target=/root/.npm' });
    expect(commandsOf(stage.instructions[1])).toEqual(['npm ci', 'echo done']);
    expect(stage.instructions[2]).toMatchObject({ sources: ['x y'], destination: 'z/' });
  });
});
