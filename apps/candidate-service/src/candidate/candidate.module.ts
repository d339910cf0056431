import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { CandidateRepository } from './candidate.repository';
import { CandidateResolver } from './candidate.resolver';
import { CandidateService } from './candidate.service';

@Module({
  imports: [OrganizationModule],
  providers: [CandidateRepository, CandidateService, CandidateResolver],
})
export class CandidateModule {}
