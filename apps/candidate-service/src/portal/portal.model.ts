import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import { ProfileFitModel } from '../answer/answer.model';
import { FitBandEnum, SessionStatusEnum } from '../common/graphql-enums';

@ObjectType('CandidateAnswerView')
export class CandidateAnswerViewModel {
  @Field(() => FitBandEnum) fitBand!: keyof typeof FitBandEnum;
  @Field(() => Int, { nullable: true, description: 'Only when the organization shares scores with candidates.' }) fitScore!: number | null;
  @Field(() => [ProfileFitModel]) profile!: ProfileFitModel[];
  @Field(() => [String]) strengths!: string[];
  @Field(() => [String]) gaps!: string[];
  @Field(() => String, { nullable: true }) nextSteps!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field() releasedAt!: Date;
  @Field(() => String, { nullable: true, description: "The candidate's own reply, once sent (one per answer)." }) reply!: string | null;
}

@ObjectType('CandidateSessionView')
export class CandidateSessionViewModel {
  @Field(() => ID) sessionId!: string;
  @Field() title!: string;
  @Field() roleTitle!: string;
  @Field() startsAt!: Date;
  @Field(() => SessionStatusEnum) status!: keyof typeof SessionStatusEnum;
  @Field() fitFeedbackRequested!: boolean;
  @Field(() => Date, {
    nullable: true,
    description:
      "Once asked: the date by which the candidate can expect the answer, from how fast this organization's panels have answered before (their 80th percentile), never later than the feedback deadline.",
  })
  answerExpectedBy!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the answer is late: when the recruiter was told (once, at the promised date).',
  })
  lateNotifiedAt!: Date | null;
  @Field(() => CandidateAnswerViewModel, { nullable: true, description: 'Present once released to the candidate.' })
  answer!: CandidateAnswerViewModel | null;
  @Field({
    description:
      'True when no answer will come: not enough feedback could be gathered from the panel (the answer was withheld). Until a recruiter reopens it, the portal says so instead of promising one.',
  })
  answerUnavailable!: boolean;
}

@ObjectType('CandidatePortal', { description: 'What a candidate sees behind their portal link. Never names an interviewer.' })
export class CandidatePortalModel {
  @Field() candidateName!: string;
  @Field(() => [CandidateSessionViewModel]) sessions!: CandidateSessionViewModel[];
}
