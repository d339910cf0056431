import { redactUrl } from './redact-url';

describe(redactUrl.name, () => {
  it.each([
    ['/f/abcDEF123_-xyz', '/f/[token]'],
    ['/F/abcDEF123_-xyz/', '/F/[token]/'],
    ['/c/abcDEF123?x=1', '/c/[token]?[redacted]'],
    ['/dashboard?token=secret&view=1', '/dashboard?[redacted]'],
    ['/graphql?access_token=abc', '/graphql?[redacted]'],
    [
      '/graphql?query=query(%24t%3AString!)%7BfeedbackForm(token%3A%24t)%7BformId%7D%7D&variables=%7B%22t%22%3A%22secretTok%22%7D',
      '/graphql?[redacted]',
    ],
    ['/graphql?query={feedbackForm(token:"secretTok"){formId}}', '/graphql?[redacted]'],
    ['/graphql?secretTok', '/graphql?[redacted]'],
    ['/graphql?{"token":"secretTok"}', '/graphql?[redacted]'],
    ['/graphql', '/graphql'],
    ['/health', '/health'],
  ])('keeps link tokens out of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
