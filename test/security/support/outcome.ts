import type { GqlResult, SecuritySuite } from './security-suite';

/** What the contract promises for one request. */
export type Expected =
  | { kind: 'accepted' }
  /** answered without error, but with nothing: the field is null */
  | { kind: 'nothing' }
  /** refused by the GraphQL layer (variables of the wrong type): one of these paths is named */
  | { kind: 'type'; paths: string[] }
  /** refused by the service: BAD_USER_INPUT naming exactly these fields */
  | { kind: 'invalid'; fields: string[] }
  | { kind: 'error'; code: 'NOT_FOUND' | 'CONFLICT' | 'GONE' | 'TOO_MANY_REQUESTS'; field?: string }
  /** over the gateway's body limit */
  | { kind: 'too-large' };

/** The gateway's JSON body limit (express `100kb`). */
export const BODY_LIMIT_BYTES = 100 * 1024;

const INTERNALS =
  /QueryFailedError|duplicate key|violates|invalid input syntax|syntax error|relation "|column "|at [\w.<>]+ \(|ECONNREFUSED|TypeORM|postgres/i;
const PUBLIC_EXTENSIONS = new Set(['code', 'fields', 'retryAfterSeconds']);

export class OutcomeError extends Error {}

function fail(message: string, result: GqlResult): never {
  throw new OutcomeError(`${message}\nstatus ${result.status}: ${JSON.stringify(result.body).slice(0, 1_500)}`);
}

/** `input.criteria.0.kind` as graphql-js prints it in a variable error: `input.criteria[0].kind`. */
function graphqlPath(path: string): string {
  return path.replace(/\.(\d+)/g, '[$1]');
}

/** Checks one response against the promise: status, code, the fields named, and nothing internal leaking. */
export function checkOutcome(result: GqlResult, expected: Expected, operation: string): void {
  if (result.status >= 500) fail(`${operation}: HTTP ${result.status}`, result);
  for (const error of result.body.errors ?? []) {
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') fail(`${operation}: INTERNAL_SERVER_ERROR`, result);
    if (INTERNALS.test(error.message)) fail(`${operation}: an internal detail reached the client`, result);
    const extra = Object.keys(error.extensions ?? {}).filter((key) => !PUBLIC_EXTENSIONS.has(key));
    if (extra.length > 0) fail(`${operation}: non-public extensions ${extra.join(', ')}`, result);
  }
  const errors = result.body.errors ?? [];
  const data = result.body.data;
  switch (expected.kind) {
    case 'accepted':
      if (result.status !== 200 || errors.length > 0 || !data || data[operation] == null) fail(`${operation}: expected acceptance`, result);
      return;
    case 'nothing':
      if (result.status !== 200 || errors.length > 0 || !data || data[operation] !== null) fail(`${operation}: expected null`, result);
      return;
    case 'too-large':
      if (result.status !== 413) fail(`${operation}: expected 413 for a body over ${BODY_LIMIT_BYTES} bytes`, result);
      return;
    case 'type': {
      if (result.status !== 400 || errors.length === 0)
        fail(`${operation}: expected the GraphQL layer to refuse the variables (400)`, result);
      if (!errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) {
        fail(`${operation}: expected BAD_USER_INPUT/GRAPHQL_VALIDATION_FAILED`, result);
      }
      const names = expected.paths.flatMap((path) => {
        const leaf = path.split('.').filter((part) => !/^\d+$/.test(part));
        return [`"${graphqlPath(path)}"`, `"${leaf[leaf.length - 1]}"`, `"$${path}"`, `"$${path.split('.')[0]}"`];
      });
      if (!errors.some((error) => names.some((name) => error.message.includes(name)))) {
        fail(`${operation}: the GraphQL error names none of ${expected.paths.join(', ')}`, result);
      }
      return;
    }
    case 'invalid': {
      if (result.status !== 200 || errors.length !== 1 || errors[0].extensions?.code !== 'BAD_USER_INPUT') {
        fail(`${operation}: expected one BAD_USER_INPUT for ${expected.fields.join(', ')}`, result);
      }
      if (data?.[operation] != null) fail(`${operation}: refused but returned data`, result);
      const fields = errors[0].extensions?.fields ?? [];
      const named = [...new Set(fields.map((f) => f.field))].sort();
      const wanted = [...new Set(expected.fields)].sort();
      if (JSON.stringify(named) !== JSON.stringify(wanted)) fail(`${operation}: expected fields ${wanted.join(', ')}`, result);
      if (!fields.every((f) => typeof f.message === 'string' && f.message.length > 0))
        fail(`${operation}: a field without a message`, result);
      return;
    }
    case 'error': {
      if (errors.length !== 1 || errors[0].extensions?.code !== expected.code) fail(`${operation}: expected ${expected.code}`, result);
      if (expected.code !== 'TOO_MANY_REQUESTS' && result.status !== 200) fail(`${operation}: expected HTTP 200`, result);
      if (data?.[operation] != null) fail(`${operation}: refused but returned data`, result);
      if (expected.field && !(errors[0].extensions?.fields ?? []).some((f) => f.field === expected.field)) {
        fail(`${operation}: expected ${expected.code} to name ${expected.field}`, result);
      }
    }
  }
}

/** The body a request would send, to tell when the gateway's size limit applies. */
export function bodyBytes(query: string, variables: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify({ query, variables }));
}

