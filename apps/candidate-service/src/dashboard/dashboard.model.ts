import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

import { FitBandEnum } from '../common/graphql-enums';
import { InterviewerModel } from '../interviewer/interviewer.model';
import { CriterionModel } from '../role/role.model';

@ObjectType('FitBandCount')
export class FitBandCountModel {
  @Field(() => FitBandEnum) band!: keyof typeof FitBandEnum;
  @Field(() => Int) count!: number;
}

@ObjectType('CriterionStat')
export class CriterionStatModel {
  @Field(() => CriterionModel) criterion!: CriterionModel;
  @Field() roleTitle!: string;
  @Field(() => Float, { nullable: true }) averageRating!: number | null;
  @Field(() => Int) ratedCount!: number;
  @Field(() => Int, { description: 'Ratings of 1 or 2: where candidates most often fall short of the profile.' }) lackingCount!: number;
}

@ObjectType('InterviewerStat')
export class InterviewerStatModel {
  @Field(() => InterviewerModel) interviewer!: InterviewerModel;
  @Field(() => Int) formsSent!: number;
  @Field(() => Int) formsSubmitted!: number;
  @Field(() => Float, { nullable: true }) medianHoursToFeedback!: number | null;
  @Field(() => Float, { nullable: true }) averageOverallFit!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Mean of (this interviewer's overall fit - the panel's mean) over shared sessions, in bands.",
  })
  calibrationDelta!: number | null;
}

@ObjectType('WeeklyStat')
export class WeeklyStatModel {
  @Field() weekStart!: Date;
  @Field(() => Int) sessionsCompleted!: number;
  @Field(() => Float, { nullable: true }) responseRate!: number | null;
  @Field(() => Float, { nullable: true }) averageFitScore!: number | null;
}

@ObjectType('ClosingFeedbackDashboard')
export class ClosingFeedbackDashboardModel {
  @Field() from!: Date;
  @Field() to!: Date;
  @Field(() => Int) sessionsCompleted!: number;
  @Field(() => Int, { description: 'Sessions whose candidate asked the closing question.' }) fitFeedbackRequested!: number;
  @Field(() => Int) formsSent!: number;
  @Field(() => Int) formsSubmitted!: number;
  @Field(() => Float, { nullable: true, description: 'formsSubmitted / formsSent, 0..1; null when nothing was sent.' }) responseRate!:
    number | null;
  @Field(() => Float, { nullable: true }) medianHoursToFeedback!: number | null;
  @Field(() => Int) answersReleased!: number;
  @Field(() => Int) answersWithheld!: number;
  @Field(() => Int) formsDeclined!: number;
  @Field(() => Float, {
    nullable: true,
    description: "Median hours from the session's end to the answer's release, for candidates who asked.",
  })
  medianHoursToAnswer!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of rated answers that candidates found helpful, 0..1.' }) helpfulRate!:
    number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of answers to candidates who asked that were released by the date promised to them, 0..1.',
  })
  promisesKeptRate!: number | null;
  @Field(() => [FitBandCountModel]) fitDistribution!: FitBandCountModel[];
  @Field(() => [CriterionStatModel]) criteria!: CriterionStatModel[];
  @Field(() => [InterviewerStatModel]) interviewers!: InterviewerStatModel[];
  @Field(() => [WeeklyStatModel]) weekly!: WeeklyStatModel[];
}
