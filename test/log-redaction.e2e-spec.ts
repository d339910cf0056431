import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { createLinkToken } from '@closer/domain';
import { freePort } from '@closer/local-services';
import { testConfig, TestDatabase, TestRedis } from '@closer/testing';

import { RunningHttpApp, startCandidateService } from './support/apps';
import { ensureWebBuilt } from './web/support/web-build';

const ROOT = join(__dirname, '..');

/**
 * Link tokens never reach the gateway's logs, however a client sends them: in a GraphQL GET's
 * variables or inline in its query, in the form and portal page paths, in any query-string
 * parameter, or in a POST body. The gateway runs as its own process at LOG_LEVEL=info and
 * everything it writes is searched for each token, raw and URL-encoded.
 */
describe('link tokens in the gateway logs', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let candidateService: RunningHttpApp;
  let gateway: ChildProcess;
  let baseUrl: string;
  let output = '';
  let linkSecret: string;

  const token = (purpose: 'form' | 'portal') => createLinkToken(linkSecret, { purpose, id: randomUUID(), version: 1 });

  beforeAll(async () => {
    ensureWebBuilt();
    database = await TestDatabase.create();
    redis = new TestRedis();
    const config = testConfig({ database, redis });
    linkSecret = config.links.secret;
    candidateService = await startCandidateService(config);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    gateway = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/gateway/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          DATABASE_URL: database.url,
          REDIS_URL: redis.url,
          QUEUE_PREFIX: redis.prefix,
          GATEWAY_PORT: String(port),
          CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql`,
          LINK_RATE_LIMIT_PER_MINUTE: '1000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    gateway.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    gateway.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      const status = await fetch(`${baseUrl}/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) break;
      if (gateway.exitCode !== null || Date.now() > deadline) throw new Error(`the gateway did not become healthy:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null && gateway.signalCode === null) {
      gateway.kill('SIGKILL');
      await new Promise((resolve) => gateway.once('exit', resolve));
    }
    await candidateService?.close();
    await redis?.flush();
    await database?.drop();
  });

  it('leaves no token in any log line, while every request is logged', async () => {
    const tokens = {
      getVariables: token('form'),
      getInline: token('portal'),
      getNoPreflight: token('form'),
      getMutation: token('form'),
      formPage: token('form'),
      formPageUpper: token('form'),
      portalPage: token('portal'),
      queryParameter: token('form'),
      bareParameter: token('form'),
      postBody: token('form'),
    };
    const preflight = { 'apollo-require-preflight': 'true' };
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers });
    const q = (parameters: Record<string, string>) => new URLSearchParams(parameters).toString();

    const withVariables = await get(
      `/graphql?${q({
        query: 'query($token: String!) { feedbackForm(token: $token) { formId } }',
        variables: JSON.stringify({ token: tokens.getVariables }),
      })}`,
      preflight,
    );
    const inline = await get(`/graphql?${q({ query: `{ candidatePortal(token: "${tokens.getInline}") { candidateName } }` })}`, preflight);
    const noPreflight = await get(
      `/graphql?${q({ query: 'query($t: String!) { feedbackForm(token: $t) { formId } }', variables: `{"t":"${tokens.getNoPreflight}"}` })}`,
    );
    const mutation = await get(
      `/graphql?${q({ query: `mutation { declineFeedbackForm(token: "${tokens.getMutation}", reason: "busy") { formId } }` })}`,
      preflight,
    );
    const pages = [
      await get(`/f/${tokens.formPage}`),
      await get(`/F/${tokens.formPageUpper}/`),
      await get(`/c/${tokens.portalPage}?lang=en`),
      await get(`/dashboard?token=${tokens.queryParameter}`),
      await get(`/graphql?${tokens.bareParameter}`, preflight),
    ];
    const post = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...preflight },
      body: JSON.stringify({ query: 'query($t: String!) { feedbackForm(token: $t) { formId } }', variables: { t: tokens.postBody } }),
    });

    // the requests really reached the API (the tokens were looked up and not found, or refused)
    expect(((await withVariables.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(((await inline.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(noPreflight.status).toBe(400);
    expect(mutation.status).toBe(405);
    expect(((await post.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    // the pages themselves (paths match whatever their case), and a bare query string is no operation
    expect(pages.map((page) => page.status)).toEqual([200, 200, 200, 200, 400]);

    // pino writes a request's line synchronously when its response is finished, before the client
    // has it; after SIGTERM, 'close' means the process exited and its output was read to the end
    gateway.kill('SIGTERM');
    await new Promise((resolve) => gateway.once('close', resolve));

    const requestLines = output.split('\n').filter((line) => line.includes('"req":{'));
    const urls = requestLines.map((line) => (JSON.parse(line) as { req: { url: string } }).req.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/graphql?[redacted]',
        '/f/[token]',
        '/F/[token]/',
        '/c/[token]?[redacted]',
        '/dashboard?[redacted]',
        '/graphql',
      ]),
    );
    expect(urls.filter((url) => url.startsWith('/graphql?'))).toHaveLength(5);
    for (const [where, value] of Object.entries(tokens)) {
      const forms = [value, encodeURIComponent(value), encodeURIComponent(JSON.stringify(value)), value.slice(0, 24)];
      for (const form of forms) {
        expect({ where, found: output.includes(form) }).toEqual({ where, found: false });
      }
    }
  }, 60_000);
});
