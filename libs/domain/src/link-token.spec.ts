import { createLinkToken, verifyLinkToken } from './link-token';

const SECRET = 'a-link-secret-of-at-least-32-characters!';
const ID = '3f2b8c1e-9d4a-4e6b-8f7a-1c2d3e4f5a6b';

describe(createLinkToken.name, () => {
  it('is recomputable: the same subject always gives the same link', () => {
    expect(createLinkToken(SECRET, { purpose: 'form', id: ID, version: 3 })).toBe(
      createLinkToken(SECRET, { purpose: 'form', id: ID, version: 3 }),
    );
  });

  it('carries 256 bits of MAC in a URL-safe token', () => {
    const sut = createLinkToken(SECRET, { purpose: 'portal', id: ID, version: 1 });
    expect(sut).toMatch(/^[A-Za-z0-9_-]{70}$/);
    expect(Buffer.from(sut, 'base64url').subarray(20)).toHaveLength(32);
  });

  it.each([
    ['a non-UUID id', { id: 'candidate-1', version: 1 }],
    ['version 0', { id: ID, version: 0 }],
    ['a fractional version', { id: ID, version: 1.5 }],
  ])('refuses %s', (_case, subject) => {
    expect(() => createLinkToken(SECRET, { purpose: 'form', ...subject })).toThrow();
  });
});

describe(verifyLinkToken.name, () => {
  const token = createLinkToken(SECRET, { purpose: 'form', id: ID, version: 2 });

  it('returns the subject of an authentic token', () => {
    expect(verifyLinkToken(SECRET, 'form', token)).toEqual({ purpose: 'form', id: ID, version: 2 });
  });

  it('tells versions apart, so the caller can refuse a revoked one', () => {
    expect(verifyLinkToken(SECRET, 'form', createLinkToken(SECRET, { purpose: 'form', id: ID, version: 1 }))?.version).toBe(1);
  });

  const flipped = (value: string, index: number) => value.slice(0, index) + (value[index] === 'A' ? 'B' : 'A') + value.slice(index + 1);

  it.each([
    ['another purpose', () => verifyLinkToken(SECRET, 'portal', token)],
    ['another secret', () => verifyLinkToken(`${SECRET}x`, 'form', token)],
    ['a changed id byte', () => verifyLinkToken(SECRET, 'form', flipped(token, 2))],
    ['a changed version byte', () => verifyLinkToken(SECRET, 'form', flipped(token, 24))],
    ['a changed MAC byte', () => verifyLinkToken(SECRET, 'form', flipped(token, 60))],
    ['a truncated token', () => verifyLinkToken(SECRET, 'form', token.slice(0, -1))],
    ['an empty string', () => verifyLinkToken(SECRET, 'form', '')],
    ['characters outside base64url', () => verifyLinkToken(SECRET, 'form', `${token.slice(0, -1)}=`)],
    ['a huge string', () => verifyLinkToken(SECRET, 'form', 'A'.repeat(100_000))],
    ['a non-string', () => verifyLinkToken(SECRET, 'form', 42 as unknown as string)],
  ])('rejects %s', (_case, verify) => {
    expect(verify()).toBeNull();
  });
});
