import type { AddressInfo } from 'node:net';

import { CloserConfig } from '@closer/config';
import { CANDIDATE_SERVICE_SUBGRAPH, IDENTITY_HEADER, RecruiterIdentity, signIdentity } from '@closer/domain';
import { testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { createCandidateService } from '../src/candidate-service.app';

export interface GraphQLResult<T> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: string[]; extensions: { code: string; fields?: { field: string; message: string }[] } }[] | undefined;
}

export type Gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<T>>;

/**
 * The candidate service in-process on its own cloned database, called over HTTP exactly as the
 * gateway calls it: with an identity header signed for each request.
 */
export class SubgraphHarness {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly config: CloserConfig,
    readonly database: TestDatabase,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<SubgraphHarness> {
    const database = await TestDatabase.create();
    const config = testConfig({ database, redis: new TestRedis(), env });
    const app = await createCandidateService(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new SubgraphHarness(app, `http://127.0.0.1:${port}/graphql`, config, database);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** A recruiter of `org` (a slug; provisioned on first use). */
  recruiter(org = 'acme', overrides: Partial<RecruiterIdentity> = {}): Gql {
    return this.client({
      sub: `recruiter-of-${org}`,
      org,
      email: `recruiter@${org}.test`,
      name: `Recruiter of ${org}`,
      role: 'recruiter',
      ...overrides,
    });
  }

  /** An interviewer or candidate: no recruiter identity, only the gateway's signature. */
  anonymous(): Gql {
    return this.client(null);
  }

  private client(identity: RecruiterIdentity | null): Gql {
    return async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const body = JSON.stringify({ query, variables });
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'apollo-require-preflight': 'true',
          [IDENTITY_HEADER]: signIdentity(this.config.auth.internalSecret, identity, {
            method: 'POST',
            subgraph: CANDIDATE_SERVICE_SUBGRAPH,
            body,
          }),
        },
        body,
      });
      const result = (await response.json()) as { data?: T | null; errors?: GraphQLResult<T>['errors'] };
      return { status: response.status, data: result.data, errors: result.errors };
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }
}

/** Fails the test with the GraphQL errors when there are any; returns the data. */
export function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}
