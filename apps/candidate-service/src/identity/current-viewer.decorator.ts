import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';

import type { Viewer } from './viewer';

/** The signed-in recruiter and their organization; use on resolvers guarded by RecruiterGuard. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const req = GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  if (!req.viewer) throw new Error('CurrentViewer used without RecruiterGuard');
  return req.viewer;
});
