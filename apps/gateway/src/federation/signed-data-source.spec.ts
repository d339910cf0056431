import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, verifyIdentity } from '@closer/domain';

import { GatewayContext, SIGNED_HEADER_REUSE_MS, SignedDataSource } from './signed-data-source';

const SECRET = 'signed-data-source-spec-internal-secret';
const NOW = Date.parse('2026-11-25T12:00:00Z');

describe(SignedDataSource.name, () => {
  const sut = new SignedDataSource('http://127.0.0.1:1/graphql', SECRET);
  const rae = Object.freeze({ sub: 'rae', org: 'acme', email: 'rae@acme.test', name: 'Rae', role: 'recruiter' });
  const ian = Object.freeze({ sub: 'ian', org: 'acme', email: 'ian@acme.test', name: 'Ian', role: 'recruiter' });

  /** The headers the data source puts on one subgraph request made for `context`. */
  const headersFor = (context: GatewayContext) => {
    const headers = new Map<string, string>();
    sut.willSendRequest({ request: { http: { headers } }, context } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    return headers;
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'clearTimeout'] });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('signs the caller’s identity, and a null one for anonymous requests, as the subgraph verifies them', () => {
    const signed = headersFor({ identity: rae, requestId: 'req-1' });
    expect(verifyIdentity(SECRET, signed.get(IDENTITY_HEADER), NOW)).toEqual({ ok: true, identity: rae });
    expect(signed.get('x-request-id')).toBe('req-1');
    expect(verifyIdentity(SECRET, headersFor({ identity: null }).get(IDENTITY_HEADER), NOW)).toEqual({ ok: true, identity: null });
    expect(verifyIdentity('another-secret', signed.get(IDENTITY_HEADER), NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('sends the same signature for the same identity within a second, then a fresh one', () => {
    const first = headersFor({ identity: rae }).get(IDENTITY_HEADER);
    jest.setSystemTime(NOW + SIGNED_HEADER_REUSE_MS - 1);
    expect(headersFor({ identity: rae }).get(IDENTITY_HEADER)).toBe(first);
    expect(headersFor({ identity: ian }).get(IDENTITY_HEADER)).not.toBe(first);
    jest.setSystemTime(NOW + SIGNED_HEADER_REUSE_MS);
    const fresh = headersFor({ identity: rae }).get(IDENTITY_HEADER);
    expect(fresh).not.toBe(first);
    expect(verifyIdentity(SECRET, fresh, NOW + SIGNED_HEADER_REUSE_MS)).toEqual({ ok: true, identity: rae });
    // every header the subgraph receives is well inside its acceptance window
    expect(verifyIdentity(SECRET, first, NOW + SIGNED_HEADER_REUSE_MS)).toEqual({ ok: true, identity: rae });
  });

  it('never sends a header signed in the future when the clock steps back', () => {
    const first = headersFor({ identity: ian }).get(IDENTITY_HEADER);
    jest.setSystemTime(NOW - 10_000);
    const after = headersFor({ identity: ian }).get(IDENTITY_HEADER);
    expect(after).not.toBe(first);
    expect(verifyIdentity(SECRET, after, NOW - 10_000)).toEqual({ ok: true, identity: ian });
  });
});
