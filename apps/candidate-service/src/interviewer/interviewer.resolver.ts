import type { InterviewerEntity } from '@closer/database';
import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { AddInterviewerInput } from './dto/add-interviewer.input';
import { InterviewerModel } from './interviewer.model';
import { InterviewerService } from './interviewer.service';

const toInterviewerModel = ({ id, name, email }: InterviewerEntity): InterviewerModel => ({ id, name, email });

@Resolver(() => InterviewerModel)
@UseGuards(RecruiterGuard)
export class InterviewerResolver {
  constructor(private readonly interviewerService: InterviewerService) {}

  @Query(() => [InterviewerModel])
  async interviewers(@CurrentViewer() viewer: Viewer): Promise<InterviewerModel[]> {
    return (await this.interviewerService.list(viewer.organizationId)).map(toInterviewerModel);
  }

  @Mutation(() => InterviewerModel)
  async addInterviewer(@CurrentViewer() viewer: Viewer, @Args('input') input: AddInterviewerInput): Promise<InterviewerModel> {
    return toInterviewerModel(await this.interviewerService.add(viewer.organizationId, input));
  }
}
