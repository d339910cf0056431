import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { toCandidateAnswerModel } from './answer.mapper';
import { CandidateAnswerModel } from './answer.model';
import { AnswerService } from './answer.service';

@Resolver(() => CandidateAnswerModel)
@UseGuards(RecruiterGuard)
export class AnswerResolver {
  constructor(private readonly answers: AnswerService) {}

  @Mutation(() => CandidateAnswerModel)
  async releaseCandidateAnswer(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('message', { type: () => String, nullable: true }) message?: string | null,
  ): Promise<CandidateAnswerModel> {
    return toCandidateAnswerModel(await this.answers.release(viewer, id, message));
  }

  @Mutation(() => CandidateAnswerModel)
  async withholdCandidateAnswer(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<CandidateAnswerModel> {
    return toCandidateAnswerModel(await this.answers.withhold(viewer, id, reason));
  }
}
