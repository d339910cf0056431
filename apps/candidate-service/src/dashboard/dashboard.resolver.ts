import { UseGuards } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { ClosingFeedbackDashboardModel } from './dashboard.model';
import { DashboardService } from './dashboard.service';

@Resolver(() => ClosingFeedbackDashboardModel)
@UseGuards(RecruiterGuard)
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Query(() => ClosingFeedbackDashboardModel, { description: 'Defaults: the last 90 days, all roles.' })
  closingFeedbackDashboard(
    @CurrentViewer() viewer: Viewer,
    @Args('roleId', { type: () => ID, nullable: true }) roleId?: string | null,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
  ): Promise<ClosingFeedbackDashboardModel> {
    return this.dashboards.closingFeedback(viewer.organizationId, { roleId, from, to });
  }
}
