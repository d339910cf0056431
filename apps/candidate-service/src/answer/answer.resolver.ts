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

  @Mutation(() => CandidateAnswerModel, {
    description:
      'Releases an answer awaiting review, optionally with a message written by the recruiter. A withheld answer can be released by hand with a message: it is composed from the responses that arrived (at least one).',
  })
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

  @Mutation(() => CandidateAnswerModel, {
    description:
      'Withheld answers: emails the candidate, once, that not enough feedback could be gathered. Repeating it sends nothing more.',
  })
  async notifyCandidateNoAnswer(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CandidateAnswerModel> {
    return toCandidateAnswerModel(await this.answers.notifyCandidate(viewer, id));
  }
}
