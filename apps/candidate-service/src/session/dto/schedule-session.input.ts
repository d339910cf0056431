import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class ScheduleSessionInput {
  @Field(() => ID) candidateId!: string;
  @Field(() => ID) roleId!: string;
  @Field(() => [ID]) interviewerIds!: string[];
  @Field() title!: string;
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
  @Field(() => String, {
    nullable: true,
    description:
      'Idempotent upsert by externalId: a repeated call returns the same session (rescheduled if its times changed and it has not started); nothing is mailed twice.',
  })
  externalId?: string | null;
}
