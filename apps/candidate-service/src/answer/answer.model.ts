import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import { AnswerStatusEnum, CriterionKindEnum, FitBandEnum, FitLevelEnum } from '../common/graphql-enums';

@ObjectType('ProfileFit')
export class ProfileFitModel {
  @Field() criterion!: string;
  @Field(() => CriterionKindEnum) kind!: keyof typeof CriterionKindEnum;
  @Field(() => FitLevelEnum) level!: keyof typeof FitLevelEnum;
}

@ObjectType('WordingFlag')
export class WordingFlagModel {
  @Field({ description: "The category, e.g. 'protected characteristic: age' or 'culture fit / personality'." }) category!: string;
  @Field({ description: 'The words in the text that raised it.' }) excerpt!: string;
  @Field({
    description:
      "The candidate-facing field it stands in: message, strengths, gaps or nextSteps (or profile, a criterion's label the candidate reads).",
  })
  field!: string;
}

@ObjectType('CandidateAnswer', { description: "The honest answer to the candidate's closing question, aggregated over the panel." })
export class CandidateAnswerModel {
  @Field(() => ID) id!: string;
  @Field(() => AnswerStatusEnum) status!: keyof typeof AnswerStatusEnum;
  @Field(() => FitBandEnum, { nullable: true }) fitBand!: keyof typeof FitBandEnum | null;
  @Field(() => Int, { nullable: true, description: "0..100, weighted by the role's criteria." }) fitScore!: number | null;
  @Field(() => [ProfileFitModel], { description: "Per criterion of the role's profile, how the panel saw the candidate." })
  profile!: ProfileFitModel[];
  @Field(() => [String]) strengths!: string[];
  @Field(() => [String]) gaps!: string[];
  @Field(() => String, { nullable: true }) nextSteps!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => Int) responsesCount!: number;
  @Field(() => [String], { description: 'Wording checks that held this answer for review (e.g. a protected characteristic mentioned).' })
  flags!: string[];
  @Field(() => [WordingFlagModel], {
    description: 'Each wording flag with the words that raised it and where they stand, for the reviewer.',
  })
  flagDetails!: WordingFlagModel[];
  @Field(() => String, { nullable: true }) withheldReason!: string | null;
  @Field(() => Date, { nullable: true }) releasedAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: "The candidate's verdict on the answer, if they gave one." }) helpful!:
    boolean | null;
  @Field(() => String, {
    nullable: true,
    description: "The candidate's one reply to the released answer (e.g. evidence the panel did not see).",
  })
  candidateReply!: string | null;
  @Field(() => Date, { nullable: true }) candidateRepliedAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the candidate of a withheld answer was told, once, that not enough feedback could be gathered.',
  })
  candidateNotifiedAt!: Date | null;
}
