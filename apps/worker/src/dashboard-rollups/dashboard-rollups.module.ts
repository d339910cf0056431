import { Module } from '@nestjs/common';

import { DashboardRollupsService } from './dashboard-rollups.service';

@Module({ providers: [DashboardRollupsService], exports: [DashboardRollupsService] })
export class DashboardRollupsModule {}
