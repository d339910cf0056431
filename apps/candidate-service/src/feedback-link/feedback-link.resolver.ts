import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { FeedbackResponseModel } from '../form/form.model';
import { SubmitFeedbackInput } from './dto/submit-feedback.input';
import { FeedbackFormViewModel } from './feedback-form-view.model';
import { FeedbackLinkService } from './feedback-link.service';
import { InterviewerCalibrationModel } from './interviewer-calibration.model';

/** No guard: the emailed link's token is the interviewer's only credential. */
@Resolver(() => FeedbackFormViewModel)
export class FeedbackLinkResolver {
  constructor(private readonly links: FeedbackLinkService) {}

  @Query(() => FeedbackFormViewModel, { description: "Interviewer, by the emailed link's token. Marks the form OPENED on first view." })
  feedbackForm(@Args('token') token: string): Promise<FeedbackFormViewModel> {
    return this.links.view(token);
  }

  @Mutation(() => FeedbackFormViewModel, {
    description: "Interviewer, by the emailed link's token. One response per form; CONFLICT once submitted, GONE once expired.",
  })
  submitFeedback(@Args('token') token: string, @Args('input') input: SubmitFeedbackInput): Promise<FeedbackFormViewModel> {
    return this.links.submit(token, input);
  }

  @Mutation(() => FeedbackFormViewModel, {
    description: "Interviewer, by the emailed link's token: cannot give feedback (did not attend, no basis).",
  })
  declineFeedbackForm(@Args('token') token: string, @Args('reason') reason: string): Promise<FeedbackFormViewModel> {
    return this.links.decline(token, reason);
  }

  @ResolveField(() => FeedbackResponseModel, { nullable: true, description: "The interviewer's own answer, once submitted." })
  response(@Parent() view: FeedbackFormViewModel): Promise<FeedbackResponseModel | null> {
    return this.links.response(view);
  }

  @ResolveField(() => InterviewerCalibrationModel, {
    nullable: true,
    description: "Once submitted: how this interviewer's ratings compare with the organization's panels; shown to them alone.",
  })
  calibration(@Parent() view: FeedbackFormViewModel): Promise<InterviewerCalibrationModel | null> {
    return this.links.calibration(view);
  }
}
