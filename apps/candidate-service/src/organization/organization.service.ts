import type { OrganizationEntity, UserEntity } from '@closer/database';
import type { RecruiterIdentity } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { DomainError } from '../errors/domain-error';
import { OrganizationRepository } from './organization.repository';

const ROLES = new Set(['recruiter', 'admin']);

@Injectable()
export class OrganizationService {
  constructor(private readonly organizations: OrganizationRepository) {}

  /** Every recruiter operation starts here: the caller's organization scopes everything after. */
  async viewer(identity: RecruiterIdentity): Promise<{ organization: OrganizationEntity; user: UserEntity }> {
    if (!identity.sub || !identity.org || !ROLES.has(identity.role)) {
      throw new DomainError('FORBIDDEN', 'This account may not use the recruiter API');
    }
    return this.organizations.provision(identity);
  }
}