export interface Tally {
  runs: number;
  hostile: number;
  accepted: number;
  refused: number;
}

/**
 * Sends one request and holds it to its promise; a refused request must leave every table
 * (the outbox included) exactly as it was.
 */
export class Prober {
  readonly tallies = new Map<string, Tally>();
  /** Accepted text values that carry markup or other hostile content: checked again in mails and pages. */
  readonly acceptedHostileText = new Set<string>();

  constructor(private readonly suite: SecuritySuite) {}

  async probe(
    operation: string,
    expected: Expected,
    hostile: boolean,
    send: () => Promise<GqlResult>,
    options: { label?: string } = {},
  ): Promise<GqlResult> {
    const before = expected.kind === 'accepted' ? null : await this.suite.snapshot();
    const result = await send();
    checkOutcome(result, expected, operation);
    if (before) {
      const after = await this.suite.snapshot();
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (changed.length > 0) throw new OutcomeError(`${operation}: a refused request changed ${changed.join(', ')}`);
    }
    this.count(options.label ?? operation, hostile, expected.kind === 'accepted');
    return result;
  }

  count(label: string, hostile: boolean, accepted: boolean): void {
    const tally = this.tallies.get(label) ?? { runs: 0, hostile: 0, accepted: 0, refused: 0 };
    tally.runs += 1;
    if (hostile) tally.hostile += 1;
    if (accepted) tally.accepted += 1;
    else tally.refused += 1;
    this.tallies.set(label, tally);
  }

  /**
   * A property run proves little when chance made its cases all alike: the requests counted under
   * `labels` (summed) include at least `min.accepted` accepted and `min.refused` refused ones.
   */
  expectMix(labels: string | string[], min: { accepted: number; refused: number }): void {
    const names = typeof labels === 'string' ? [labels] : labels;
    const tallies = names.map((label) => this.tallies.get(label) ?? { runs: 0, hostile: 0, accepted: 0, refused: 0 });
    const accepted = tallies.reduce((sum, tally) => sum + tally.accepted, 0);
    const refused = tallies.reduce((sum, tally) => sum + tally.refused, 0);
    expect({ labels: names, accepted: Math.min(accepted, min.accepted), refused: Math.min(refused, min.refused) }).toEqual({
      labels: names,
      ...min,
    });
  }

  noteAccepted(values: unknown[]): void {
    for (const value of values)
      if (typeof value === 'string' && /[<>&"']/.test(value) && value.trim().length >= 6) this.acceptedHostileText.add(value.trim());
  }

  total(): Tally {
    const total = { runs: 0, hostile: 0, accepted: 0, refused: 0 };
    for (const tally of this.tallies.values()) {
      total.runs += tally.runs;
      total.hostile += tally.hostile;
      total.accepted += tally.accepted;
      total.refused += tally.refused;
    }
    return total;
  }

  report(title: string): string {
    const lines = [...this.tallies.entries()].map(
      ([label, t]) =>
        `  ${label.padEnd(34)} runs ${String(t.runs).padStart(4)}  hostile ${String(t.hostile).padStart(4)}  refused ${String(t.refused).padStart(4)}  accepted ${String(t.accepted).padStart(4)}`,
    );
    const t = this.total();
    return [`${title}: ${t.runs} requests, ${t.hostile} hostile inputs, ${t.refused} refused, ${t.accepted} accepted`, ...lines].join('\n');
  }
}
