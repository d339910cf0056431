import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { CandidateModel } from './candidate.model';
import { CandidateService } from './candidate.service';
import { AddCandidateInput } from './dto/add-candidate.input';

@Resolver(() => CandidateModel)
@UseGuards(RecruiterGuard)
export class CandidateResolver {
  constructor(private readonly candidates: CandidateService) {}

  @Query(() => CandidateModel, { nullable: true })
  candidate(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<CandidateModel | null> {
    return this.candidates.get(viewer.organizationId, id);
  }

  @Mutation(() => CandidateModel)
  addCandidate(@CurrentViewer() viewer: Viewer, @Args('input') input: AddCandidateInput): Promise<CandidateModel> {
    return this.candidates.add(viewer.organizationId, input);
  }

  @Mutation(() => Boolean, { description: 'Emails the candidate a fresh portal link; older portal links stop working.' })
  async sendCandidatePortalLink(
    @CurrentViewer() viewer: Viewer,
    @Args('candidateId', { type: () => ID }) candidateId: string,
  ): Promise<boolean> {
    await this.candidates.sendPortalLink(viewer.organizationId, candidateId);
    return true;
  }
}
