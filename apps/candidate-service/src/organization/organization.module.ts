import { Module } from '@nestjs/common';

import { OrganizationRepository } from './organization.repository';
import { OrganizationResolver } from './organization.resolver';
import { OrganizationService } from './organization.service';

@Module({
  providers: [OrganizationRepository, OrganizationService, OrganizationResolver],
  exports: [OrganizationService],
})
export class OrganizationModule {}
