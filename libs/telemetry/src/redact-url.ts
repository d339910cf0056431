/**
 * Link tokens travel in /f/<token> and /c/<token> paths, and a GraphQL GET carries them in its
 * query string (`variables={"token":…}`, or inline in `query`): no path segment after /f/ or /c/
 * and no part of a query string ever reaches a log line or a span.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const queryAt = url.indexOf('?');
  const path = (queryAt < 0 ? url : url.slice(0, queryAt)).replace(/\/(f|c)\/[^/?#]+/gi, '/$1/[token]');
  return queryAt < 0 ? path : `${path}?[redacted]`;
}
