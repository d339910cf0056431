import { metricsAuthorized } from './metrics-access';

const TOKEN = 'metrics-token-0123456789abcdef0123456789';

describe(metricsAuthorized.name, () => {
  it('lets everyone read when no token is set', () => {
    expect(metricsAuthorized(undefined, undefined)).toBe(true);
  });

  it('accepts the exact Bearer token', () => {
    expect(metricsAuthorized(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer '],
    ['a wrong token', `Bearer ${TOKEN.replace(/.$/, 'x')}`],
    ['the token with a trailing character', `Bearer ${TOKEN}x`],
    ['the token without its last character', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token as Basic credentials', `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`],
    ['the bare token', TOKEN],
    ['the token with two spaces', `Bearer  ${TOKEN}`],
  ])('refuses %s', (_case, header) => {
    expect(metricsAuthorized(header, TOKEN)).toBe(false);
  });
});
