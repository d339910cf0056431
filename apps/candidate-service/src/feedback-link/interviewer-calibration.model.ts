import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('InterviewerCalibration', { description: "An interviewer's own rating habits next to their peers', to help them calibrate." })
export class InterviewerCalibrationModel {
  @Field(() => Int, { description: 'Sessions this interviewer has answered for, in the organization.' })
  sessionsAnswered!: number;
  @Field(() => Float, { nullable: true, description: 'Mean overall fit this interviewer gave, in bands (NOT_A_FIT 1 .. STRONG_FIT 4).' })
  meanOverallFit!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean overall fit of every interviewer in the organization over the same period.' })
  peersMeanOverallFit!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Mean of (this interviewer's overall fit - the rest of the panel's mean) over shared sessions, in bands.",
  })
  calibrationDelta!: number | null;
}
