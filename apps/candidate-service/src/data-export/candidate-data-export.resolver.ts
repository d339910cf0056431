import { UseGuards } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { CandidateDataExportModel } from './candidate-data-export.model';
import { CandidateDataExportService } from './candidate-data-export.service';

@Resolver(() => CandidateDataExportModel)
@UseGuards(RecruiterGuard)
export class CandidateDataExportResolver {
  constructor(private readonly exports: CandidateDataExportService) {}

  @Query(() => CandidateDataExportModel, {
    description: 'Subject-access export; interviewers are pseudonymised unless revealInterviewers is true.',
  })
  candidateDataExport(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('revealInterviewers', { type: () => Boolean, nullable: true, defaultValue: false }) revealInterviewers: boolean,
  ): Promise<CandidateDataExportModel> {
    return this.exports.export(viewer, id, revealInterviewers);
  }
}
