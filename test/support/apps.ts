import type { AddressInfo } from 'node:net';

import { CloserConfig } from '@closer/config';
import { SmtpMailbox } from '@closer/mailbox';
import { testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { INestApplication } from '@nestjs/common';

import { createCandidateService } from '../../apps/candidate-service/src/candidate-service.app';
import { createGateway } from '../../apps/gateway/src/gateway.app';
import { RunningWorker, startWorker } from '../../apps/worker/src/worker.app';

export interface RunningHttpApp {
  app: INestApplication;
  baseUrl: string;
  close(): Promise<void>;
}

async function listen(app: INestApplication): Promise<RunningHttpApp> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** The apps in-process, each as its main.ts composes it, listening on a port the OS picks. */
export async function startCandidateService(config: CloserConfig): Promise<RunningHttpApp> {
  return listen(await createCandidateService(config, { logger: false }));
}

export async function startGateway(config: CloserConfig): Promise<RunningHttpApp> {
  return listen(await createGateway(config, { logger: false }));
}

export { startWorker };
export type { RunningWorker };

export interface ThreeApps {
  candidateService: RunningHttpApp;
  gateway: RunningHttpApp;
  worker: RunningWorker;
  /** Where each app serves /health and /metrics. */
  bases: { gateway: string; 'candidate service': string; worker: string };
  close(): Promise<void>;
}

/**
 * The three apps on a database, Redis prefix and SMTP capture of their own, with `env` on top of
 * the test configuration; resolves once the gateway reaches its subgraph (/health 200).
 */
export async function startThreeApps(env: Record<string, string> = {}): Promise<ThreeApps> {
  const database = await TestDatabase.create();
  const redis = new TestRedis();
  const smtp = new SmtpMailbox(100);
  await smtp.start();
  const candidateService = await startCandidateService(testConfig({ database, redis, smtpUrl: smtp.url, env }));
  const worker = await startWorker(testConfig({ database, redis, smtpUrl: smtp.url, env }));
  const gateway = await startGateway(
    testConfig({ database, redis, env: { ...env, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` } }),
  );
  const deadline = Date.now() + 20_000;
  while ((await fetch(`${gateway.baseUrl}/health`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the gateway did not become healthy');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    candidateService,
    gateway,
    worker,
    bases: { gateway: gateway.baseUrl, 'candidate service': candidateService.baseUrl, worker: `http://127.0.0.1:${worker.opsPort}` },
    close: async () => {
      await gateway.close();
      await worker.close();
      await candidateService.close();
      await smtp.stop();
      await redis.flush();
      await database.drop();
    },
  };
}

export interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POSTs a GraphQL operation the way a browser client would. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLResponseBody<T> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponseBody<T> };
}
