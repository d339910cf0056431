import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isRetryable } from './handlers/deliver-webhook.handler';
import { sendWebhook } from './webhook-sender';

const OPEN = { allowPrivate: true, requireHttps: false };

describe(sendWebhook.name, () => {
  let server: Server;
  let base: string;
  let handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('stops reading an endless answer after 64 kB and settles on its status', async () => {
    let written = 0;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 50 * 1024 * 1024) res.once('drain', pump);
      };
      pump();
    };
    const started = Date.now();
    expect(await sendWebhook(`${base}/endless`, {}, '{}', OPEN)).toEqual({ kind: 'answered', statusCode: 200 });
    expect(Date.now() - started).toBeLessThan(5_000);
    // far less than the 50 MB the receiver would have sent
    expect(written).toBeLessThan(8 * 1024 * 1024);
  });

  it('gives up on a receiver that does not answer within 10 s', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    expect(await sendWebhook(`${base}/silent`, {}, '{}', OPEN)).toEqual({ kind: 'unreachable', error: 'timeout' });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(9_900);
    expect(waited).toBeLessThan(13_000);
  }, 20_000);

  it('does not follow a redirect, and does not retry it', async () => {
    let redirected = 0;
    handler = (req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/elsewhere' }).end();
      } else {
        redirected++;
        res.writeHead(200).end();
      }
    };
    const outcome = await sendWebhook(`${base}/moved`, {}, '{}', OPEN);
    expect(outcome).toEqual({ kind: 'answered', statusCode: 302 });
    expect(isRetryable(outcome)).toBe(false);
    expect(redirected).toBe(0);
  });

  it('sends the signed body as JSON, with the given headers', async () => {
    let seen: { headers: Record<string, unknown>; body: string } | undefined;
    handler = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen = { headers: req.headers, body: Buffer.concat(chunks).toString() };
        res.writeHead(204).end();
      });
    };
    expect(await sendWebhook(`${base}/ok`, { 'webhook-id': 'd-1' }, '{"a":1}', OPEN)).toEqual({ kind: 'answered', statusCode: 204 });
    expect(seen).toEqual({
      headers: expect.objectContaining({ 'webhook-id': 'd-1', 'content-type': 'application/json' }),
      body: '{"a":1}',
    });
  });

  it('refuses a loopback target unless private addresses are allowed, before connecting', async () => {
    let reached = false;
    handler = (_req, res) => {
      reached = true;
      res.writeHead(200).end();
    };
    const outcome = await sendWebhook(`${base}/private`, {}, '{}', { allowPrivate: false, requireHttps: false });
    expect(outcome).toEqual({ kind: 'refused', error: 'url must resolve to public addresses only' });
    expect(isRetryable(outcome)).toBe(false);
    expect(reached).toBe(false);
  });

  it.each([
    [500, true],
    [503, true],
    [408, true],
    [429, true],
    [400, false],
    [401, false],
    [404, false],
    [410, false],
  ])('classifies HTTP %i as retryable: %s', (statusCode, retry) => {
    expect(isRetryable({ kind: 'answered', statusCode })).toBe(retry);
  });

  it('retries when nothing answers at all', async () => {
    handler = (req) => req.socket.destroy();
    const outcome = await sendWebhook(`${base}/reset`, {}, '{}', OPEN);
    expect(outcome.kind).toBe('unreachable');
    expect(isRetryable(outcome)).toBe(true);
  });
});
