import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { DashboardRepository } from './dashboard.repository';
import { DashboardResolver } from './dashboard.resolver';
import { DashboardService } from './dashboard.service';

@Module({
  imports: [OrganizationModule],
  providers: [DashboardRepository, DashboardService, DashboardResolver],
})
export class DashboardModule {}
