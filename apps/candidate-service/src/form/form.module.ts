import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { FormRepository } from './form.repository';
import { FormResolver } from './form.resolver';
import { FormService } from './form.service';
import { ResponseResolver } from './response.resolver';

@Module({
  imports: [OrganizationModule],
  providers: [FormRepository, FormService, FormResolver, ResponseResolver],
})
export class FormModule {}
