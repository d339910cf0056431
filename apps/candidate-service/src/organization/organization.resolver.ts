import { UseGuards } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { ViewerModel } from './organization.model';

@Resolver(() => ViewerModel)
@UseGuards(RecruiterGuard)
export class OrganizationResolver {
  @Query(() => ViewerModel, { description: 'Recruiter queries (Bearer JWT).' })
  async me(@CurrentViewer() viewer: Viewer): Promise<ViewerModel> {
    const { user, organization } = viewer;
    return { id: user.id, name: user.name, email: user.email, role: user.role, organization };
  }
}
