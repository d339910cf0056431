import { IDENTITY_MAX_AGE_MS, signIdentity, verifyIdentity } from './internal-identity';

const SECRET = 'an-internal-secret-of-32-characters-min';
const identity = { sub: 'u1', org: 'acme', email: 'rae@acme.test', name: 'Rae', role: 'recruiter' };
const NOW = 1_800_000_000_000;

describe(verifyIdentity.name, () => {
  it('accepts a fresh header signed with the secret', () => {
    expect(verifyIdentity(SECRET, signIdentity(SECRET, identity, NOW), NOW + 1_000)).toEqual({ ok: true, identity });
  });

  it('accepts a signed anonymous request (link-token operations)', () => {
    expect(verifyIdentity(SECRET, signIdentity(SECRET, null, NOW), NOW)).toEqual({ ok: true, identity: null });
  });

  const forged = () => {
    const [, signature] = signIdentity(SECRET, identity, NOW).split('.');
    const body = Buffer.from(JSON.stringify({ identity: { ...identity, org: 'other' }, iat: NOW })).toString('base64url');
    return `${body}.${signature}`;
  };

  it.each([
    ['no header', undefined, 'missing'],
    ['another secret', signIdentity(`${SECRET}!`, identity, NOW), 'bad-signature'],
    ['claims changed after signing', forged(), 'bad-signature'],
    ['no signature', Buffer.from(JSON.stringify({ identity, iat: NOW })).toString('base64url'), 'bad-signature'],
    ['an extra segment', `${signIdentity(SECRET, identity, NOW)}.x`, 'bad-signature'],
    ['an old signature', signIdentity(SECRET, identity, NOW - IDENTITY_MAX_AGE_MS - 1), 'stale'],
    ['a signature from the future', signIdentity(SECRET, identity, NOW + 60_000), 'stale'],
  ])('refuses %s', (_case, header, reason) => {
    expect(verifyIdentity(SECRET, header, NOW)).toEqual({ ok: false, reason });
  });
});
