import type { AddressInfo } from 'node:net';

import { CloserConfig } from '@closer/config';
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
