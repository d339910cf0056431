import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class ScheduleSessionInput {
  @Field(() => ID) candidateId!: string;
  @Field(() => ID) roleId!: string;
  @Field(() => [ID]) interviewerIds!: string[];
  @Field() title!: string;
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
}
