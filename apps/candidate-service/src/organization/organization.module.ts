import { Module } from '@nestjs/common';

import { OrganizationRepository } from './organization.repository';
import { OrganizationResolver } from './organization.resolver';
import { OrganizationService } from './organization.service';
import { OrganizationSettingsResolver } from './organization-settings.resolver';
import { OrganizationSettingsService } from './organization-settings.service';

@Module({
  providers: [OrganizationRepository, OrganizationService, OrganizationResolver, OrganizationSettingsService, OrganizationSettingsResolver],
  exports: [OrganizationService],
})
export class OrganizationModule {}
