import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { RoleRepository } from './role.repository';
import { RoleResolver } from './role.resolver';
import { RoleService } from './role.service';

@Module({
  imports: [OrganizationModule],
  providers: [RoleRepository, RoleService, RoleResolver],
  exports: [RoleService],
})
export class RoleModule {}
