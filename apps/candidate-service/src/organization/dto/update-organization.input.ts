import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) feedbackDeadlineHours?: number | null;
  @Field(() => [Int], { nullable: true }) reminderHours?: number[] | null;
  @Field(() => Int, { nullable: true }) minResponsesForAnswer?: number | null;
  @Field(() => Boolean, { nullable: true }) shareScoreWithCandidates?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'null keeps personal data until erased by hand.' }) retentionDays?: number | null;
}
