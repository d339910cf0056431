import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { CandidateDataExportRepository } from './candidate-data-export.repository';
import { CandidateDataExportResolver } from './candidate-data-export.resolver';
import { CandidateDataExportService } from './candidate-data-export.service';

@Module({
  imports: [OrganizationModule],
  providers: [CandidateDataExportRepository, CandidateDataExportService, CandidateDataExportResolver],
})
export class DataExportModule {}
