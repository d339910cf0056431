import { Field, ID, ObjectType } from '@nestjs/graphql';

/** Interviewer.archived is resolved by InterviewerResolver (recruiters only). */
@ObjectType('Interviewer')
export class InterviewerModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() email!: string;
  @Field(() => String, {
    nullable: true,
    description: "The id this interviewer has in the organization's own system (ATS, HRIS), when given.",
  })
  /** Absent (null) where the interviewer comes from the dashboard's rollups. */
  externalId?: string | null;
}
