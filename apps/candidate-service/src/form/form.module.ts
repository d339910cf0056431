import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';

@Module({
  imports: [OrganizationModule],
  providers: [],
})
export class FormModule {}
