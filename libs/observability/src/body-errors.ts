import type { ErrorRequestHandler } from 'express';

/** body-parser's refusals by its error `type`, as GraphQL clients expect errors: with a code. */
const REFUSALS: Record<string, { code: string; message: string }> = {
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' },
  'entity.parse.failed': { code: 'BAD_REQUEST', message: 'Request body is not valid JSON' },
  'encoding.unsupported': { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content encoding' },
  'charset.unsupported': { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported charset' },
};

/**
 * Registered right after the JSON body parser: a body it refuses gets a GraphQL-shaped error
 * (`{ errors: [{ message, extensions: { code } }] }`) with its HTTP status, instead of the
 * framework's `{ statusCode, message }`; the parser's own message (a piece of the body) is
 * never echoed.
 */
export const bodyErrorHandler: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _req, res, next) => {
  const status = typeof error?.status === 'number' ? error.status : 0;
  if (typeof error?.type !== 'string' || status < 400 || status > 499) return next(error);
  const refusal = REFUSALS[error.type] ?? { code: 'BAD_REQUEST', message: 'Malformed request body' };
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
};
