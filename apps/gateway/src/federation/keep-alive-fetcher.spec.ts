import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { keepAliveFetcher } from './keep-alive-fetcher';

describe(keepAliveFetcher.name, () => {
  let server: http.Server;
  let url: string;
  let connections: number;
  let received: { method?: string; headers: http.IncomingHttpHeaders; body: string }[];
  let respond: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
  const fetchers: ReturnType<typeof keepAliveFetcher>[] = [];
  const fetcherFor = (options?: Parameters<typeof keepAliveFetcher>[0]) => {
    const fetcher = keepAliveFetcher(options);
    fetchers.push(fetcher);
    return fetcher;
  };
  const post = (fetcher: ReturnType<typeof keepAliveFetcher>, body: unknown) =>
    fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-closer-identity': 'signed' },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    connections = 0;
    received = [];
    respond = (_req, res, body) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
    };
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ method: req.method, headers: req.headers, body });
        respond(req, res, body);
      });
    });
    server.on('connection', () => connections++);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterEach(async () => {
    for (const fetcher of fetchers.splice(0)) fetcher.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the body and headers as given and answers like fetch', async () => {
    const response = await post(fetcherFor(), { query: '{ me { id } }', variables: { n: 'é' } });
    expect(received).toEqual([
      {
        method: 'POST',
        headers: expect.objectContaining({ 'content-type': 'application/json', 'x-closer-identity': 'signed', 'content-length': '48' }),
        body: '{"query":"{ me { id } }","variables":{"n":"é"}}',
      },
    ]);
    expect({ ok: response.ok, status: response.status, url: response.url }).toEqual({ ok: true, status: 200, url });
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-missing')).toBeNull();
    expect(await response.clone().json()).toEqual({ data: { echo: { query: '{ me { id } }', variables: { n: 'é' } } } });
    expect(await response.text()).toBe('{"data":{"echo":{"query":"{ me { id } }","variables":{"n":"é"}}}}');
  });

  it('reuses one kept-alive connection for requests in sequence, and opens more only for concurrent ones', async () => {
    const fetcher = fetcherFor();
    for (let n = 0; n < 20; n++) expect((await post(fetcher, { n })).status).toBe(200);
    expect(connections).toBe(1);
    await Promise.all(Array.from({ length: 5 }, (_, n) => post(fetcher, { n })));
    expect(connections).toBeLessThanOrEqual(5);
    expect(received).toHaveLength(25);
  });

  it('closes an idle connection before the server would, without cutting a slow answer short', async () => {
    const fetcher = fetcherFor({ idleTimeoutMs: 200 });
    expect((await post(fetcher, { n: 1 })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await post(fetcher, { n: 2 })).status).toBe(200);
    expect(connections).toBe(2);

    respond = (_req, res, body) => setTimeout(() => res.end(body), 500);
    const slow = await post(fetcher, { n: 3 });
    expect(await slow.text()).toBe('{"n":3}');
  });

  it('hands non-2xx answers back as they are, for the data source to turn into errors', async () => {
    respond = (_req, res) => {
      res.writeHead(401, 'Unauthorized', { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"Unauthenticated"}]}');
    };
    const response = await post(fetcherFor(), {});
    expect({ ok: response.ok, status: response.status, statusText: response.statusText }).toEqual({
      ok: false,
      status: 401,
      statusText: 'Unauthorized',
    });
    expect(await response.json()).toEqual({ errors: [{ message: 'Unauthenticated' }] });
  });

  it('fails with the connection error when nothing listens', async () => {
    const fetcher = fetcherFor();
    await new Promise((resolve) => server.close(resolve));
    await expect(post(fetcher, {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    server.listen(0, '127.0.0.1'); // for afterEach
    await once(server, 'listening');
  });
});
