// The soak's users talk to the gateway over keep-alive node:http connections, each group from a
// loopback address of its own (127.0.0.0/8 all reaches the gateway): the gateway limits link
// operations per client IP, so interviewers, candidates and a link guesser must not share one.
import { Agent } from 'node:http';

import { postJson } from '../../bench/support/load';

/** Which answers a request may get without it counting as a failure. */
export type Expect =
  /** data, no errors (the default) */
  | 'data'
  /** a client error (any 4xx or a GraphQL error other than an internal one): hostile input */
  | 'refused'
  /** data, or one of these error codes */
  | string[];

export interface Answer<T> {
  status: number;
  data?: T;
  /** `extensions.code` of the first error, `HTTP <status>` without one, `network` for no answer */
  code?: string;
  /** why there was no answer */
  reason?: string;
}

const SERVER_FAILURE = /^(INTERNAL_SERVER_ERROR|network|HTTP 5\d\d)$/;

/** Requests by kind and outcome (`ok` or an error code), and every failure (first few in words). */
export class Tally {
  readonly byKind = new Map<string, Map<string, number>>();
  failures = 0;
  serverErrors = 0;
  readonly examples: string[] = [];

  record(kind: string, outcome: string, failure?: string): void {
    const outcomes = this.byKind.get(kind) ?? new Map<string, number>();
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    this.byKind.set(kind, outcomes);
    if (SERVER_FAILURE.test(outcome)) this.serverErrors++;
    if (failure) {
      this.failures++;
      if (this.examples.length < 20) this.examples.push(`${kind}: ${failure}`);
    }
  }

  get total(): number {
    let total = 0;
    for (const outcomes of this.byKind.values()) for (const count of outcomes.values()) total += count;
    return total;
  }

  /** Error code → count over every kind. */
  errorsByCode(): Record<string, number> {
    const codes: Record<string, number> = {};
    for (const outcomes of this.byKind.values()) {
      for (const [outcome, count] of outcomes) if (outcome !== 'ok') codes[outcome] = (codes[outcome] ?? 0) + count;
    }
    return codes;
  }
}

export class SoakClient {
  private readonly agents = new Map<string, Agent>();
  readonly tally = new Tally();

  constructor(private readonly gatewayUrl: string) {}

  /**
   * One GraphQL request, recorded under `kind`. Never throws: the answer says what happened;
   * whether it was a failure (a 5xx, an internal error, no answer, or not what `expect` allows)
   * is recorded in the tally.
   */
  async graphql<T>(
    kind: string,
    query: string | Buffer,
    variables: Record<string, unknown> = {},
    options: { token?: string; ip?: string; expect?: Expect } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    const payload = Buffer.isBuffer(query) ? query : { query, variables };
    let answer: Answer<T>;
    const started = Date.now();
    try {
      const response = await postJson(this.agent(options.ip ?? '127.0.0.1'), `${this.gatewayUrl}/graphql`, payload, headers);
      const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
        data?: T;
        errors?: { extensions?: { code?: unknown } }[];
      };
      const error = body.errors?.[0];
      const code =
        response.status >= 500
          ? `HTTP ${response.status}`
          : error
            ? typeof error.extensions?.code === 'string'
              ? error.extensions.code
              : `HTTP ${response.status}`
            : body.data
              ? undefined
              : `HTTP ${response.status}`;
      answer = { status: response.status, data: body.data ?? undefined, code };
    } catch (error) {
      const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
      answer = { status: 0, code: 'network', reason: `${reason} after ${Date.now() - started} ms` };
    }
    this.tally.record(kind, answer.code ?? 'ok', failureOf(answer, options.expect ?? 'data'));
    return answer;
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
  }

  private agent(ip: string): Agent {
    let agent = this.agents.get(ip);
    if (!agent) {
      // Agent passes localAddress on to every socket it opens. An idle socket is closed after 2 s,
      // well before the server's 5 s keep-alive timeout: a request sent on a socket the server is
      // closing at that moment would fail with a reset that says nothing about the server.
      agent = new Agent({ keepAlive: true, maxSockets: 8, timeout: 2_000, localAddress: ip });
      this.agents.set(ip, agent);
    }
    return agent;
  }
}

function failureOf(answer: Answer<unknown>, expect: Expect): string | undefined {
  const code = answer.code;
  if (code && SERVER_FAILURE.test(code)) return answer.reason ? `${code}: ${answer.reason}` : `${code} (status ${answer.status})`;
  if (expect === 'refused') return code ? undefined : 'accepted hostile input';
  if (!code) return undefined;
  if (Array.isArray(expect) && expect.includes(code)) return undefined;
  return `unexpected ${code} (status ${answer.status})`;
}

/** A loopback address for `key` out of `count` in the block 127.0.<block>.x: one "client IP" per group of users. */
export function loopbackFor(key: string, block: number, count: number): string {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) >>> 0;
  return `127.0.${block}.${(hash % count) + 1}`;
}
