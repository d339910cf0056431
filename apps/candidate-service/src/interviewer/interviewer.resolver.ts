import type { InterviewerEntity } from '@closer/database';
import { UseGuards } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';

import { MAX_PAGE_SIZE } from '../common/pagination';
import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { AddInterviewerInput } from './dto/add-interviewer.input';
import { InterviewerModel } from './interviewer.model';
import { InterviewerService } from './interviewer.service';

const toInterviewerModel = ({ id, name, email, externalId }: InterviewerEntity): InterviewerModel => ({ id, name, email, externalId });

@Resolver(() => InterviewerModel)
@UseGuards(RecruiterGuard)
export class InterviewerResolver {
  constructor(private readonly interviewerService: InterviewerService) {}

  @Query(() => [InterviewerModel])
  async interviewers(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: MAX_PAGE_SIZE, description: 'By name; at most 200.' })
    first: number | null,
  ): Promise<InterviewerModel[]> {
    return (await this.interviewerService.list(viewer.organizationId, first)).map(toInterviewerModel);
  }

  @Mutation(() => InterviewerModel)
  async addInterviewer(@CurrentViewer() viewer: Viewer, @Args('input') input: AddInterviewerInput): Promise<InterviewerModel> {
    return toInterviewerModel(await this.interviewerService.add(viewer.organizationId, input));
  }
}
