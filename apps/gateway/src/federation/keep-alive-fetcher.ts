import * as http from 'node:http';
import * as https from 'node:https';

import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

/**
 * The gateway's fetcher for its subgraphs: plain node:http(s) over a pool of kept-alive
 * connections. @apollo/gateway's default (make-fetch-happen) adds an HTTP cache layer, retry
 * machinery and stream wrappers that cost more CPU than the rest of a small request's hop; the
 * subgraph calls need none of it (always POST, never cached, a whole JSON body).
 */
export function keepAliveFetcher(options: { maxSockets?: number; idleTimeoutMs?: number } = {}): Fetcher & { destroy(): void } {
  // An idle connection is closed on our side first — after 4 s, or a second before the server's
  // `Keep-Alive: timeout=…` hint if that is sooner (Node's default server timeout is 5 s) — so a
  // request is never written to a connection the subgraph is closing. Nothing is retried:
  // a mutation is sent at most once, as with the default fetcher (`retry: false`).
  const agentOptions = {
    keepAlive: true,
    timeout: options.idleTimeoutMs ?? 4_000,
    maxSockets: options.maxSockets ?? 256,
    maxFreeSockets: 64,
    scheduling: 'lifo' as const,
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const send = (url: URL, init: FetcherRequestInit): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      const body = init.body === undefined ? undefined : Buffer.from(init.body);
      const headers: Record<string, string | number> = { ...init.headers };
      if (body) headers['content-length'] = body.length;
      const transport = url.protocol === 'https:' ? https : http;
      const request = transport.request(url, {
        method: init.method ?? 'GET',
        headers,
        agent: agents[url.protocol as 'http:' | 'https:'],
        signal: init.signal as AbortSignal | undefined,
      });
      request.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () =>
          resolve(
            new BufferedResponse(url.href, response.statusCode ?? 0, response.statusMessage ?? '', response.headers, Buffer.concat(chunks)),
          ),
        );
      });
      request.once('error', reject);
      request.end(body);
    });

  const fetcher = ((url: string, init: FetcherRequestInit = {}) => send(new URL(url), init)) as Fetcher & { destroy(): void };
  fetcher.destroy = () => {
    agents['http:'].destroy();
    agents['https:'].destroy();
  };
  return fetcher;
}

class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: FetcherHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    headers: http.IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    this.headers = new ResponseHeaders(headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return new Uint8Array(this.body).buffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, Object.fromEntries(this.headers), this.body);
  }
}

/** The Fetch API's Headers over node's parsed response headers (names already lower case). */
class ResponseHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();

  constructor(headers: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}
