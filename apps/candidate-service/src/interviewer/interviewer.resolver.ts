import type { InterviewerEntity } from '@closer/database';
import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import type { Loaders } from '../common/loaders';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { AddInterviewerInput } from './dto/add-interviewer.input';
import { UpdateInterviewerInput } from './dto/update-interviewer.input';
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
    @Args('includeArchived', {
      type: () => Boolean,
      nullable: true,
      defaultValue: false,
      description: 'Archived interviewers are left out (they cannot join a panel) unless asked for.',
    })
    includeArchived: boolean | null,
  ): Promise<InterviewerModel[]> {
    return (await this.interviewerService.list(viewer.organizationId, first, includeArchived === true)).map(toInterviewerModel);
  }

  @Mutation(() => InterviewerModel)
  async addInterviewer(@CurrentViewer() viewer: Viewer, @Args('input') input: AddInterviewerInput): Promise<InterviewerModel> {
    return toInterviewerModel(await this.interviewerService.add(viewer.organizationId, input));
  }

  @Mutation(() => InterviewerModel, { description: "Corrects an interviewer's name or email; the same rules as addInterviewer." })
  async updateInterviewer(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateInterviewerInput,
  ): Promise<InterviewerModel> {
    return toInterviewerModel(await this.interviewerService.update(viewer.organizationId, id, input));
  }

  @Mutation(() => InterviewerModel, {
    description: 'Hides the interviewer from scheduling (a new panel naming them is refused); their past sessions and answers stay.',
  })
  async archiveInterviewer(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<InterviewerModel> {
    return toInterviewerModel(await this.interviewerService.setArchived(viewer.organizationId, id, true));
  }

  @Mutation(() => InterviewerModel, { description: 'Makes an archived interviewer available for scheduling again.' })
  async unarchiveInterviewer(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<InterviewerModel> {
    return toInterviewerModel(await this.interviewerService.setArchived(viewer.organizationId, id, false));
  }

  @ResolveField(() => Boolean, { description: 'Archived: kept with their history, no longer offered for scheduling.' })
  async archived(@Parent() interviewer: InterviewerModel, @Context('loaders') loaders: Loaders): Promise<boolean> {
    const row = await loaders.interviewer.load(interviewer.id);
    return !!row?.archivedAt;
  }
}
