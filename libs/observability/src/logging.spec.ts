import { redactUrl } from './logging';

describe(redactUrl.name, () => {
  it.each([
    ['/f/abcDEF123_-xyz', '/f/[token]'],
    ['/c/abcDEF123?x=1', '/c/[token]?x=1'],
    ['/dashboard?token=secret&view=1', '/dashboard?token=[redacted]&view=1'],
    ['/graphql?access_token=abc', '/graphql?access_token=[redacted]'],
    ['/graphql', '/graphql'],
    ['/health', '/health'],
  ])('keeps link tokens out of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
