import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import { FitBandEnum, FormStatusEnum } from '../common/graphql-enums';
import { CriterionModel } from '../role/role.model';

/** FeedbackForm.interviewer and .response are resolved by FormResolver through the loaders. */
@ObjectType('FeedbackForm')
export class FeedbackFormModel {
  @Field(() => ID) id!: string;
  @Field(() => FormStatusEnum) status!: keyof typeof FormStatusEnum;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => Date, { nullable: true }) openedAt!: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Int) remindersSent!: number;
  @Field(() => String, { nullable: true, description: 'Why the last delivery attempt failed, when status is FAILED.' }) lastError!:
    string | null;
  @Field(() => Date, { nullable: true }) declinedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the interviewer declined, when status is DECLINED; for the hiring team only.' })
  declineReason!: string | null;
  interviewerId!: string;
}

@ObjectType('CriterionRating')
export class CriterionRatingModel {
  @Field(() => CriterionModel) criterion!: CriterionModel;
  @Field(() => Int, {
    nullable: true,
    description: '1 not yet evident, 2 partly, 3 meets, 4 exceeds; null when not assessed in this session.',
  })
  rating!: number | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

/** FeedbackResponse.interviewer and .ratings are resolved by ResponseResolver through the loaders. */
@ObjectType('FeedbackResponse')
export class FeedbackResponseModel {
  @Field(() => ID) id!: string;
  @Field(() => FitBandEnum) overallFit!: keyof typeof FitBandEnum;
  @Field() strengths!: string;
  @Field({ description: "Anything lacking, so far, in the interviewer's picture of the candidate." }) gaps!: string;
  @Field(() => String, { nullable: true }) nextSteps!: string | null;
  @Field(() => String, { nullable: true, description: 'What the interviewer is willing to have shared with the candidate.' })
  candidateMessage!: string | null;
  @Field(() => String, { nullable: true, description: 'Internal only; never shown to the candidate.' }) privateNote!: string | null;
  @Field() submittedAt!: Date;
  interviewerId!: string;
}
