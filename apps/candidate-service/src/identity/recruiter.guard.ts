import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';

import { DomainError } from '../errors/domain-error';
import { OrganizationService } from '../organization/organization.service';

/**
 * Recruiter operations: resolves the caller's organization and user once per request
 * (provisioning them on first use) and keeps them on the request for @CurrentViewer().
 */
@Injectable()
export class RecruiterGuard implements CanActivate {
  constructor(private readonly organizations: OrganizationService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
    if (!req.identity) throw new DomainError('UNAUTHENTICATED', 'Sign in as a recruiter to do this');
    // several root fields of one operation share a single lookup
    req.viewerLookup ??= this.organizations.viewer(req.identity);
    req.viewer = await req.viewerLookup;
    return true;
  }
}
