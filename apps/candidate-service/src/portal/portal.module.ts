import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { PortalRepository } from './portal.repository';
import { PortalResolver } from './portal.resolver';
import { PortalService } from './portal.service';

@Module({
  imports: [OrganizationModule],
  providers: [PortalRepository, PortalService, PortalResolver],
})
export class PortalModule {}
