import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Interviewer')
export class InterviewerModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() email!: string;
}
