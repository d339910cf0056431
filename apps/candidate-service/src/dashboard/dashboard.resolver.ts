import { UseGuards } from '@nestjs/common';
import { Args, ID, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { ClosingFeedbackDashboardModel } from './dashboard.model';
import { DashboardService } from './dashboard.service';
import { dashboardParts } from './dashboard-selection';

@Resolver(() => ClosingFeedbackDashboardModel)
@UseGuards(RecruiterGuard)
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Query(() => ClosingFeedbackDashboardModel, { description: 'Defaults: the last 90 days, all roles.' })
  closingFeedbackDashboard(
    @CurrentViewer() viewer: Viewer,
    @Args('roleId', { type: () => ID, nullable: true }) roleId: string | null | undefined,
    @Args('from', { type: () => Date, nullable: true }) from: Date | null | undefined,
    @Args('to', { type: () => Date, nullable: true }) to: Date | null | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ClosingFeedbackDashboardModel> {
    // only the figure groups the selection shows are read (the tiles need no interviewers or criteria)
    return this.dashboards.closingFeedback(viewer.organizationId, { roleId, from, to }, dashboardParts(info));
  }
}
