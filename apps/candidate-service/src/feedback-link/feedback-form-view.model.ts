import { Field, ID, ObjectType } from '@nestjs/graphql';

import { FormStatusEnum } from '../common/graphql-enums';
import { CriterionModel } from '../role/role.model';

@ObjectType('FeedbackFormView', { description: 'What an interviewer sees behind the emailed link.' })
export class FeedbackFormViewModel {
  @Field(() => ID) formId!: string;
  @Field(() => FormStatusEnum) status!: keyof typeof FormStatusEnum;
  @Field() candidateName!: string;
  @Field() roleTitle!: string;
  @Field() sessionTitle!: string;
  @Field(() => Date, { nullable: true }) sessionEndedAt!: Date | null;
  @Field() interviewerName!: string;
  @Field(() => [CriterionModel]) criteria!: CriterionModel[];
  @Field() candidateAskedForFeedback!: boolean;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  // response and calibration: FeedbackLinkResolver, read only when asked for
  /** Not exposed: whose calibration it is. */
  organizationId!: string;
  interviewerId!: string;
}
