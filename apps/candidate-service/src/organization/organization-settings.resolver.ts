import type { OrganizationEntity } from '@closer/database';
import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { UpdateOrganizationInput } from './dto/update-organization.input';
import { OrganizationModel } from './organization.model';
import { OrganizationSettingsService } from './organization-settings.service';

export const toOrganizationModel = (organization: OrganizationEntity): OrganizationModel => ({
  id: organization.id,
  slug: organization.slug,
  name: organization.name,
  feedbackDeadlineHours: organization.feedbackDeadlineHours,
  reminderHours: organization.reminderHours,
  minResponsesForAnswer: organization.minResponsesForAnswer,
  shareScoreWithCandidates: organization.shareScoreWithCandidates,
  retentionDays: organization.retentionDays,
});

@Resolver(() => OrganizationModel)
@UseGuards(RecruiterGuard)
export class OrganizationSettingsResolver {
  constructor(private readonly settings: OrganizationSettingsService) {}

  @Mutation(() => OrganizationModel, { description: 'Recruiter mutations (Bearer JWT).' })
  async updateOrganization(@CurrentViewer() viewer: Viewer, @Args('input') input: UpdateOrganizationInput): Promise<OrganizationModel> {
    return toOrganizationModel(await this.settings.update(viewer.organizationId, input));
  }
}
