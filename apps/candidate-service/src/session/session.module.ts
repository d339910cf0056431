import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { SessionRepository } from './session.repository';
import { SessionResolver } from './session.resolver';
import { SessionService } from './session.service';

@Module({
  imports: [OrganizationModule],
  providers: [SessionRepository, SessionService, SessionResolver],
})
export class SessionModule {}
