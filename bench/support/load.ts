// A closed-loop load generator: `concurrency` clients, each sending its next request as soon as
// the previous one answered, over keep-alive connections (node:http: far less client CPU per
// request than fetch, which matters when client and servers share two cores).
import { Agent, request } from 'node:http';

export interface Sample {
  ms: number;
  ok: boolean;
  error?: string;
}

export interface LoadResult {
  samples: Sample[];
  seconds: number;
  /** Completed requests per second over the whole run. */
  throughput: number;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

export function keepAliveAgent(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency });
}

/** POSTs `payload` as JSON; a Buffer is sent as it is (e.g. a deliberately malformed body). */
export function postJson(agent: Agent, url: string, payload: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, 'apollo-require-preflight': 'true', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('request timed out after 30 s')));
    req.end(body);
  });
}

/** Sends one request per item; `check` says whether an answer is a success (or why not). */
export async function closedLoop<T>(
  items: readonly T[],
  concurrency: number,
  send: (item: T) => Promise<JsonResponse>,
  check: (response: JsonResponse, item: T) => string | null,
): Promise<LoadResult> {
  const samples: Sample[] = new Array(items.length);
  let next = 0;
  const started = process.hrtime.bigint();
  const client = async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      const item = items[index];
      const t0 = process.hrtime.bigint();
      let error: string | null;
      try {
        error = check(await send(item), item);
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
      }
      samples[index] = { ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: error === null, ...(error ? { error } : {}) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { samples, seconds, throughput: items.length / seconds };
}

/** A small deterministic PRNG (mulberry32), for shuffles that are the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
