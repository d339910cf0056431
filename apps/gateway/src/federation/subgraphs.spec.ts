import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { IDENTITY_HEADER } from '@closer/domain';

import { Subgraphs } from './subgraphs';

describe(Subgraphs.name, () => {
  let server: http.Server;
  let received: { url?: string; headers: http.IncomingHttpHeaders; body: string }[];
  let answer: string;
  let sut: Subgraphs;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.setHeader('content-type', 'application/json');
        res.end(answer);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/configured/graphql`;
    sut = new Subgraphs({ 'candidate-service': url }, 'subgraphs-spec-internal-secret');
  });

  beforeEach(() => {
    received = [];
    answer = '{"data":{"__typename":"Query"}}';
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('checks each subgraph with a signed { __typename } query at the configured address', async () => {
    await expect(sut.check()).resolves.toBeUndefined();
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/configured/graphql');
    expect(JSON.parse(received[0].body)).toMatchObject({ query: 'query __ApolloServiceHealthCheck__ { __typename }' });
    expect(received[0].headers[IDENTITY_HEADER]).toEqual(expect.any(String));
  });

  it('fails the check naming the subgraph that answers with errors', async () => {
    answer = '{"errors":[{"message":"Unauthenticated"}]}';
    await expect(sut.check()).rejects.toThrow('candidate-service: Unauthenticated');
  });

  it('refuses a subgraph the configuration gives no address for', () => {
    expect(sut.dataSource('candidate-service').constructor.name).toBe('SignedDataSource');
    expect(() => sut.dataSource('reviews')).toThrow('the supergraph names subgraph reviews, which has no configured URL');
  });
});
