import type { RecruiterIdentity } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { DomainError } from '../errors/domain-error';
import type { Viewer } from '../identity/viewer';
import { OrganizationRepository } from './organization.repository';

const ROLES = new Set(['recruiter', 'admin']);

@Injectable()
export class OrganizationService {
  constructor(private readonly organizations: OrganizationRepository) {}

  /** Every recruiter operation starts here: the caller's organization scopes everything after. */
  async viewer(identity: RecruiterIdentity): Promise<Viewer> {
    if (!identity.sub || !identity.org || !ROLES.has(identity.role)) {
      throw new DomainError('FORBIDDEN', 'This account may not use the recruiter API');
    }
    const { organization, user } = await this.organizations.provision(identity);
    return { organizationId: organization.id, organization, user };
  }
}
