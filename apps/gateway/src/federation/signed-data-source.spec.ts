import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, verifyIdentity } from '@closer/domain';

import { keepAliveFetcher } from './keep-alive-fetcher';
import { GatewayContext, SignedDataSource } from './signed-data-source';

const SECRET = 'signed-data-source-spec-internal-secret';

describe(SignedDataSource.name, () => {
  const rae = Object.freeze({ sub: 'rae', org: 'acme', email: 'rae@acme.test', name: 'Rae', role: 'recruiter' });
  let server: http.Server;
  let received: { method: string; headers: http.IncomingHttpHeaders; body: Buffer }[];
  const fetcher = keepAliveFetcher();
  let sut: SignedDataSource;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method!, headers: req.headers, body: Buffer.concat(chunks) });
        res.setHeader('content-type', 'application/json');
        res.end('{"data":{"me":{"id":"1"}}}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    sut = new SignedDataSource(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 'candidate-service', SECRET, fetcher);
  });

  beforeEach(() => {
    received = [];
  });

  afterAll(async () => {
    fetcher.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  /** One subgraph request for `context` through the data source, as the gateway's query plan makes it. */
  const send = (context: GatewayContext | Record<string, never>, variables: Record<string, unknown> = {}) =>
    sut.process({
      kind: 'incoming operation',
      request: { query: 'query($n: String) { me { id } }', variables },
      context,
      incomingRequestContext: {},
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

  /** What the subgraph would make of the one request it received. */
  const verified = (subgraph = 'candidate-service', secret = SECRET) => {
    const [request] = received;
    return verifyIdentity(secret, request.headers[IDENTITY_HEADER] as string, { method: request.method, subgraph, body: request.body });
  };

  it('signs the caller’s identity for the method, the exact body bytes sent and the subgraph', async () => {
    await send({ identity: rae, requestId: 'req-1' }, { n: 'Zoë' });
    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('POST');
    expect(received[0].body.toString('utf8')).toBe('{"query":"query($n: String) { me { id } }","variables":{"n":"Zoë"}}');
    expect(received[0].headers['x-request-id']).toBe('req-1');
    expect(verified()).toEqual({ ok: true, identity: rae, nonce: expect.any(String), signedAt: expect.any(Number) });
    expect(verified('candidates')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verified('candidate-service', 'another-secret')).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('signs anonymous requests and schema loading with a null identity', async () => {
    await send({ identity: null });
    expect(verified()).toMatchObject({ ok: true, identity: null });
    received = [];
    await send({});
    expect(verified()).toMatchObject({ ok: true, identity: null });
  });

  it('signs every request afresh: the same operation twice carries two different headers', async () => {
    await send({ identity: rae });
    await send({ identity: rae });
    expect(received).toHaveLength(2);
    expect(received[0].body).toEqual(received[1].body);
    expect(received[0].headers[IDENTITY_HEADER]).not.toBe(received[1].headers[IDENTITY_HEADER]);
  });

  it('signs at the moment of sending, so the subgraph gets a header a few milliseconds old', async () => {
    const before = Date.now();
    await send({ identity: rae });
    const check = verified();
    expect(check.ok && check.signedAt).toBeGreaterThanOrEqual(before);
    expect(check.ok && check.signedAt).toBeLessThanOrEqual(Date.now());
  });

  it('never sends a request that carries no identity claims to seal', async () => {
    await expect(
      sut.fetcher(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, { method: 'POST', body: '{}' }),
    ).rejects.toThrow('a request to candidate-service without identity claims');
    expect(received).toEqual([]);
  });
});
