import type { RecruiterIdentity } from '@closer/domain';
import { Query, Resolver } from '@nestjs/graphql';

import { CurrentRecruiter } from '../identity/current-recruiter.decorator';
import { ViewerModel } from './organization.model';
import { OrganizationService } from './organization.service';

@Resolver(() => ViewerModel)
export class OrganizationResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @Query(() => ViewerModel, { description: 'Recruiter queries (Bearer JWT).' })
  async me(@CurrentRecruiter() identity: RecruiterIdentity): Promise<ViewerModel> {
    const { organization, user } = await this.organizations.viewer(identity);
    return { id: user.id, name: user.name, email: user.email, role: user.role, organization };
  }
}
