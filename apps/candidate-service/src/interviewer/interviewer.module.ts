import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { InterviewerRepository } from './interviewer.repository';
import { InterviewerResolver } from './interviewer.resolver';
import { InterviewerService } from './interviewer.service';

@Module({
  imports: [OrganizationModule],
  providers: [InterviewerRepository, InterviewerService, InterviewerResolver],
})
export class InterviewerModule {}
