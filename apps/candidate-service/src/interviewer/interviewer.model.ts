import { Field, ID, ObjectType } from '@nestjs/graphql';

/** Interviewer.archived is resolved by InterviewerResolver (recruiters only). */
@ObjectType('Interviewer')
export class InterviewerModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() email!: string;
}
