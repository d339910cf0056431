import type { RecruiterIdentity } from '@closer/domain';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';

import { DomainError } from '../errors/domain-error';

/** The verified recruiter of this request; recruiter operations without one are UNAUTHENTICATED. */
export const CurrentRecruiter = createParamDecorator((_data: unknown, context: ExecutionContext): RecruiterIdentity => {
  const req = GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  if (!req.identity) throw new DomainError('UNAUTHENTICATED', 'Sign in as a recruiter to do this');
  return req.identity;
});
