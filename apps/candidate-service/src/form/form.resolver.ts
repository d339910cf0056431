import type { InterviewerEntity } from '@closer/database';
import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';

import type { Loaders } from '../common/loaders';
import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { InterviewerModel } from '../interviewer/interviewer.model';
import { toFeedbackFormModel, toFeedbackResponseModel } from './form.mapper';
import { FeedbackFormModel, FeedbackResponseModel } from './form.model';
import { FormService } from './form.service';

@Resolver(() => FeedbackFormModel)
export class FormResolver {
  constructor(private readonly forms: FormService) {}

  @Mutation(() => FeedbackFormModel, { description: 'Sends the form again with a fresh link; the old link stops working.' })
  @UseGuards(RecruiterGuard)
  async resendFeedbackForm(
    @CurrentViewer() viewer: Viewer,
    @Args('formId', { type: () => ID }) formId: string,
  ): Promise<FeedbackFormModel> {
    return toFeedbackFormModel(await this.forms.resend(viewer.organizationId, formId));
  }

  @ResolveField(() => InterviewerModel)
  async interviewer(@Parent() form: FeedbackFormModel, @Context('loaders') loaders: Loaders): Promise<InterviewerEntity> {
    return (await loaders.interviewer.load(form.interviewerId))!;
  }

  @ResolveField(() => FeedbackResponseModel, { nullable: true })
  async response(@Parent() form: FeedbackFormModel, @Context('loaders') loaders: Loaders): Promise<FeedbackResponseModel | null> {
    const response = await loaders.responseByForm.load(form.id);
    return response ? toFeedbackResponseModel(response) : null;
  }
}
