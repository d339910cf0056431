import { toPublicError } from './public-error';

describe(toPublicError.name, () => {
  it('keeps a public code, its message and the fields of bad input', () => {
    const fields = [{ field: 'input.title', message: 'is required' }];
    expect(
      toPublicError({
        message: 'Invalid input: input.title',
        path: ['createRole'],
        extensions: { code: 'BAD_USER_INPUT', fields, stacktrace: ['at x'] },
      }),
    ).toEqual({
      message: 'Invalid input: input.title',
      path: ['createRole'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', fields },
    });
  });

  it.each([
    ['an error without a code', { message: 'relation "candidates" does not exist' }],
    [
      'an internal code',
      {
        message: 'QueryFailedError: duplicate key value',
        extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { stacktrace: ['at Repo'] } },
      },
    ],
    [
      'a downstream service error',
      { message: 'connect ECONNREFUSED 10.0.0.1:3001', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'candidates' } },
    ],
  ])('masks %s', (_case, error) => {
    expect(toPublicError({ ...error, path: ['me'] })).toEqual({
      message: 'Internal server error',
      path: ['me'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
