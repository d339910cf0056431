import { Field, ID, InputType, Int } from '@nestjs/graphql';

import { FitBandEnum } from '../../common/graphql-enums';

@InputType()
export class CriterionRatingInput {
  @Field(() => ID) criterionId!: string;
  @Field(() => Int, { nullable: true, description: '1..4, or null when not assessed in this session.' }) rating?: number | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class SubmitFeedbackInput {
  @Field(() => Boolean, {
    nullable: true,
    description: "The candidate asked the closing question in the room: records their request if it isn't yet.",
  })
  candidateAskedForFeedback?: boolean | null;
  @Field(() => FitBandEnum) overallFit!: keyof typeof FitBandEnum;
  @Field(() => [CriterionRatingInput]) ratings!: CriterionRatingInput[];
  @Field() strengths!: string;
  @Field() gaps!: string;
  @Field(() => String, { nullable: true }) nextSteps?: string | null;
  @Field(() => String, { nullable: true }) candidateMessage?: string | null;
  @Field(() => String, { nullable: true }) privateNote?: string | null;
}
