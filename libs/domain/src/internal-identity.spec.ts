import { identityClaims, sealIdentityClaims, SignedRequest, signIdentity, verifyIdentity } from './internal-identity';

const SECRET = 'an-internal-secret-of-32-characters-min';
const identity = { sub: 'u1', org: 'acme', email: 'rae@acme.test', name: 'Rae', role: 'recruiter' };
const NOW = 1_800_000_000_000;
const query = '{"query":"{ me { id } }","variables":{}}';
const request: SignedRequest = { method: 'POST', subgraph: 'candidate-service', body: query };

describe(verifyIdentity.name, () => {
  it('accepts a header signed with the secret for this very request', () => {
    expect(verifyIdentity(SECRET, signIdentity(SECRET, identity, request, NOW), request, NOW + 1_000)).toEqual({
      ok: true,
      identity,
      nonce: expect.stringMatching(/^[0-9a-f-]{36}$/),
      signedAt: NOW,
    });
  });

  it('accepts a signed anonymous request (link-token operations)', () => {
    expect(verifyIdentity(SECRET, signIdentity(SECRET, null, request, NOW), request, NOW)).toMatchObject({ ok: true, identity: null });
  });

  it('hashes the body bytes: the same body as a string or as the bytes received is the same request', () => {
    const header = signIdentity(SECRET, identity, { ...request, body: '{"name":"Zoë"}' }, NOW);
    expect(verifyIdentity(SECRET, header, { ...request, body: Buffer.from('{"name":"Zoë"}', 'utf8') }, NOW)).toMatchObject({ ok: true });
    // the same text in another encoding is other bytes
    expect(verifyIdentity(SECRET, header, { ...request, body: Buffer.from('{"name":"Zoë"}', 'latin1') }, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('gives every signed request its own nonce, even for the same identity, body and millisecond', () => {
    const nonces = new Set(
      Array.from({ length: 20 }, () => {
        const check = verifyIdentity(SECRET, signIdentity(SECRET, identity, request, NOW), request, NOW);
        return check.ok ? check.nonce : 'refused';
      }),
    );
    expect(nonces.size).toBe(20);
    expect(nonces.has('refused')).toBe(false);
  });

  describe('a header captured from one request and sent with another', () => {
    const captured = signIdentity(SECRET, identity, request, NOW);
    it.each<[string, SignedRequest]>([
      ['another body', { ...request, body: '{"query":"mutation { eraseCandidate(id: \\"c1\\") }","variables":{}}' }],
      ['one byte more of the body', { ...request, body: `${query} ` }],
      ['no body', { ...request, body: '' }],
      ['another method', { ...request, method: 'GET' }],
      ['another subgraph', { ...request, subgraph: 'candidate-service-staging' }],
      ['a subgraph name differing only in case', { ...request, subgraph: 'Candidate-Service' }],
    ])('is refused with %s', (_case, other) => {
      expect(verifyIdentity(SECRET, captured, other, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    });
  });

  it('treats the method case-insensitively, as HTTP does', () => {
    expect(verifyIdentity(SECRET, signIdentity(SECRET, identity, { ...request, method: 'post' }, NOW), request, NOW)).toMatchObject({
      ok: true,
    });
  });

  const signedClaims = () => signIdentity(SECRET, identity, request, NOW).split('.');
  const encode = (claims: unknown) => Buffer.from(JSON.stringify(claims)).toString('base64url');

  it.each([
    ['no header', undefined, 'missing'],
    ['an empty header', '', 'missing'],
    ['another secret', signIdentity(`${SECRET}!`, identity, request, NOW), 'bad-signature'],
    [
      'claims changed after signing (another organization)',
      `${encode({ ...JSON.parse(Buffer.from(signedClaims()[0], 'base64url').toString()), identity: { ...identity, org: 'other' } })}.${signedClaims()[1]}`,
      'bad-signature',
    ],
    [
      'claims changed after signing (a later signing time)',
      `${encode({ ...JSON.parse(Buffer.from(signedClaims()[0], 'base64url').toString()), iat: NOW + 1 })}.${signedClaims()[1]}`,
      'bad-signature',
    ],
    ['no signature', signedClaims()[0], 'bad-signature'],
    ['an empty signature', `${signedClaims()[0]}.`, 'bad-signature'],
    ['a truncated signature', `${signedClaims()[0]}.${signedClaims()[1].slice(0, -1)}`, 'bad-signature'],
    ['an extra segment', `${signIdentity(SECRET, identity, request, NOW)}.x`, 'bad-signature'],
    ['claims without a nonce', sealIdentityClaims(SECRET, encode({ identity, iat: NOW }), request), 'bad-signature'],
    ['claims without a signing time', sealIdentityClaims(SECRET, encode({ identity, jti: 'n' }), request), 'stale'],
    ['claims that are not JSON', sealIdentityClaims(SECRET, Buffer.from('not json').toString('base64url'), request), 'bad-signature'],
  ])('refuses %s', (_case, header, reason) => {
    expect(verifyIdentity(SECRET, header, request, NOW)).toEqual({ ok: false, reason });
  });

  describe('the window: 5 s after signing, 1 s of clock skew ahead', () => {
    it.each([
      ['signed just now', true, NOW],
      ['signed 5 s ago', true, NOW - 5_000],
      ['signed 5.001 s ago', false, NOW - 5_001],
      ['signed 60 s ago (the old window)', false, NOW - 60_000],
      ['signed 1 s in the future (gateway clock ahead)', true, NOW + 1_000],
      ['signed 1.001 s in the future', false, NOW + 1_001],
      ['signed 60 s in the future', false, NOW + 60_000],
    ])('%s: accepted %s', (_case, accepted, signedAt) => {
      const check = verifyIdentity(SECRET, signIdentity(SECRET, identity, request, signedAt), request, NOW);
      expect(check).toEqual(accepted ? expect.objectContaining({ ok: true, signedAt }) : { ok: false, reason: 'stale' });
    });
  });

  it('seals claims made before the body was known exactly as signing in one step does', () => {
    const claims = identityClaims(identity, NOW);
    const header = sealIdentityClaims(SECRET, claims, request);
    expect(header.startsWith(`${claims}.`)).toBe(true);
    expect(verifyIdentity(SECRET, header, request, NOW)).toMatchObject({ ok: true, identity, signedAt: NOW });
    expect(verifyIdentity(SECRET, header, { ...request, body: '{}' }, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
